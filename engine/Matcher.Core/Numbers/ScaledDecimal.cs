using System.Globalization;
using System.Runtime.InteropServices;

namespace Matcher.Core.Numbers;

/// <summary>
/// An exact decimal: <see cref="Mantissa"/> × 10^-<see cref="Scale"/>, blittable, for
/// tick and lot sizes and for turning the decimal strings of the edges into integers.
/// Nothing here rounds: a conversion that is not exact fails.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct ScaledDecimal : IEquatable<ScaledDecimal>
{
    /// <summary>The largest scale (digits after the point).</summary>
    public const int MaxScale = 18;

    /// <summary>Makes a decimal; the value is normalised (no trailing fractional zeros).</summary>
    public ScaledDecimal(long mantissa, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        Mantissa = mantissa;
        Scale = (byte)scale;
    }

    /// <summary>The digits.</summary>
    public long Mantissa { get; }

    /// <summary>How many of the digits are after the point.</summary>
    public byte Scale { get; }

    /// <summary>True when greater than zero.</summary>
    public bool IsPositive => Mantissa > 0;

    /// <summary>
    /// Parses "123", "-0.5", "1.250": an optional minus, digits, an optional point and
    /// digits. No exponent, no group separators, at most 18 digits after the point.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ScaledDecimal value)
    {
        value = default;
        var negative = text.Length > 0 && text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0) || fraction.Length > MaxScale)
        {
            return false;
        }

        Int128 mantissa = 0;
        for (var i = 0; i < whole.Length + fraction.Length; i++)
        {
            var c = i < whole.Length ? whole[i] : fraction[i - whole.Length];
            if (c < '0' || c > '9')
            {
                return false;
            }

            mantissa = (mantissa * 10) + (c - '0');
            if (mantissa > long.MaxValue)
            {
                return false;
            }
        }

        value = new ScaledDecimal(negative ? -(long)mantissa : (long)mantissa, fraction.Length);
        return true;
    }

    /// <summary>Parses, throwing <see cref="FormatException"/> when the text is not a decimal.</summary>
    public static ScaledDecimal Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"not a decimal: '{text}'");

    /// <summary>
    /// The value in units of 10^-<paramref name="decimals"/> (e.g. satoshis for 8): false when
    /// it has more digits after the point than that, or does not fit in 64 bits.
    /// </summary>
    public bool TryToUnits(int decimals, out long units) => TryDivideExact(new ScaledDecimal(1, decimals), out units);

    /// <summary>
    /// How many <paramref name="step"/>s make this value: false when not a whole number of
    /// steps, when the step is not positive, or when the count does not fit in 64 bits.
    /// </summary>
    public bool TryDivideExact(ScaledDecimal step, out long count)
    {
        count = 0;
        if (!step.IsPositive)
        {
            return false;
        }

        var scale = Math.Max(Scale, step.Scale);
        var numerator = (Int128)Mantissa * Pow10(scale - Scale);
        var denominator = (Int128)step.Mantissa * Pow10(scale - step.Scale);
        var quotient = Int128.DivRem(numerator, denominator);
        if (quotient.Remainder != 0 || quotient.Quotient > long.MaxValue || quotient.Quotient < long.MinValue)
        {
            return false;
        }

        count = (long)quotient.Quotient;
        return true;
    }

    /// <summary><paramref name="count"/> × this value, or false when it does not fit.</summary>
    public bool TryMultiply(long count, out ScaledDecimal product)
    {
        var result = (Int128)Mantissa * count;
        product = default;
        if (result > long.MaxValue || result < long.MinValue)
        {
            return false;
        }

        product = new ScaledDecimal((long)result, Scale);
        return true;
    }

    /// <summary>The value as a plain decimal string ("0.01", "-3", "1.5").</summary>
    public override string ToString()
    {
        var digits = Int128.Abs(Mantissa).ToString(CultureInfo.InvariantCulture).PadLeft(Scale + 1, '0');
        var sign = Mantissa < 0 ? "-" : "";
        return Scale == 0 ? sign + digits : $"{sign}{digits[..^Scale]}.{digits[^Scale..]}";
    }

    /// <inheritdoc />
    public bool Equals(ScaledDecimal other) => Mantissa == other.Mantissa && Scale == other.Scale;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ScaledDecimal other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Mantissa, Scale);

    /// <summary>Equality.</summary>
    public static bool operator ==(ScaledDecimal left, ScaledDecimal right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ScaledDecimal left, ScaledDecimal right) => !left.Equals(right);

    private static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
