using Matcher.Core.Book;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;

namespace Matcher.Core.State;

/// <summary>
/// An instrument and its book. The integer factors turn ticks and lots into asset units:
/// a quantity of q lots is q × <see cref="LotUnits"/> base units, and p ticks × q lots
/// cost p × q × <see cref="TickValue"/> quote units.
/// </summary>
public sealed class Instrument
{
    internal Instrument(int id, int index, OrderBook book)
    {
        Id = id;
        Index = index;
        Book = book;
    }

    /// <summary>The instrument's id in commands.</summary>
    public int Id { get; }

    /// <summary>The definition as last set by an admin command.</summary>
    public InstrumentDefinition Definition { get; internal set; }

    /// <summary>Trading, halted or cancel-only.</summary>
    public InstrumentStatus Status { get; internal set; }

    /// <summary>Base asset units in one lot.</summary>
    public long LotUnits { get; internal set; }

    /// <summary>Quote asset units that one tick of price costs for one lot.</summary>
    public long TickValue { get; internal set; }

    /// <summary>The price band in basis points around <see cref="LastTradePriceTicks"/> (0: none).</summary>
    public long PriceBandBps { get; internal set; }

    /// <summary>The last trade's price: the band's reference (0 before the first trade).</summary>
    public long LastTradePriceTicks { get; internal set; }

    /// <summary>The circuit breaker's limit in basis points from its reference (0: none).</summary>
    public long CircuitBreakerBps { get; internal set; }

    /// <summary>The circuit breaker's window in nanoseconds.</summary>
    public long CircuitBreakerWindowNs { get; internal set; }

    /// <summary>The current window's reference price (0: no window open).</summary>
    internal long BreakerReferenceTicks { get; set; }

    /// <summary>When the current window began.</summary>
    internal long BreakerWindowStartNs { get; set; }

    /// <summary>
    /// Whether a trade at <paramref name="priceTicks"/> at <paramref name="nowNs"/> would trip the
    /// circuit breaker. Opens a new window (reference: the last trade price) when none is open
    /// or the last one has ended.
    /// </summary>
    internal bool BreakerTrips(long priceTicks, long nowNs)
    {
        if (CircuitBreakerBps == 0 || LastTradePriceTicks == 0)
        {
            return false;
        }

        if (BreakerWindowEnded(nowNs))
        {
            BreakerReferenceTicks = LastTradePriceTicks;
            BreakerWindowStartNs = nowNs;
        }

        return BeyondBreaker(priceTicks, BreakerReferenceTicks);
    }

    private bool BreakerWindowEnded(long nowNs) =>
        BreakerReferenceTicks == 0 || nowNs - BreakerWindowStartNs >= CircuitBreakerWindowNs;

    /// <summary>
    /// The reference a trade now would be measured from, without opening a window (0: no
    /// breaker, or no trade yet, in which case the first trade becomes the reference).
    /// </summary>
    internal long BreakerReference(long nowNs) =>
        CircuitBreakerBps == 0 || LastTradePriceTicks == 0 ? 0
        : BreakerWindowEnded(nowNs) ? LastTradePriceTicks : BreakerReferenceTicks;

    /// <summary>Whether a trade at <paramref name="priceTicks"/> is further from <paramref name="referenceTicks"/> than the breaker allows.</summary>
    internal bool BeyondBreaker(long priceTicks, long referenceTicks) =>
        (Int128)Math.Abs(priceTicks - referenceTicks) * 10_000 > (Int128)referenceTicks * CircuitBreakerBps;

    /// <summary>
    /// Whether <paramref name="priceTicks"/> lies within the band around <paramref name="referenceTicks"/>:
    /// always when there is no band or no reference yet.
    /// </summary>
    public bool WithinBand(long referenceTicks, long priceTicks) =>
        PriceBandBps == 0 || referenceTicks == 0
        || (Int128)Math.Abs(priceTicks - referenceTicks) * 10_000 <= (Int128)referenceTicks * PriceBandBps;

    /// <summary>The base asset.</summary>
    public Asset Base { get; internal set; } = null!;

    /// <summary>The quote asset.</summary>
    public Asset Quote { get; internal set; } = null!;

    internal int Index { get; }

    internal OrderBook Book { get; }

    /// <summary>The waiting stop, take-profit and trailing stop orders.</summary>
    internal TriggerBook Triggers { get; } = new();

    /// <summary>A decimal price as ticks; false when off-tick, not positive, or too large.</summary>
    public bool TryToTicks(ScaledDecimal price, out long ticks) =>
        price.TryDivideExact(Definition.TickSize, out ticks) && ticks > 0;

    /// <summary>A decimal quantity as lots; false when off-lot, not positive, or too large.</summary>
    public bool TryToLots(ScaledDecimal quantity, out long lots) =>
        quantity.TryDivideExact(Definition.LotSize, out lots) && lots > 0;

    /// <summary>Ticks as a decimal price.</summary>
    public ScaledDecimal PriceOf(long ticks) =>
        Definition.TickSize.TryMultiply(ticks, out var price) ? price : throw new OverflowException("price does not fit");

    /// <summary>Lots as a decimal quantity.</summary>
    public ScaledDecimal QuantityOf(long lots) =>
        Definition.LotSize.TryMultiply(lots, out var quantity) ? quantity : throw new OverflowException("quantity does not fit");
}
