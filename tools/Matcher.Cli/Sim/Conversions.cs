using Matcher.Core.Numbers;
using Matcher.Core.State;

namespace Matcher.Cli.Sim;

/// <summary>
/// Decimal strings of the input into the core's integers: prices into ticks, quantities
/// into lots, amounts into asset units. Nothing is rounded: a value off the grid is an
/// input error that says which grid.
/// </summary>
internal static class Conversions
{
    /// <summary>A price in ticks of <paramref name="instrument"/>; positive, on the tick grid.</summary>
    public static long Ticks(Instrument instrument, DecimalInput price)
    {
        if (instrument.TryToTicks(price.Value, out var ticks))
        {
            return ticks;
        }

        throw Failure(price, instrument.Definition.TickSize, "tick", instrument.Definition.Symbol.ToString());
    }

    /// <summary>A quantity in lots of <paramref name="instrument"/>; positive, on the lot grid.</summary>
    public static long Lots(Instrument instrument, DecimalInput quantity)
    {
        if (instrument.TryToLots(quantity.Value, out var lots))
        {
            return lots;
        }

        throw Failure(quantity, instrument.Definition.LotSize, "lot", instrument.Definition.Symbol.ToString());
    }

    /// <summary>A quantity in lots of <paramref name="lotSize"/> (an instrument being defined).</summary>
    public static long Lots(ScaledDecimal lotSize, DecimalInput quantity, string symbol)
    {
        if (quantity.Value.TryDivideExact(lotSize, out var lots) && lots > 0)
        {
            return lots;
        }

        throw Failure(quantity, lotSize, "lot", symbol);
    }

    /// <summary>An amount in units of <paramref name="asset"/>: positive (or zero when allowed), at most its scale in decimals.</summary>
    public static long Units(Asset asset, DecimalInput amount, bool allowZero = false)
    {
        var sign = amount.Value.Mantissa;
        if (sign < 0 || (sign == 0 && !allowZero))
        {
            throw new SimInputException($"{amount.Field} {amount.Text} is {(allowZero ? "negative" : "not positive")}");
        }

        if (amount.Value.TryToUnits(asset.Scale, out var units))
        {
            return units;
        }

        var unit = new ScaledDecimal(1, asset.Scale);
        throw IsMultiple(amount.Value, unit)
            ? new SimInputException($"{amount.Field} {amount.Text} is too large for {asset.Code}")
            : new SimInputException($"{amount.Field} {amount.Text} is not a multiple of {unit} ({asset.Code} has {asset.Scale} decimals)");
    }

    /// <summary>True when <paramref name="value"/> is a whole number of <paramref name="step"/>s (step positive).</summary>
    public static bool IsMultiple(ScaledDecimal value, ScaledDecimal step)
    {
        // Both mantissas fit in 63 bits and scales are at most 18, so the products fit in 128.
        var scale = Math.Max(value.Scale, step.Scale);
        var numerator = value.Mantissa * Pow10(scale - value.Scale);
        var denominator = step.Mantissa * Pow10(scale - step.Scale);
        return denominator != 0 && numerator % denominator == 0;
    }

    private static SimInputException Failure(DecimalInput input, ScaledDecimal step, string stepName, string symbol)
    {
        if (!input.Value.IsPositive)
        {
            return new SimInputException($"{input.Field} {input.Text} is not positive");
        }

        return IsMultiple(input.Value, step)
            ? new SimInputException($"{input.Field} {input.Text} is too large for {symbol}")
            : new SimInputException($"{input.Field} {input.Text} is not a multiple of {stepName} {step} ({symbol})");
    }

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
