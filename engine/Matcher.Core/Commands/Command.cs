using System.Runtime.InteropServices;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Core.Commands;

/// <summary>
/// One request to the core: a fixed-size, blittable struct that lives in an inbound ring
/// slot and, as is, in a journal record. Which fields matter depends on
/// <see cref="Type"/> (see docs/CORE.md); the rest are zero.
/// </summary>
/// <remarks>
/// <see cref="Sequence"/> and <see cref="TimestampNs"/> are set upstream (the journaler
/// stamps them); the core never reads a clock. Prices are in ticks, quantities in lots,
/// amounts in asset units: integers only.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct Command
{
    /// <summary>The command's position in the journal; strictly increasing.</summary>
    public long Sequence;

    /// <summary>When the command was accepted upstream, in nanoseconds since the Unix epoch.</summary>
    public long TimestampNs;

    /// <summary>Where the command came from; copied into its events.</summary>
    public Origin Origin;

    /// <summary>What to do.</summary>
    public CommandType Type;

    /// <summary>The order's side (place); the side to narrow a mass cancel to (None: both).</summary>
    public Side Side;

    /// <summary>Limit or market (place).</summary>
    public OrderType OrderType;

    /// <summary>GTC, IOC, FOK or GTD (place).</summary>
    public TimeInForce TimeInForce;

    /// <summary>Self-trade prevention mode (place).</summary>
    public SelfTradePrevention SelfTradePrevention;

    /// <summary>Post-only: reject the order if it would trade on arrival (place, limit only).</summary>
    public bool PostOnly;

    /// <summary>The instrument's status (set instrument status).</summary>
    public InstrumentStatus InstrumentStatus;

    /// <summary>An asset's decimal scale: units per whole = 10^scale (add asset).</summary>
    public byte AssetScale;

    /// <summary>The account the command acts for.</summary>
    public long AccountId;

    /// <summary>The instrument (orders; 0 in a mass cancel: all instruments).</summary>
    public int InstrumentId;

    /// <summary>The asset (add asset, deposits, withdrawals).</summary>
    public int AssetId;

    /// <summary>The order to cancel or amend (0: find it by <see cref="ClientOrderId"/>).</summary>
    public long OrderId;

    /// <summary>Limit price in ticks (place); new price (amend, cancel-replace; 0: unchanged).</summary>
    public long PriceTicks;

    /// <summary>Order quantity in lots (place); new total quantity (amend, cancel-replace; 0: unchanged).</summary>
    public long QuantityLots;

    /// <summary>A market buy's budget in quote units, instead of a quantity (0: none).</summary>
    public long QuoteBudget;

    /// <summary>A GTD order's expiry, nanoseconds since the Unix epoch.</summary>
    public long ExpireTimeNs;

    /// <summary>Deposit or withdrawal amount, in asset units.</summary>
    public long Amount;

    /// <summary>The withdrawal's unique id (withdrawal commands); 0 in a request: the core assigns the next one.</summary>
    public long WithdrawalId;

    /// <summary>The client's order id (place), or the order to cancel or amend when <see cref="OrderId"/> is 0.</summary>
    public ClientOrderId ClientOrderId;

    /// <summary>The client order id the order takes (cancel-replace).</summary>
    public ClientOrderId NewClientOrderId;

    /// <summary>An asset code (add asset).</summary>
    public Symbol AssetCode;

    /// <summary>An instrument's definition (add and update instrument).</summary>
    public InstrumentDefinition Instrument;

    /// <summary>A fee tier (set fee tier, create account, set account fee tier).</summary>
    public int FeeTier;

    /// <summary>Maker rate in basis points; negative is a rebate (set fee tier).</summary>
    public int MakerFeeBps;

    /// <summary>Taker rate in basis points (set fee tier).</summary>
    public int TakerFeeBps;

    /// <summary>A chain deposit's log index (deposit); with <see cref="TxHash"/> the key that credits it once.</summary>
    public int LogIndex;

    /// <summary>A chain deposit's transaction (deposit): each (<see cref="TxHash"/>, <see cref="LogIndex"/>) is credited once; empty for deposits from elsewhere.</summary>
    public TxHash TxHash;

    /// <summary>Where a withdrawal is to be paid (request withdrawal); empty when it is paid outside a chain.</summary>
    public ChainAddress Destination;

    /// <summary>The most open orders an account may have (set account limits; 0: no limit).</summary>
    public int MaxOpenOrders;

    /// <summary>Stop, take-profit or trailing stop (place): the order waits for its trigger (see <see cref="Commands.TriggerType"/>).</summary>
    public TriggerType Trigger;

    /// <summary>One-cancels-other (place): ties the order to <see cref="LinkedOrderId"/> or <see cref="LinkedClientOrderId"/>.</summary>
    public ContingencyType Contingency;

    /// <summary>The trigger price in ticks (place, stop and take-profit); the new trigger price (amend of a waiting order; 0: unchanged).</summary>
    public long StopPriceTicks;

    /// <summary>A trailing stop's distance from the best last trade price, in ticks (place; or <see cref="TrailingOffsetBps"/>).</summary>
    public long TrailingOffsetTicks;

    /// <summary>A trailing stop's distance from the best last trade price, in basis points of it (place; or <see cref="TrailingOffsetTicks"/>).</summary>
    public long TrailingOffsetBps;

    /// <summary>An iceberg's display quantity in lots (place; 0: the whole order shows).</summary>
    public long DisplayLots;

    /// <summary>The live order of the same account that this one is tied to (place with a contingency; 0: by <see cref="LinkedClientOrderId"/>).</summary>
    public long LinkedOrderId;

    /// <summary>The tied order's client order id, when <see cref="LinkedOrderId"/> is 0.</summary>
    public ClientOrderId LinkedClientOrderId;

    /// <summary>A quote's ask price in ticks (quote; the bid is <see cref="PriceTicks"/>).</summary>
    public long AskPriceTicks;

    /// <summary>A quote's ask quantity in lots (quote; 0: no ask; the bid is <see cref="QuantityLots"/>).</summary>
    public long AskQuantityLots;

    /// <summary>A window in nanoseconds (set circuit breaker, set market-maker protection).</summary>
    public long WindowNs;

    /// <summary>The most fills in a window (set market-maker protection; 0: no limit).</summary>
    public int MaxFills;
}
