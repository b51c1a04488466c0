using System.Globalization;
using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>
/// One instrument of an InstrumentList, with the conversions between the wire's integers (ticks, lots) and
/// decimal prices and quantities. Conversions are exact: a decimal that is not a whole number of ticks or
/// lots is refused, never rounded (DESIGN.md, "Integers only").
/// </summary>
public sealed class InstrumentInfo
{
    /// <summary>The most digits after the point a <see cref="decimal"/> holds.</summary>
    private const int MaxDecimalScale = 28;

    /// <summary>The digits after the point of <see cref="ExecutionReport.AvgPriceTicksE8"/>.</summary>
    private const int AveragePriceScale = 8;

    /// <summary>The instrument described by <paramref name="entry"/>.</summary>
    public InstrumentInfo(in InstrumentEntry entry)
    {
        InstrumentId = entry.InstrumentId;
        Status = (InstrumentStatus)entry.Status;
        TickMantissa = entry.TickMantissa;
        TickScale = entry.TickScale;
        LotMantissa = entry.LotMantissa;
        LotScale = entry.LotScale;
        MinQuantityLots = entry.MinQuantityLots;
        MinNotional = entry.MinNotional;
        var copy = entry;
        Symbol = copy.Symbol.ToString();
        BaseAsset = copy.BaseAsset.ToString();
        QuoteAsset = copy.QuoteAsset.ToString();
        TickSize = Scaled(TickMantissa, TickScale);
        LotSize = Scaled(LotMantissa, LotScale);
    }

    /// <summary>The instrument's id, which order entry and subscriptions use.</summary>
    public int InstrumentId { get; }

    /// <summary>The trading status.</summary>
    public InstrumentStatus Status { get; }

    /// <summary>The symbol, e.g. <c>BTC-USD</c>.</summary>
    public string Symbol { get; }

    /// <summary>The base asset's code.</summary>
    public string BaseAsset { get; }

    /// <summary>The quote asset's code.</summary>
    public string QuoteAsset { get; }

    /// <summary>tickSize = TickMantissa × 10^-TickScale.</summary>
    public long TickMantissa { get; }

    /// <summary>The tick size's decimal exponent (negated).</summary>
    public int TickScale { get; }

    /// <summary>lotSize = LotMantissa × 10^-LotScale.</summary>
    public long LotMantissa { get; }

    /// <summary>The lot size's decimal exponent (negated).</summary>
    public int LotScale { get; }

    /// <summary>The price of one tick.</summary>
    public decimal TickSize { get; }

    /// <summary>The quantity of one lot.</summary>
    public decimal LotSize { get; }

    /// <summary>The smallest order, in lots.</summary>
    public long MinQuantityLots { get; }

    /// <summary>The smallest order value, in the quote asset's units (the protocol does not give the asset's scale).</summary>
    public long MinNotional { get; }

    /// <summary>The decimal price of <paramref name="priceTicks"/>.</summary>
    public decimal PriceOf(long priceTicks) => Scaled((Int128)priceTicks * TickMantissa, TickScale);

    /// <summary>The decimal quantity of <paramref name="lots"/>.</summary>
    public decimal QuantityOf(long lots) => Scaled((Int128)lots * LotMantissa, LotScale);

    /// <summary>The decimal average price of an ExecutionReport's <c>avgPriceTicksE8</c> (ticks × 10^8, truncated by the server).</summary>
    public decimal AveragePriceOf(long avgPriceTicksE8) => Scaled((Int128)avgPriceTicksE8 * TickMantissa, TickScale + AveragePriceScale);

    /// <summary>The ticks of <paramref name="price"/>; false when it is not a whole number of ticks or out of range.</summary>
    public bool TryGetTicks(decimal price, out long priceTicks) => TryUnits(price, TickSize, out priceTicks);

    /// <summary>The lots of <paramref name="quantity"/>; false when it is not a whole number of lots or out of range.</summary>
    public bool TryGetLots(decimal quantity, out long lots) => TryUnits(quantity, LotSize, out lots);

    /// <summary>The ticks of <paramref name="price"/>.</summary>
    /// <exception cref="ArgumentException">The price is not a whole number of ticks.</exception>
    public long TicksOf(decimal price) => TryGetTicks(price, out var ticks)
        ? ticks
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{price} is not a whole number of ticks of {TickSize} ({Symbol})"), nameof(price));

    /// <summary>The lots of <paramref name="quantity"/>.</summary>
    /// <exception cref="ArgumentException">The quantity is not a whole number of lots.</exception>
    public long LotsOf(decimal quantity) => TryGetLots(quantity, out var lots)
        ? lots
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{quantity} is not a whole number of lots of {LotSize} ({Symbol})"), nameof(quantity));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Symbol} ({InstrumentId}): tick {TickSize}, lot {LotSize}, {Status}");

    private static bool TryUnits(decimal value, decimal unit, out long units)
    {
        units = 0;
        // The second test keeps the division below from overflowing a decimal (it cannot give a long anyway).
        if (unit <= 0 || Math.Abs(value) / long.MaxValue > unit || value % unit != 0)
        {
            return false;
        }

        // The remainder is exact; with none, the quotient is a whole number and division gives it exactly.
        var quotient = value / unit;
        if (quotient is < long.MinValue or > long.MaxValue)
        {
            return false;
        }

        units = (long)quotient;
        return true;
    }

    /// <summary><paramref name="value"/> × 10^-<paramref name="scale"/> as a decimal, built from its bits so that nothing rounds.</summary>
    /// <exception cref="OverflowException">The value does not fit a decimal.</exception>
    internal static decimal Scaled(Int128 value, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        var negative = value < 0;
        var magnitude = (UInt128)(negative ? -value : value);
        while (scale > MaxDecimalScale)
        {
            // Only a tick scale above 20 gets here (average prices): digits beyond a decimal's are truncated,
            // as the server truncates the average itself.
            magnitude /= 10;
            scale--;
        }

        if (magnitude >> 96 != 0)
        {
            throw new OverflowException(string.Create(CultureInfo.InvariantCulture, $"{value} × 10^-{scale} does not fit a decimal"));
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }
}
