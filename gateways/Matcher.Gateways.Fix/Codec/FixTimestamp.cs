namespace Matcher.Gateways.Fix.Codec;

/// <summary>
/// UTCTimestamp fields: written as <c>yyyyMMdd-HH:mm:ss.fff</c> (FIX 4.4), read with no fraction or with
/// 3, 6 or 9 fraction digits. No <see cref="DateTime"/> formatting: no allocation, no culture.
/// </summary>
public static class FixTimestamp
{
    /// <summary>Bytes written by <see cref="Write"/>.</summary>
    public const int Length = 21;

    private const long TicksPerDay = TimeSpan.TicksPerDay;
    private const long NanosecondsPerTick = 100;

    /// <summary>Writes <paramref name="unixTimeNs"/> (nanoseconds since the Unix epoch, UTC) as 21 bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the epoch or after year 9999.</exception>
    public static void Write(Span<byte> destination, long unixTimeNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unixTimeNs);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
        var ticks = DateTime.UnixEpoch.Ticks + (unixTimeNs / NanosecondsPerTick);
        var date = new DateTime(ticks, DateTimeKind.Utc);
        date.Deconstruct(out int year, out int month, out int day);
        var timeOfDayTicks = ticks % TicksPerDay;
        var milliseconds = (int)(timeOfDayTicks / TimeSpan.TicksPerMillisecond);
        var hour = milliseconds / 3_600_000;
        var minute = milliseconds / 60_000 % 60;
        var second = milliseconds / 1000 % 60;
        milliseconds %= 1000;

        WriteDigits(destination[..4], year);
        WriteDigits(destination.Slice(4, 2), month);
        WriteDigits(destination.Slice(6, 2), day);
        destination[8] = (byte)'-';
        WriteDigits(destination.Slice(9, 2), hour);
        destination[11] = (byte)':';
        WriteDigits(destination.Slice(12, 2), minute);
        destination[14] = (byte)':';
        WriteDigits(destination.Slice(15, 2), second);
        destination[17] = (byte)'.';
        WriteDigits(destination.Slice(18, 3), milliseconds);
    }

    /// <summary>
    /// Reads <c>yyyyMMdd-HH:mm:ss</c> with an optional fraction of 3, 6 or 9 digits as nanoseconds since the
    /// Unix epoch. False for any other shape or an impossible date or time.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out long unixTimeNs)
    {
        unixTimeNs = 0;
        if (value.Length < 17 || value[8] != '-' || value[11] != ':' || value[14] != ':')
        {
            return false;
        }

        if (!TryDigits(value[..4], out var year) || !TryDigits(value.Slice(4, 2), out var month)
            || !TryDigits(value.Slice(6, 2), out var day) || !TryDigits(value.Slice(9, 2), out var hour)
            || !TryDigits(value.Slice(12, 2), out var minute) || !TryDigits(value.Slice(15, 2), out var second))
        {
            return false;
        }

        // Seconds may be 60: a leap second (FIX allows it); it counts into the next minute.
        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        long fractionNs = 0;
        if (value.Length > 17)
        {
            var fraction = value[18..];
            if (value[17] != '.' || fraction.Length is not (3 or 6 or 9) || !TryDigits(fraction, out var digits))
            {
                return false;
            }

            fractionNs = fraction.Length switch { 3 => digits * 1_000_000L, 6 => digits * 1000L, _ => digits };
        }

        var days = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = (hour * 3600L) + (minute * 60L) + second;
        unixTimeNs = (days * NanosecondsPerTick) + (seconds * 1_000_000_000L) + fractionNs;
        return true;
    }

    private static void WriteDigits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            var digit = b - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
