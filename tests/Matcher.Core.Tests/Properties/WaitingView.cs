using Matcher.Core.Commands;
using Matcher.Core.Text;

namespace Matcher.Core.Tests.Properties;

/// <summary>A conditional order waiting off the book for its trigger, as the harness compares the engine's with the reference's.</summary>
internal readonly record struct WaitingView(
    long OrderId,
    long AccountId,
    int InstrumentId,
    ClientOrderId ClientOrderId,
    Side Side,
    OrderType Type,
    TimeInForce TimeInForce,
    TriggerType Trigger,
    long PriceTicks,
    long QuantityLots,
    long QuoteBudget,
    long StopPriceTicks,
    long LockedUnits,
    long ExpireTimeNs);
