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
}
