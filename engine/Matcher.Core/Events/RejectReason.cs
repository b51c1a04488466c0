namespace Matcher.Core.Events;

/// <summary>
/// Why the core rejected a command. A rejected command changes no state. Clients see
/// these codes (FIX text, WebSocket reject codes). Persisted: values pinned by a test;
/// add new members with new numbers.
/// </summary>
public enum RejectReason : ushort
{
    /// <summary>Not a reject.</summary>
    None = 0,

    /// <summary>The command type is unknown to this core.</summary>
    UnknownCommand = 1,

    /// <summary>No instrument with this id.</summary>
    UnknownInstrument = 2,

    /// <summary>No account with this id.</summary>
    UnknownAccount = 3,

    /// <summary>No asset with this id.</summary>
    UnknownAsset = 4,

    /// <summary>No live order with this id or client order id for this account.</summary>
    UnknownOrder = 5,

    /// <summary>The instrument is halted.</summary>
    InstrumentHalted = 6,

    /// <summary>The instrument accepts cancels only.</summary>
    InstrumentCancelOnly = 7,

    /// <summary>Side missing or invalid.</summary>
    InvalidSide = 8,

    /// <summary>Order type missing or invalid.</summary>
    InvalidOrderType = 9,

    /// <summary>Time in force missing, invalid, or not allowed with this order type.</summary>
    InvalidTimeInForce = 10,

    /// <summary>Quantity not positive, or not above what is already filled.</summary>
    InvalidQuantity = 11,

    /// <summary>Price not positive, or given where it must not be.</summary>
    InvalidPrice = 12,

    /// <summary>Quantity below the instrument's minimum.</summary>
    QuantityBelowMinimum = 13,

    /// <summary>Price × quantity below the instrument's minimum notional.</summary>
    NotionalBelowMinimum = 14,

    /// <summary>Not enough available balance to lock what the order or withdrawal can consume.</summary>
    InsufficientFunds = 15,

    /// <summary>A post-only order would have traded on arrival.</summary>
    PostOnlyWouldTake = 16,

    /// <summary>The account already has a live order with this client order id.</summary>
    DuplicateClientOrderId = 17,

    /// <summary>GTD without an expiry time in the future, or an expiry time on a non-GTD order.</summary>
    InvalidExpireTime = 18,

    /// <summary>Self-trade prevention mode invalid.</summary>
    InvalidSelfTradePrevention = 19,

    /// <summary>The amend changes nothing.</summary>
    AmendNoChange = 20,

    /// <summary>A market order option (quote budget, post-only) given where it does not apply.</summary>
    InvalidOrderOption = 21,

    /// <summary>A value or its notional does not fit in 64 bits.</summary>
    ValueOverflow = 22,

    /// <summary>The asset id is taken.</summary>
    DuplicateAsset = 23,

    /// <summary>The instrument id is taken.</summary>
    DuplicateInstrument = 24,

    /// <summary>The account id is taken.</summary>
    DuplicateAccount = 25,

    /// <summary>Asset code or decimal scale invalid.</summary>
    InvalidAsset = 26,

    /// <summary>Instrument definition invalid (assets, tick or lot size, minimums).</summary>
    InvalidInstrument = 27,

    /// <summary>Tick or lot size cannot change while the instrument has resting orders.</summary>
    InstrumentHasOrders = 28,

    /// <summary>Fee tier missing, or rates out of range.</summary>
    InvalidFeeTier = 29,

    /// <summary>Amount not positive.</summary>
    InvalidAmount = 30,

    /// <summary>No pending withdrawal with this id.</summary>
    UnknownWithdrawal = 31,

    /// <summary>The withdrawal id is already used.</summary>
    DuplicateWithdrawal = 32,

    /// <summary>Client order id missing where it is required, or not printable ASCII.</summary>
    InvalidClientOrderId = 33,

    /// <summary>Instrument status missing or invalid.</summary>
    InvalidStatus = 34,

    /// <summary>This chain deposit (transaction hash, log index) was credited already.</summary>
    DuplicateDeposit = 35,

    /// <summary>The account's kill switch is on: no new orders or amends until it is released.</summary>
    AccountHalted = 36,

    /// <summary>The account has as many open orders as its limit allows.</summary>
    OpenOrderLimit = 37,

    /// <summary>The order's quantity is above the account's limit per order.</summary>
    OrderQuantityLimit = 38,

    /// <summary>The order's notional is above the account's limit per order.</summary>
    OrderNotionalLimit = 39,

    /// <summary>A limit or a price band is negative.</summary>
    InvalidLimit = 40,

    /// <summary>The limit price is outside the instrument's price band around the last trade price.</summary>
    PriceOutsideBand = 41,

    /// <summary>Trigger missing or inconsistent: no stop price, a stop price with no trigger, both or neither trailing offset, a trailing limit order, or post-only.</summary>
    InvalidTrigger = 42,

    /// <summary>The order to tie to is not a live order of the account.</summary>
    UnknownLinkedOrder = 43,

    /// <summary>Contingency invalid: unknown type, a link without one, or an order that is already tied.</summary>
    InvalidContingency = 44,

    /// <summary>The account's market-maker protection has tripped: no quotes until it is reset.</summary>
    MarketMakerProtection = 45,

    /// <summary>A trailing stop needs a last trade price to trail.</summary>
    NoReferencePrice = 46,

    /// <summary>The stop price is already reached by the last trade price: the order would trigger at once.</summary>
    WouldTriggerImmediately = 47,

    /// <summary>Quote invalid: a leg with a quantity but no price or a price but no quantity, or a bid at or above the ask.</summary>
    InvalidQuote = 48,
}
