using System.Globalization;
using Matcher.Core.Numbers;
using Matcher.Core.State;

namespace Matcher.Cli.Sim;

/// <summary>
/// Integers of the core (ticks, lots, asset units) as the decimal strings of the
/// simulator's output: "30000.01", "0.5", "-0.3". No exponent, no trailing fractional
/// zeros, "0" for zero: one spelling per value.
/// </summary>
/// <remarks>
/// Works in 128 bits, so it never fails: <see cref="Instrument.PriceOf"/> and
/// <see cref="Instrument.QuantityOf"/> give the same text but throw when the product does
/// not fit in 64 bits, which a rejected command's echoed price can do.
/// </remarks>
internal static class DecimalText
{
    /// <summary><paramref name="ticks"/> × the instrument's tick size.</summary>
    public static string Price(Instrument instrument, long ticks) => Multiple(instrument.Definition.TickSize, ticks);

    /// <summary><paramref name="lots"/> × the instrument's lot size.</summary>
    public static string Quantity(Instrument instrument, long lots) => Multiple(instrument.Definition.LotSize, lots);

    /// <summary><paramref name="units"/> of an asset: units × 10^-scale.</summary>
    public static string Amount(Asset asset, long units) => Format(units, asset.Scale);

    /// <summary><paramref name="count"/> × <paramref name="step"/>.</summary>
    public static string Multiple(ScaledDecimal step, long count) => Format((Int128)step.Mantissa * count, step.Scale);

    /// <summary><paramref name="mantissa"/> × 10^-<paramref name="scale"/>.</summary>
    public static string Format(Int128 mantissa, int scale)
    {
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        var negative = mantissa < 0;
        var digits = (negative ? -mantissa : mantissa).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var sign = negative ? "-" : "";
        return scale == 0 ? sign + digits : $"{sign}{digits[..^scale]}.{digits[^scale..]}";
    }
}
