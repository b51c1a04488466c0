using System.Globalization;

namespace Matcher.Cli.Sim;

/// <summary>
/// Times at the simulator's edge: nanoseconds since the Unix epoch inside, ISO-8601 UTC
/// strings with nanoseconds outside ("2024-01-01T00:00:00.000000001Z").
/// </summary>
/// <remarks>
/// Output always has nine fractional digits so that every time has one spelling and the
/// output is the same bytes on every run. Nanosecond times do not fit in a JSON number
/// that JavaScript or a double reads exactly, hence strings.
/// </remarks>
internal static class Timestamps
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>The latest time that fits: 2262-04-11T23:47:16.854775807Z.</summary>
    public const long MaxNs = long.MaxValue;

    /// <summary>
    /// Reads "yyyy-MM-ddTHH:mm:ss[.f…]Z" (zero to nine fractional digits; "+00:00" in place
    /// of "Z" is accepted) as nanoseconds since the Unix epoch, not before it.
    /// </summary>
    public static bool TryParse(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        var span = text.AsSpan();
        if (span.EndsWith("Z", StringComparison.Ordinal))
        {
            span = span[..^1];
        }
        else if (span.EndsWith("+00:00", StringComparison.Ordinal))
        {
            span = span[..^6];
        }
        else
        {
            return false;
        }

        const int WholeSecondsLength = 19; // yyyy-MM-ddTHH:mm:ss
        if (span.Length < WholeSecondsLength
            || !DateTime.TryParseExact(span[..WholeSecondsLength], "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var whole))
        {
            return false;
        }

        var fraction = span[WholeSecondsLength..];
        long fractionNs = 0;
        if (fraction.Length > 0)
        {
            if (fraction[0] != '.' || fraction.Length is < 2 or > 10)
            {
                return false;
            }

            for (var i = 1; i < 10; i++)
            {
                var digit = i < fraction.Length ? fraction[i] : '0';
                if (digit is < '0' or > '9')
                {
                    return false;
                }

                fractionNs = (fractionNs * 10) + (digit - '0');
            }
        }

        var seconds = (whole - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;
        if (seconds < 0 || seconds > (MaxNs - fractionNs) / NanosecondsPerSecond)
        {
            return false;
        }

        nanoseconds = (seconds * NanosecondsPerSecond) + fractionNs;
        return true;
    }

    /// <summary>Writes nanoseconds since the Unix epoch (not negative) as "yyyy-MM-ddTHH:mm:ss.fffffffffZ".</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            return nanoseconds.ToString(CultureInfo.InvariantCulture);
        }

        var whole = DateTime.UnixEpoch.AddTicks(nanoseconds / NanosecondsPerSecond * TimeSpan.TicksPerSecond);
        var fraction = nanoseconds % NanosecondsPerSecond;
        return string.Create(CultureInfo.InvariantCulture, $"{whole:yyyy-MM-dd'T'HH:mm:ss}.{fraction:D9}Z");
    }
}
