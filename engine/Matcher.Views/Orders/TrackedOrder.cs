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

    /// <summary>A copy, for readers outside the tracker's lock.</summary>
    public TrackedOrder MemberwiseCloneOrder() => (TrackedOrder)MemberwiseClone();
}
