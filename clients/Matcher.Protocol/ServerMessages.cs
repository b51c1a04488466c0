using System.Runtime.InteropServices;

namespace Matcher.Protocol;

#pragma warning disable CA1815 // Wire structs: equality is not part of their use.

/// <summary>LoginAccepted (101).</summary>
[StructLayout(LayoutKind.Explicit, Size = 48, Pack = 1)]
public struct LoginAccepted : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.LoginAccepted;

    /// <inheritdoc />
    public static int FixedLength => 48;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The account the key belongs to.</summary>
    [FieldOffset(8)] public long AccountId;

    /// <summary>This connection's session id in the engine's origins.</summary>
    [FieldOffset(16)] public int ConnectionId;

    /// <summary>The version the server writes.</summary>
    [FieldOffset(20)] public ushort SchemaVersion;

    /// <summary>The server's clock.</summary>
    [FieldOffset(24)] public long ServerTimeNs;

    /// <summary>The rate limit: messages per second.</summary>
    [FieldOffset(32)] public uint MessagesPerSecond;

    /// <summary>The rate limit's burst.</summary>
    [FieldOffset(36)] public uint Burst;

    /// <summary>The longest message the server accepts.</summary>
    [FieldOffset(40)] public uint MaxMessageBytes;
}

/// <summary>Reject (102).</summary>
[StructLayout(LayoutKind.Explicit, Size = 88, Pack = 1)]
public struct Reject : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Reject;

    /// <inheritdoc />
    public static int FixedLength => 88;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The refused request's id (0 when unreadable).</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The refused message's template.</summary>
    [FieldOffset(16)] public TemplateId RefTemplateId;

    /// <summary>Why: a core reject reason (1–999) or a <see cref="RejectCode"/>.</summary>
    [FieldOffset(18)] public ushort Code;

    /// <summary>A readable reason.</summary>
    [FieldOffset(24)] public Chars64 Text;
}

/// <summary>ExecutionReport (103): 192 bytes in schema 1, 240 from schema 2 (triggers, icebergs, links, quotes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 240, Pack = 1)]
public struct ExecutionReport : IFixedMessage
{
    /// <summary>The fixed block's length in schema version 1.</summary>
    public const int FixedLengthV1 = 192;

    /// <summary>The bit of <see cref="Flags"/> set on a quote leg's reports.</summary>
    public const byte QuoteFlag = 1;

    /// <inheritdoc />
    public static TemplateId Template => TemplateId.ExecutionReport;

    /// <inheritdoc />
    public static int FixedLength => 240;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The request this answers (0: none of this connection's).</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The order (0 when rejected before it had one).</summary>
    [FieldOffset(16)] public long OrderId;

    /// <summary>The command's journal sequence (ExecID, with <see cref="ExecIndex"/> and <see cref="Role"/>).</summary>
    [FieldOffset(24)] public long ExecSequence;

    /// <summary>The order's limit price in ticks (0: market).</summary>
    [FieldOffset(32)] public long PriceTicks;

    /// <summary>The order's total quantity in lots.</summary>
    [FieldOffset(40)] public long QuantityLots;

    /// <summary>Open quantity.</summary>
    [FieldOffset(48)] public long LeavesLots;

    /// <summary>Filled quantity.</summary>
    [FieldOffset(56)] public long CumLots;

    /// <summary>This fill's price in ticks.</summary>
    [FieldOffset(64)] public long LastPriceTicks;

    /// <summary>This fill's quantity in lots.</summary>
    [FieldOffset(72)] public long LastLots;

    /// <summary>Average fill price in ticks × 10^8, truncated.</summary>
    [FieldOffset(80)] public long AvgPriceTicksE8;

    /// <summary>When the command was accepted.</summary>
    [FieldOffset(88)] public long TransactTimeNs;

    /// <summary>The trade (execType F).</summary>
    [FieldOffset(96)] public long TradeId;

    /// <summary>The order's account.</summary>
    [FieldOffset(104)] public long AccountId;

    /// <summary>The instrument.</summary>
    [FieldOffset(112)] public int InstrumentId;

    /// <summary>The event's place among its command's events.</summary>
    [FieldOffset(116)] public ushort ExecIndex;

    /// <summary>Why rejected (execType 8, or an unknown order's status).</summary>
    [FieldOffset(118)] public ushort RejectCode;

    /// <summary>FIX ExecType (150) as an ASCII byte.</summary>
    [FieldOffset(120)] public byte ExecType;

    /// <summary>FIX OrdStatus (39) as an ASCII byte.</summary>
    [FieldOffset(121)] public byte OrdStatus;

    /// <summary>1 buy, 2 sell.</summary>
    [FieldOffset(122)] public byte Side;

    /// <summary>1 limit, 2 market.</summary>
    [FieldOffset(123)] public byte OrderType;

    /// <summary>The core's time in force.</summary>
    [FieldOffset(124)] public byte TimeInForce;

    /// <summary>The core's cancel reason.</summary>
    [FieldOffset(125)] public byte CancelReason;

    /// <summary>'E' the order's own event, 'T' a taker's fill, 'M' a maker's fill.</summary>
    [FieldOffset(126)] public byte Role;

    /// <summary>The order's client order id.</summary>
    [FieldOffset(128)] public Chars32 ClOrdId;

    /// <summary>The previous client order id (cancel-replace), or the order's own when a cancel named one.</summary>
    [FieldOffset(160)] public Chars32 OrigClOrdId;

    /// <summary>Schema 2: the trigger price in ticks (a trailing stop's current one); 0 for an order without a trigger.</summary>
    [FieldOffset(192)] public long StopPriceTicks;

    /// <summary>Schema 2: a trailing stop's distance in ticks.</summary>
    [FieldOffset(200)] public long TrailingOffsetTicks;

    /// <summary>Schema 2: a trailing stop's distance in basis points.</summary>
    [FieldOffset(208)] public long TrailingOffsetBps;

    /// <summary>Schema 2: an iceberg's display quantity (0: the whole order shows).</summary>
    [FieldOffset(216)] public long DisplayLots;

    /// <summary>Schema 2: the order's one-cancels-other partner (0: none).</summary>
    [FieldOffset(224)] public long LinkedOrderId;

    /// <summary>Schema 2: 0 none, 1 stop, 2 take-profit, 3 trailing stop (kept after the order triggered).</summary>
    [FieldOffset(232)] public byte TriggerType;

    /// <summary>Schema 2: bit 0 a quote leg (<see cref="QuoteFlag"/>).</summary>
    [FieldOffset(233)] public byte Flags;
}

/// <summary>CancelReject (104).</summary>
[StructLayout(LayoutKind.Explicit, Size = 96, Pack = 1)]
public struct CancelReject : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.CancelReject;

