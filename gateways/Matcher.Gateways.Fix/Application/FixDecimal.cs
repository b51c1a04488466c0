using Matcher.Core.Numbers;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// FIX decimal fields (prices, quantities) to and from <see cref="ScaledDecimal"/>, on
/// ASCII bytes with no allocation. Nothing is rounded: the grid checks happen where the
/// value meets its instrument.
/// </summary>
internal static class FixDecimal
{
    /// <summary>The longest decimal accepted: 19 digits, a point and a sign, with room to spare.</summary>
    private const int MaxLength = 40;

    /// <summary>Parses "123", "0.5", "-1.25" (no exponent, no plus sign).</summary>
    public static bool TryParse(ReadOnlySpan<byte> ascii, out ScaledDecimal value)
    {
        value = default;
        if (ascii.Length is 0 or > MaxLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[ascii.Length];
        for (var i = 0; i < ascii.Length; i++)
        {
            chars[i] = (char)ascii[i];
        }

        return ScaledDecimal.TryParse(chars, out value);
    }

    /// <summary>
    /// Writes <paramref name="mantissa"/> × 10^-<paramref name="scale"/> as a plain decimal
    /// with no trailing fractional zeros ("30000", "0.5", "-1.25"); returns the length.
    /// </summary>
    public static int Format(Int128 mantissa, int scale, Span<byte> destination)
    {
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        Span<byte> digits = stackalloc byte[48];
        var count = 0;
        var negative = mantissa < 0;
        var rest = Int128.Abs(mantissa);
        do
        {
            digits[count++] = (byte)('0' + (int)(rest % 10));
            rest /= 10;
        }
        while (rest != 0 || count <= scale);

        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        for (var i = count - 1; i >= 0; i--)
        {
            destination[at++] = digits[i];
            if (i == scale && scale > 0)
            {
                destination[at++] = (byte)'.';
            }
        }

        return at;
    }

    /// <summary>Writes <paramref name="count"/> × <paramref name="step"/> (a price in ticks, a quantity in lots).</summary>
    public static int FormatMultiple(ScaledDecimal step, long count, Span<byte> destination) =>
        Format((Int128)step.Mantissa * count, step.Scale, destination);
}
