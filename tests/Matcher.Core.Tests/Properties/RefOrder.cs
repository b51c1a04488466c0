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

    /// <summary>Stop, take-profit or trailing stop (None: an ordinary order).</summary>
    public TriggerType Trigger { get; init; }

    /// <summary>The trigger price; a trailing stop's moves with the best trade price since placement.</summary>
    public long StopPriceTicks { get; set; }

    public long TrailingOffsetTicks { get; init; }

    public long TrailingOffsetBps { get; init; }

    /// <summary>A trailing stop's best trade price so far: the highest for a sell, the lowest for a buy.</summary>
    public long TrailingExtremeTicks { get; set; }

    /// <summary>True while a conditional order waits off the book for its trigger.</summary>
    public bool IsWaiting { get; set; }

    /// <summary>An iceberg's display quantity (0: the whole remainder shows).</summary>
    public long DisplayLots { get; init; }

    /// <summary>An iceberg's current visible slice while it rests.</summary>
    public long VisibleLots { get; set; }

    public long RemainingLots => QuantityLots - FilledLots;

    /// <summary>What the book shows: an iceberg's slice, or everything that remains.</summary>
    public long ShownLots => DisplayLots > 0 ? VisibleLots : RemainingLots;

    public bool IsBudgetBuy => QuoteBudget > 0;
}
