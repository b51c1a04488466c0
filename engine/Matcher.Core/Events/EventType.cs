namespace Matcher.Core.Events;

/// <summary>What an <see cref="EngineEvent"/> reports. Persisted: values pinned by a test.</summary>
public enum EventType : ushort
{
    /// <summary>An empty slot.</summary>
    None = 0,

    /// <summary>A command was rejected; see <see cref="EngineEvent.RejectReason"/>. No state changed.</summary>
    Rejected = 1,

    /// <summary>An order was accepted (it may trade, rest, or be cancelled by the events that follow).</summary>
    OrderAccepted = 2,

    /// <summary>Two orders traded.</summary>
    Trade = 3,

    /// <summary>An order left the book (or never rested) unfilled; see <see cref="EngineEvent.CancelReason"/>.</summary>
    OrderCancelled = 4,

    /// <summary>An order's price, quantity or client order id changed.</summary>
    OrderAmended = 5,

    /// <summary>An account's balance in one asset after the command.</summary>
    BalanceChanged = 6,

    /// <summary>A price level after the command: total quantity and order count (zero when gone).</summary>
    BookLevelChanged = 7,

    /// <summary>An instrument's status changed.</summary>
    InstrumentStatusChanged = 8,

    /// <summary>An asset was added.</summary>
    AssetAdded = 9,

    /// <summary>An instrument was added or its definition changed.</summary>
    InstrumentDefined = 10,

    /// <summary>A fee tier's rates were set.</summary>
    FeeTierSet = 11,

    /// <summary>An account was created or moved to another fee tier.</summary>
    AccountUpdated = 12,

    /// <summary>A withdrawal was locked, completed or failed; see <see cref="EngineEvent.WithdrawalState"/>.</summary>
    WithdrawalUpdated = 13,

    /// <summary>A deposit was credited.</summary>
    DepositApplied = 14,

    /// <summary>The state hash, answering <c>QueryStateHash</c>.</summary>
    StateHash = 15,

    /// <summary>A mass cancel or a session's cancel finished; see <see cref="EngineEvent.AffectedOrders"/>.</summary>
    MassCancelled = 16,

    /// <summary>
    /// A waiting stop, take-profit or trailing stop order was triggered: it now enters the
    /// book as the limit or market order it carries (trades and a rest or cancel may follow).
    /// </summary>
    OrderTriggered = 17,

    /// <summary>
    /// A quote was applied: <see cref="EngineEvent.OrderId"/> is the bid leg and
    /// <see cref="EngineEvent.AskOrderId"/> the ask leg (0 for a side not quoted); the legs'
    /// own events came before.
    /// </summary>
    QuoteAccepted = 18,

    /// <summary>
    /// An account's market-maker protection was set, reset or tripped
    /// (<see cref="EngineEvent.InstrumentStatus"/> Halted: tripped, its quotes were cancelled).
    /// </summary>
    MarketMakerProtectionUpdated = 19,
}
