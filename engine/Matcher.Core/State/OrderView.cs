using Matcher.Core.Commands;
using Matcher.Core.Text;

namespace Matcher.Core.State;

/// <summary>A copy of a live order's fields, for tools and tests.</summary>
public readonly record struct OrderView(
    long OrderId,
    long AccountId,
    int InstrumentId,
    ClientOrderId ClientOrderId,
    Side Side,
    TimeInForce TimeInForce,
    long PriceTicks,
    long QuantityLots,
    long FilledLots,
    long LockedUnits,
    long ExpireTimeNs)
{
    /// <summary>Open quantity.</summary>
    public long RemainingLots => QuantityLots - FilledLots;

    /// <summary>Limit or market (a waiting stop may be either).</summary>
    public OrderType OrderType { get; init; }

    /// <summary>What the book shows of it: an iceberg's visible slice, else the open quantity; 0 while waiting.</summary>
    public long ShownLots { get; init; }

    /// <summary>A conditional order's trigger (None for an ordinary order).</summary>
    public TriggerType Trigger { get; init; }

    /// <summary>Waiting for its trigger, off the book (<see cref="MatchingEngine.EnumerateWaitingOrders"/>).</summary>
    public bool IsWaiting { get; init; }

    /// <summary>The stop price in ticks (a trailing stop's current one).</summary>
    public long StopPriceTicks { get; init; }

    /// <summary>A trailing stop's distance in ticks.</summary>
    public long TrailingOffsetTicks { get; init; }

    /// <summary>A trailing stop's distance in basis points.</summary>
    public long TrailingOffsetBps { get; init; }

    /// <summary>An iceberg's display quantity (0: all shows).</summary>
    public long DisplayLots { get; init; }

    /// <summary>The one-cancels-other partner (0: none).</summary>
    public long LinkedOrderId { get; init; }

    /// <summary>A leg of the account's quote.</summary>
    public bool IsQuote { get; init; }

    /// <summary>A market buy's quote budget (0: by quantity).</summary>
    public long QuoteBudget { get; init; }
}
