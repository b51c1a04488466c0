using System.Runtime.InteropServices;
using Matcher.Core.Commands;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Core.Events;

/// <summary>
/// One thing the core decided: a fixed-size, blittable struct written in place into an
/// outbound ring slot. Which fields matter depends on <see cref="Type"/> (see
/// docs/CORE.md); the rest are zero.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct EngineEvent
{
    /// <summary>What happened.</summary>
    public EventType Type;

    /// <summary>The type of the command that caused the event.</summary>
    public CommandType CommandType;

    /// <summary>Why the command was rejected (<see cref="EventType.Rejected"/>).</summary>
    public RejectReason RejectReason;

    /// <summary>Why the order was cancelled (<see cref="EventType.OrderCancelled"/>).</summary>
    public CancelReason CancelReason;

    /// <summary>The order's side; the level's side; the aggressor's side in a trade.</summary>
    public Side Side;

    /// <summary>The order's type.</summary>
    public OrderType OrderType;

    /// <summary>The order's time in force.</summary>
    public TimeInForce TimeInForce;

    /// <summary>A withdrawal's state (<see cref="EventType.WithdrawalUpdated"/>).</summary>
    public WithdrawalState WithdrawalState;

    /// <summary>The instrument's status (instrument events).</summary>
    public InstrumentStatus InstrumentStatus;

    /// <summary>An asset's decimal scale (<see cref="EventType.AssetAdded"/>).</summary>
    public byte AssetScale;

    /// <summary>The order's trigger (a waiting or triggered stop, take-profit or trailing stop).</summary>
    public TriggerType Trigger;

    /// <summary>Whether the order is a quote leg (placed by a <c>Quote</c> command).</summary>
    public bool IsQuote;

    /// <summary>The sequence of the command that caused the event.</summary>
    public long CommandSequence;

    /// <summary>The timestamp of the command that caused the event.</summary>
    public long TimestampNs;

    /// <summary>The command's origin: who asked.</summary>
    public Origin Origin;

    /// <summary>
    /// The origin stored with the order when it was placed: whose session the order
    /// belongs to. In a trade, the taker's; the maker's is <see cref="MakerOrigin"/>.
    /// </summary>
    public Origin OrderOrigin;

    /// <summary>The account (the order's owner; the taker in a trade).</summary>
    public long AccountId;

    /// <summary>The instrument.</summary>
    public int InstrumentId;

    /// <summary>The asset (balance, deposit, withdrawal and asset events).</summary>
    public int AssetId;

    /// <summary>The order (the taker in a trade).</summary>
    public long OrderId;

    /// <summary>The order's limit price in ticks (0 for market orders); the level's price.</summary>
    public long PriceTicks;

    /// <summary>The order's total quantity in lots.</summary>
    public long QuantityLots;

    /// <summary>The order's filled quantity in lots, after this event.</summary>
    public long FilledLots;

    /// <summary>The order's open quantity in lots, after this event (0 when done).</summary>
    public long RemainingLots;

    /// <summary>A GTD order's expiry.</summary>
    public long ExpireTimeNs;

    /// <summary>The trade's id (unique, increasing).</summary>
    public long TradeId;

    /// <summary>The trade's price in ticks (the maker's price).</summary>
    public long TradePriceTicks;

    /// <summary>The trade's quantity in lots.</summary>
    public long TradeLots;

    /// <summary>The trade's value in quote units.</summary>
    public long TradeNotional;

    /// <summary>The taker's fee, in the asset the taker received (base for a buyer, quote for a seller).</summary>
    public long TakerFee;

    /// <summary>The maker's fee in the asset the maker received; negative is a rebate.</summary>
    public long MakerFee;

    /// <summary>The resting order that traded.</summary>
    public long MakerOrderId;

    /// <summary>The resting order's account.</summary>
    public long MakerAccountId;

    /// <summary>The resting order's filled quantity after the trade.</summary>
    public long MakerFilledLots;

    /// <summary>The resting order's open quantity after the trade (0: filled and gone).</summary>
    public long MakerRemainingLots;

    /// <summary>The resting order's origin: where to route the maker's fill.</summary>
    public Origin MakerOrigin;

    /// <summary>Available balance after the command (<see cref="EventType.BalanceChanged"/>).</summary>
    public long Available;

    /// <summary>Locked balance after the command.</summary>
    public long Locked;

    /// <summary>A deposit or withdrawal amount.</summary>
    public long Amount;

    /// <summary>A withdrawal's id.</summary>
    public long WithdrawalId;

    /// <summary>The total quantity at a level (<see cref="EventType.BookLevelChanged"/>).</summary>
    public long LevelLots;

    /// <summary>The number of orders at a level.</summary>
    public int LevelOrderCount;

    /// <summary>How many orders a mass cancel (or a session's cancel) cancelled.</summary>
    public int AffectedOrders;

    /// <summary>A fee tier.</summary>
    public int FeeTier;

    /// <summary>Maker rate in basis points.</summary>
    public int MakerFeeBps;

    /// <summary>Taker rate in basis points.</summary>
    public int TakerFeeBps;

    /// <summary>The state hash (<see cref="EventType.StateHash"/>).</summary>
    public ulong StateHash;

    /// <summary>The order's client order id (the taker's in a trade; the new one after a cancel-replace).</summary>
    public ClientOrderId ClientOrderId;

    /// <summary>The client order id before a cancel-replace.</summary>
    public ClientOrderId OrigClientOrderId;

    /// <summary>The resting order's client order id in a trade.</summary>
    public ClientOrderId MakerClientOrderId;

    /// <summary>An asset code.</summary>
    public Symbol AssetCode;

    /// <summary>An instrument's definition (<see cref="EventType.InstrumentDefined"/>).</summary>
    public InstrumentDefinition Instrument;

    /// <summary>A chain deposit's log index (<see cref="EventType.DepositApplied"/>).</summary>
    public int LogIndex;

    /// <summary>The most fills in a window (market-maker protection).</summary>
    public int MaxFills;

    /// <summary>A chain deposit's transaction (<see cref="EventType.DepositApplied"/>); empty for other deposits.</summary>
    public TxHash TxHash;

    /// <summary>Where a withdrawal is paid (<see cref="EventType.WithdrawalUpdated"/>); empty when outside a chain.</summary>
    public ChainAddress Destination;

    /// <summary>The order's trigger price in ticks (a trailing stop's current one).</summary>
    public long StopPriceTicks;

    /// <summary>A trailing stop's distance in ticks.</summary>
    public long TrailingOffsetTicks;

    /// <summary>A trailing stop's distance in basis points.</summary>
    public long TrailingOffsetBps;

    /// <summary>An iceberg's display quantity (0: the whole order shows).</summary>
    public long DisplayLots;

    /// <summary>The order's one-cancels-other partner (0: none).</summary>
    public long LinkedOrderId;

    /// <summary>The ask leg (<see cref="EventType.QuoteAccepted"/>; 0: none).</summary>
    public long AskOrderId;

    /// <summary>A quote's ask price in ticks (<see cref="EventType.QuoteAccepted"/>, a rejected quote).</summary>
    public long AskPriceTicks;

    /// <summary>A quote's ask quantity in lots.</summary>
    public long AskQuantityLots;

    /// <summary>A window in nanoseconds (market-maker protection, circuit breaker).</summary>
    public long WindowNs;

    /// <summary>The circuit breaker's limit in basis points (<see cref="EventType.InstrumentDefined"/>; its window is <see cref="WindowNs"/>).</summary>
    public long CircuitBreakerBps;
}
