using Matcher.Core.Commands;

namespace Matcher.Core.Tests.Properties;

/// <summary>An order in the reference model: plain mutable fields.</summary>
internal sealed class RefOrder
{
    public long Id { get; init; }

    public long AccountId { get; init; }

    public int InstrumentId { get; init; }

    public string ClientOrderId { get; set; } = "";

    public Side Side { get; init; }

    public OrderType Type { get; init; }

    public TimeInForce TimeInForce { get; init; }

    public long PriceTicks { get; set; }

    public long QuantityLots { get; set; }

    public long FilledLots { get; set; }

    /// <summary>A market buy's budget in quote units as given (0: the order is by quantity).</summary>
    public long QuoteBudget { get; init; }

    public SelfTradePrevention SelfTradePrevention { get; init; }

    public bool PostOnly { get; init; }

    public long ExpireTimeNs { get; init; }

    public Origin Origin { get; set; }

    /// <summary>What a market order still has locked during its command (its resting orders use <see cref="ReferenceExchange.LockOf"/>).</summary>
    public long MarketLockUnits { get; set; }

    public long RemainingLots => QuantityLots - FilledLots;

    public bool IsBudgetBuy => QuoteBudget > 0;
}
