using Matcher.Core.Commands;
using Matcher.Core.Text;

namespace Matcher.Gateways.Fix.Application;

/// <summary>What the gateway remembers of one live order placed through FIX: for AvgPx, maker fills and OrderStatusRequest.</summary>
internal sealed class TrackedOrder
{
    public long OrderId;
    public long AccountId;
    public int SessionId;
    public int InstrumentId;
    public ClientOrderId ClientOrderId;
    public Side Side;
    public OrderType OrderType;
    public TimeInForce TimeInForce;
    public long PriceTicks;
    public long QuantityLots;
    public long FilledLots;

    /// <summary>Σ trade price (ticks) × trade lots, for AvgPx; unknown (0) for fills before a restart.</summary>
    public Int128 FilledTicksLots;

    /// <summary>A copy, for readers outside the tracker's lock.</summary>
    public TrackedOrder MemberwiseCloneOrder() => (TrackedOrder)MemberwiseClone();
}
