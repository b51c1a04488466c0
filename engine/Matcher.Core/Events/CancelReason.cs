namespace Matcher.Core.Events;

/// <summary>Why an order left the book unfilled. Persisted: values pinned by a test.</summary>
public enum CancelReason : byte
{
    /// <summary>Not a cancel.</summary>
    None = 0,

    /// <summary>The owner cancelled it.</summary>
    User = 1,

    /// <summary>The remainder of an IOC or market order that found no more liquidity.</summary>
    ImmediateOrCancel = 2,

    /// <summary>A fill-or-kill order that could not be filled in full.</summary>
    FillOrKill = 3,

    /// <summary>Self-trade prevention.</summary>
    SelfTrade = 4,

    /// <summary>A GTD order reached its expiry time.</summary>
    Expired = 5,

    /// <summary>A mass cancel.</summary>
    MassCancel = 6,

    /// <summary>A market buy ran out of its quote budget or available funds.</summary>
    FundsExhausted = 7,

    /// <summary>The session that placed (or last amended) it disconnected: a <c>CancelSessionOrders</c> command.</summary>
    SessionDisconnected = 8,

    /// <summary>The account's kill switch was turned on (<c>SetAccountStatus</c> Halted).</summary>
    AccountHalted = 9,

    /// <summary>The rest of a market order whose next price lay outside the instrument's price band.</summary>
    PriceBand = 10,

    /// <summary>Its one-cancels-other partner traded or was cancelled.</summary>
    Contingency = 11,

    /// <summary>The instrument's circuit breaker halted it before the next trade of this order.</summary>
    CircuitBreaker = 12,

    /// <summary>A quote leg replaced by the account's next quote on the instrument.</summary>
    QuoteReplaced = 13,

    /// <summary>A quote leg cancelled because the account's market-maker protection tripped.</summary>
    MarketMakerProtection = 14,
}