    /// <inheritdoc />
    public static int FixedLength => 96;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The request this answers.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The order (0 when unknown).</summary>
    [FieldOffset(16)] public long OrderId;

    /// <summary>Why.</summary>
    [FieldOffset(24)] public ushort RejectCode;

    /// <summary>The order's FIX OrdStatus; '8' when unknown.</summary>
    [FieldOffset(26)] public byte OrdStatus;

    /// <summary>'1' cancel, '2' amend or cancel-replace.</summary>
    [FieldOffset(27)] public byte ResponseTo;

    /// <summary>The request's client order id.</summary>
    [FieldOffset(32)] public Chars32 ClOrdId;

    /// <summary>The order's client order id.</summary>
    [FieldOffset(64)] public Chars32 OrigClOrdId;
}

/// <summary>MassCancelReport (105).</summary>
[StructLayout(LayoutKind.Explicit, Size = 24, Pack = 1)]
public struct MassCancelReport : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.MassCancelReport;

    /// <inheritdoc />
    public static int FixedLength => 24;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The request this answers.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>How many orders were cancelled.</summary>
    [FieldOffset(16)] public int AffectedOrders;

    /// <summary>0: done; else why not.</summary>
    [FieldOffset(20)] public ushort RejectCode;
}

/// <summary>Pong (106).</summary>
[StructLayout(LayoutKind.Explicit, Size = 24, Pack = 1)]
public struct Pong : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Pong;

    /// <inheritdoc />
    public static int FixedLength => 24;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The Ping's request id.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The server's clock.</summary>
    [FieldOffset(16)] public long ServerTimeNs;
}

/// <summary>BalanceUpdate (107).</summary>
[StructLayout(LayoutKind.Explicit, Size = 40, Pack = 1)]
public struct BalanceUpdate : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.BalanceUpdate;

    /// <inheritdoc />
    public static int FixedLength => 40;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The account.</summary>
    [FieldOffset(8)] public long AccountId;

    /// <summary>Available, in asset units.</summary>
    [FieldOffset(16)] public long Available;

    /// <summary>Locked, in asset units.</summary>
    [FieldOffset(24)] public long Locked;

    /// <summary>The asset.</summary>
    [FieldOffset(32)] public int AssetId;
}

/// <summary>BookUpdate (111).</summary>
[StructLayout(LayoutKind.Explicit, Size = 48, Pack = 1)]
public struct BookUpdate : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.BookUpdate;

    /// <inheritdoc />
    public static int FixedLength => 48;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>Per instrument, +1 per update.</summary>
    [FieldOffset(8)] public long BookSequence;

    /// <summary>The level's price.</summary>
    [FieldOffset(16)] public long PriceTicks;

    /// <summary>The level's total (0: deleted).</summary>
    [FieldOffset(24)] public long Lots;

    /// <summary>The instrument.</summary>
    [FieldOffset(32)] public int InstrumentId;

    /// <summary>Orders at the level.</summary>
    [FieldOffset(36)] public int OrderCount;

    /// <summary>1 bid, 2 ask.</summary>
    [FieldOffset(40)] public byte Side;

    /// <summary>0 new, 1 change, 2 delete.</summary>
    [FieldOffset(41)] public byte Action;
}

