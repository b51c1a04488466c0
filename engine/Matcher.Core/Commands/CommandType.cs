namespace Matcher.Core.Commands;

/// <summary>What a <see cref="Command"/> asks the core to do.</summary>
/// <remarks>
/// Persisted in journal records and snapshots: the numeric values are pinned by a test
/// and must never change. Add new members with new numbers.
/// </remarks>
public enum CommandType : ushort
{
    /// <summary>An empty slot; the core rejects it.</summary>
    None = 0,

    /// <summary>Place a limit or market order.</summary>
    PlaceOrder = 1,

    /// <summary>Cancel one order, by order id or by client order id.</summary>
    CancelOrder = 2,

    /// <summary>Change an order's price and/or quantity, keeping its client order id.</summary>
    AmendOrder = 3,

    /// <summary>Change an order's price and/or quantity and give it a new client order id.</summary>
    CancelReplace = 4,

    /// <summary>Cancel every open order of an account, optionally narrowed by instrument and side.</summary>
    MassCancel = 5,

    /// <summary>Timer: expire every GTD order whose expiry is at or before the command's timestamp.</summary>
    ExpireOrders = 6,

    /// <summary>
    /// Cancel every open order of an account that the command's own session placed (or last
    /// amended): orders whose origin has the command's <see cref="Origin.GatewayId"/> and
    /// <see cref="Origin.SessionId"/> (the correlation id is ignored). A gateway sends it when
    /// a session with cancel-on-disconnect drops. Orders on halted instruments are skipped,
    /// as in <see cref="MassCancel"/>.
    /// </summary>
    CancelSessionOrders = 7,

    /// <summary>
    /// A market maker's two-sided quote on one instrument: a bid (<see cref="Command.PriceTicks"/>,
    /// <see cref="Command.QuantityLots"/>) and an ask (<see cref="Command.AskPriceTicks"/>,
    /// <see cref="Command.AskQuantityLots"/>), either side may be 0. It replaces the account's
    /// previous quote on the instrument atomically: both legs are checked first, then the old
    /// legs are cancelled (reason <c>QuoteReplaced</c>) and the new ones placed as GTC limit
    /// orders. A quote with no legs withdraws the previous one. Answered by <c>QuoteAccepted</c>.
    /// </summary>
    Quote = 8,

    /// <summary>Clears a tripped market-maker protection so the account may quote again.</summary>
    ResetMarketMakerProtection = 9,

    /// <summary>Admin: add an asset.</summary>
    AddAsset = 20,

    /// <summary>Admin: add an instrument.</summary>
    AddInstrument = 21,

    /// <summary>Admin: change an instrument's minimums (and tick or lot size while its book is empty).</summary>
    UpdateInstrument = 22,

    /// <summary>Admin: set an instrument's status (trading, halted, cancel-only).</summary>
    SetInstrumentStatus = 23,

    /// <summary>Admin: set the maker and taker rates of a fee tier.</summary>
    SetFeeTier = 24,

    /// <summary>Admin: create an account in a fee tier.</summary>
    CreateAccount = 25,

    /// <summary>Admin: move an account to another fee tier.</summary>
    SetAccountFeeTier = 26,

    /// <summary>
    /// Admin: an account's limits — <see cref="Command.MaxOpenOrders"/> open orders,
    /// <see cref="Command.QuantityLots"/> lots and <see cref="Command.Amount"/> quote units of
    /// notional per order (0: no limit). Orders already open are not touched.
    /// </summary>
    SetAccountLimits = 27,

    /// <summary>
    /// Admin: the account kill switch. <see cref="Command.InstrumentStatus"/> Halted cancels
    /// every open order of the account (reason <c>AccountHalted</c>; orders on halted
    /// instruments stay) and refuses new orders and amends until Trading releases it. Cancels
    /// are always accepted.
    /// </summary>
    SetAccountStatus = 28,

    /// <summary>
    /// Admin: the instrument's price band, <see cref="Command.Amount"/> basis points around the
    /// last trade price (0: none). A limit price outside it is refused (<c>PriceOutsideBand</c>);
    /// a market order stops at the first level outside it and its remainder is cancelled
    /// (reason <c>PriceBand</c>).
    /// </summary>
    SetPriceBand = 29,

    /// <summary>
    /// Admin: the instrument's circuit breaker. A trade more than <see cref="Command.Amount"/>
    /// basis points from the reference price (the last trade price when the current window of
    /// <see cref="Command.WindowNs"/> began) does not happen: the instrument halts (reason
    /// <c>CircuitBreaker</c>) until an admin sets it trading again. 0 bps: none.
    /// </summary>
    SetCircuitBreaker = 30,

    /// <summary>
    /// Admin: an account's market-maker protection. When its quotes' fills within
    /// <see cref="Command.WindowNs"/> exceed <see cref="Command.QuantityLots"/> lots or
    /// <see cref="Command.MaxFills"/> fills, all its quotes are cancelled and new ones refused
    /// until it is reset. A 0 window turns it off; setting it also resets it.
    /// </summary>
    SetMarketMakerProtection = 31,

    /// <summary>Credit an account (funds arrived).</summary>
    Deposit = 40,

    /// <summary>Lock funds for a withdrawal that an outside system will pay.</summary>
    RequestWithdrawal = 41,

    /// <summary>The withdrawal was paid: the locked funds leave the account.</summary>
    CompleteWithdrawal = 42,

    /// <summary>The withdrawal failed: the locked funds return to available.</summary>
    FailWithdrawal = 43,

    /// <summary>Ask for the state hash; answered by a <c>StateHash</c> event.</summary>
    QueryStateHash = 60,
}
