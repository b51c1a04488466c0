using Matcher.Core.Commands;
using Matcher.Core.Text;

namespace Matcher.Views.Orders;

/// <summary>What a gateway remembers of one live order its sessions placed: for AvgPx, maker fills and order status requests.</summary>
/// <remarks>Mutable, owned by the <see cref="OrderTracker"/> under its lock; readers get copies from <see cref="OrderTracker.TryFind"/>.</remarks>
public sealed class TrackedOrder
{
    /// <summary>The engine's order id.</summary>
    public long OrderId;

    /// <summary>The owning account.</summary>
    public long AccountId;

    /// <summary>The session (of the gateway) that placed or last amended the order.</summary>
    public int SessionId;

    /// <summary>The instrument.</summary>
    public int InstrumentId;

    /// <summary>The client's id for the order (empty when it gave none).</summary>
    public ClientOrderId ClientOrderId;

    /// <summary>Buy or sell.</summary>
    public Side Side;

    /// <summary>The order type.</summary>
    public OrderType OrderType;

    /// <summary>The time in force.</summary>
    public TimeInForce TimeInForce;

    /// <summary>The limit price in ticks.</summary>
    public long PriceTicks;

    /// <summary>The order's total quantity in lots.</summary>
    public long QuantityLots;

    /// <summary>Lots filled so far.</summary>
    public long FilledLots;

    /// <summary>Σ trade price (ticks) × trade lots, for AvgPx; fills before a restart are assumed at the limit price.</summary>
    public Int128 FilledTicksLots;

    /// <summary>Stop, take-profit or trailing stop (None: an ordinary order); kept after the order triggers.</summary>
    public TriggerType Trigger;

    /// <summary>True once a conditional order has triggered (an <c>OrderTriggered</c> event): it is no longer waiting.</summary>
    public bool Triggered;

    /// <summary>The trigger price in ticks (a trailing stop's current one); 0 for an ordinary order.</summary>
    public long StopPriceTicks;

    /// <summary>A trailing stop's distance in ticks (0: none, or in basis points).</summary>
    public long TrailingOffsetTicks;

    /// <summary>A trailing stop's distance in basis points (0: none, or in ticks).</summary>
    public long TrailingOffsetBps;

    /// <summary>An iceberg's display quantity in lots (0: the whole order shows).</summary>
    public long DisplayLots;

    /// <summary>The one-cancels-other partner's order id (0: not tied).</summary>
    public long LinkedOrderId;

    /// <summary>Whether the order is a quote leg. Quote legs share their quote's client order id and are not found by it.</summary>
    public bool IsQuote;

    /// <summary>A conditional order that has not triggered yet: off the book, waiting for its stop price.</summary>
    public bool IsWaiting => Trigger != TriggerType.None && !Triggered;

    /// <summary>A copy, for readers outside the tracker's lock.</summary>
    public TrackedOrder MemberwiseCloneOrder() => (TrackedOrder)MemberwiseClone();
}