/// <summary>Trade (112).</summary>
[StructLayout(LayoutKind.Explicit, Size = 56, Pack = 1)]
public struct Trade : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Trade;

    /// <inheritdoc />
    public static int FixedLength => 56;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>Per instrument, +1 per trade.</summary>
    [FieldOffset(8)] public long TradeSequence;

    /// <summary>The trade's id.</summary>
    [FieldOffset(16)] public long TradeId;

    /// <summary>Price in ticks.</summary>
    [FieldOffset(24)] public long PriceTicks;

    /// <summary>Quantity in lots.</summary>
    [FieldOffset(32)] public long Lots;

    /// <summary>When.</summary>
    [FieldOffset(40)] public long TimestampNs;

    /// <summary>The instrument.</summary>
    [FieldOffset(48)] public int InstrumentId;

    /// <summary>The taker's side.</summary>
    [FieldOffset(52)] public byte AggressorSide;
}

/// <summary>Bbo (113).</summary>
[StructLayout(LayoutKind.Explicit, Size = 56, Pack = 1)]
public struct Bbo : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Bbo;

    /// <inheritdoc />
    public static int FixedLength => 56;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The book's sequence after the change.</summary>
    [FieldOffset(8)] public long BookSequence;

    /// <summary>Best bid (0: none).</summary>
    [FieldOffset(16)] public long BidPriceTicks;

    /// <summary>Lots at the best bid.</summary>
    [FieldOffset(24)] public long BidLots;

    /// <summary>Best offer (0: none).</summary>
    [FieldOffset(32)] public long AskPriceTicks;

    /// <summary>Lots at the best offer.</summary>
    [FieldOffset(40)] public long AskLots;

    /// <summary>The instrument.</summary>
    [FieldOffset(48)] public int InstrumentId;
}

/// <summary>Goodbye (115).</summary>
[StructLayout(LayoutKind.Explicit, Size = 80, Pack = 1)]
public struct Goodbye : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Goodbye;

    /// <inheritdoc />
    public static int FixedLength => 80;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>Why the connection closes.</summary>
    [FieldOffset(8)] public ushort Code;

    /// <summary>A readable reason.</summary>
    [FieldOffset(16)] public Chars64 Text;
}

/// <summary>BookSnapshot (110): the fixed block before its two groups (bids, then asks).</summary>
[StructLayout(LayoutKind.Explicit, Size = 40, Pack = 1)]
public struct BookSnapshot
{
    /// <summary>The fixed block's length, header included.</summary>
    public const int FixedLength = 40;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The Subscribe's request id.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The book's sequence; the next update has this + 1.</summary>
    [FieldOffset(16)] public long BookSequence;

    /// <summary>The trades' sequence; the next trade has this + 1.</summary>
    [FieldOffset(24)] public long TradeSequence;

    /// <summary>The instrument.</summary>
    [FieldOffset(32)] public int InstrumentId;

    /// <summary>As subscribed.</summary>
    [FieldOffset(36)] public byte Channels;
}

/// <summary>One price level in a BookSnapshot group.</summary>
[StructLayout(LayoutKind.Explicit, Size = 20, Pack = 1)]
public struct LevelEntry
{
    /// <summary>The entry's length in schema version 1.</summary>
    public const int Length = 20;

    /// <summary>Price in ticks.</summary>
    [FieldOffset(0)] public long PriceTicks;

    /// <summary>Total lots.</summary>
    [FieldOffset(8)] public long Lots;

    /// <summary>Orders at the level.</summary>
    [FieldOffset(16)] public int OrderCount;
}

/// <summary>InstrumentList (114): the fixed block before its group.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16, Pack = 1)]
public struct InstrumentList
{
    /// <summary>The fixed block's length, header included.</summary>
    public const int FixedLength = 16;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The request this answers.</summary>
    [FieldOffset(8)] public ulong RequestId;
}

/// <summary>One instrument in an InstrumentList.</summary>
[StructLayout(LayoutKind.Explicit, Size = 88, Pack = 1)]
public struct InstrumentEntry
{
    /// <summary>The entry's length in schema version 1.</summary>
    public const int Length = 88;

    /// <summary>The instrument.</summary>
    [FieldOffset(0)] public int InstrumentId;

    /// <summary>1 trading, 2 halted, 3 cancel-only.</summary>
    [FieldOffset(4)] public byte Status;

    /// <summary>tickSize = tickMantissa × 10^-tickScale.</summary>
    [FieldOffset(5)] public byte TickScale;

    /// <summary>lotSize = lotMantissa × 10^-lotScale.</summary>
    [FieldOffset(6)] public byte LotScale;

    /// <summary>The tick size's mantissa.</summary>
    [FieldOffset(8)] public long TickMantissa;

    /// <summary>The lot size's mantissa.</summary>
    [FieldOffset(16)] public long LotMantissa;

    /// <summary>The smallest order, in lots.</summary>
    [FieldOffset(24)] public long MinQuantityLots;

    /// <summary>The smallest order value, in quote units.</summary>
    [FieldOffset(32)] public long MinNotional;

    /// <summary>The symbol.</summary>
    [FieldOffset(40)] public Chars16 Symbol;

    /// <summary>The base asset's code.</summary>
    [FieldOffset(56)] public Chars16 BaseAsset;

    /// <summary>The quote asset's code.</summary>
    [FieldOffset(72)] public Chars16 QuoteAsset;
}
