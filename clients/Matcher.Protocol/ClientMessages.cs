using System.Runtime.InteropServices;

namespace Matcher.Protocol;

#pragma warning disable CA1815 // Wire structs: equality is not part of their use.

/// <summary>Login (1): API key, timestamp, nonce and HMAC-SHA256 signature.</summary>
[StructLayout(LayoutKind.Explicit, Size = 88, Pack = 1)]
public struct Login : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Login;

    /// <inheritdoc />
    public static int FixedLength => 88;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The API key.</summary>
    [FieldOffset(8)] public Chars32 ApiKey;

    /// <summary>The client's clock, ns since the Unix epoch.</summary>
    [FieldOffset(40)] public long TimestampNs;

    /// <summary>Unique per key within the clock-skew window.</summary>
    [FieldOffset(48)] public ulong Nonce;

    /// <summary>HMAC-SHA256(secret, bytes 8–55).</summary>
    [FieldOffset(56)] public Bytes32 Signature;

    /// <summary>Where the signed bytes start, and how many there are.</summary>
    public const int SignedOffset = 8, SignedLength = 48;
}

/// <summary>PlaceOrder (2): 96 bytes in schema 1, 176 from schema 2 (triggers, icebergs, one-cancels-other).</summary>
[StructLayout(LayoutKind.Explicit, Size = 176, Pack = 1)]
public struct PlaceOrder : IFixedMessage
{
    /// <summary>The fixed block's length in schema version 1.</summary>
    public const int FixedLengthV1 = 96;

    /// <inheritdoc />
    public static TemplateId Template => TemplateId.PlaceOrder;

    /// <inheritdoc />
    public static int FixedLength => 176;

    /// <summary>The bit of <see cref="Flags"/> that makes the order post-only.</summary>
    public const byte PostOnlyFlag = 1;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>Limit price in ticks; 0 for a market order.</summary>
    [FieldOffset(16)] public long PriceTicks;

    /// <summary>Quantity in lots.</summary>
    [FieldOffset(24)] public long QuantityLots;

    /// <summary>A market buy's budget in quote units (0: none).</summary>
    [FieldOffset(32)] public long QuoteBudget;

    /// <summary>GTD expiry.</summary>
    [FieldOffset(40)] public long ExpireTimeNs;

    /// <summary>The instrument.</summary>
    [FieldOffset(48)] public int InstrumentId;

    /// <summary>1 buy, 2 sell.</summary>
    [FieldOffset(52)] public byte Side;

    /// <summary>1 limit, 2 market.</summary>
    [FieldOffset(53)] public byte OrderType;

    /// <summary>1 GTC, 2 IOC, 3 FOK, 4 GTD; 0: GTC for limit, IOC for market.</summary>
    [FieldOffset(54)] public byte TimeInForce;

    /// <summary>0 none, 1 cancel taker, 2 cancel maker, 3 cancel both, 4 decrement and cancel.</summary>
    [FieldOffset(55)] public byte SelfTradePrevention;

    /// <summary>Bit 0 post-only; other bits must be 0.</summary>
    [FieldOffset(56)] public byte Flags;

    /// <summary>The client order id.</summary>
    [FieldOffset(64)] public Chars32 ClOrdId;

    /// <summary>Schema 2: the trigger price in ticks (stop and take-profit; else 0).</summary>
    [FieldOffset(96)] public long StopPriceTicks;

    /// <summary>Schema 2: a trailing stop's distance in ticks (or <see cref="TrailingOffsetBps"/>; else 0).</summary>
    [FieldOffset(104)] public long TrailingOffsetTicks;

    /// <summary>Schema 2: a trailing stop's distance in basis points (or <see cref="TrailingOffsetTicks"/>; else 0).</summary>
    [FieldOffset(112)] public long TrailingOffsetBps;

    /// <summary>Schema 2: an iceberg's display quantity in lots (0: the whole order shows).</summary>
    [FieldOffset(120)] public long DisplayLots;

    /// <summary>Schema 2: the order to tie this one to (contingency); 0: by <see cref="LinkedClOrdId"/>.</summary>
    [FieldOffset(128)] public long LinkedOrderId;

    /// <summary>Schema 2: 0 none, 1 stop, 2 take-profit, 3 trailing stop.</summary>
    [FieldOffset(136)] public byte TriggerType;

    /// <summary>Schema 2: 0 none, 1 one-cancels-other.</summary>
    [FieldOffset(137)] public byte ContingencyType;

    /// <summary>Schema 2: the tied order's client order id, when <see cref="LinkedOrderId"/> is 0.</summary>
    [FieldOffset(144)] public Chars32 LinkedClOrdId;
}

/// <summary>CancelOrder (3).</summary>
[StructLayout(LayoutKind.Explicit, Size = 88, Pack = 1)]
public struct CancelOrder : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.CancelOrder;

    /// <inheritdoc />
    public static int FixedLength => 88;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The order; 0: by <see cref="OrigClOrdId"/>.</summary>
    [FieldOffset(16)] public long OrderId;

    /// <summary>The order's client order id.</summary>
    [FieldOffset(24)] public Chars32 OrigClOrdId;

    /// <summary>This request's own id (optional).</summary>
    [FieldOffset(56)] public Chars32 ClOrdId;
}

/// <summary>AmendOrder (4): 72 bytes in schema 1, 80 from schema 2 (a new stop price).</summary>
[StructLayout(LayoutKind.Explicit, Size = 80, Pack = 1)]
public struct AmendOrder : IFixedMessage
{
    /// <summary>The fixed block's length in schema version 1.</summary>
    public const int FixedLengthV1 = 72;

    /// <inheritdoc />
    public static TemplateId Template => TemplateId.AmendOrder;

    /// <inheritdoc />
    public static int FixedLength => 80;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The order; 0: by <see cref="OrigClOrdId"/>.</summary>
    [FieldOffset(16)] public long OrderId;

    /// <summary>New price in ticks (0: unchanged).</summary>
    [FieldOffset(24)] public long NewPriceTicks;

    /// <summary>New total quantity in lots (0: unchanged).</summary>
    [FieldOffset(32)] public long NewQuantityLots;

    /// <summary>The order's client order id.</summary>
    [FieldOffset(40)] public Chars32 OrigClOrdId;

    /// <summary>Schema 2: a waiting stop or take-profit order's new trigger price in ticks (0: unchanged).</summary>
    [FieldOffset(72)] public long NewStopPriceTicks;
}

/// <summary>CancelReplace (5): 104 bytes in schema 1, 112 from schema 2 (a new stop price).</summary>
[StructLayout(LayoutKind.Explicit, Size = 112, Pack = 1)]
public struct CancelReplace : IFixedMessage
{
    /// <summary>The fixed block's length in schema version 1.</summary>
    public const int FixedLengthV1 = 104;

    /// <inheritdoc />
    public static TemplateId Template => TemplateId.CancelReplace;

    /// <inheritdoc />
    public static int FixedLength => 112;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The order; 0: by <see cref="OrigClOrdId"/>.</summary>
    [FieldOffset(16)] public long OrderId;

    /// <summary>New price in ticks (0: unchanged).</summary>
    [FieldOffset(24)] public long NewPriceTicks;

    /// <summary>New total quantity in lots (0: unchanged).</summary>
    [FieldOffset(32)] public long NewQuantityLots;

    /// <summary>The order's client order id.</summary>
    [FieldOffset(40)] public Chars32 OrigClOrdId;

    /// <summary>The order's new client order id.</summary>
    [FieldOffset(72)] public Chars32 ClOrdId;

    /// <summary>Schema 2: a waiting stop or take-profit order's new trigger price in ticks (0: unchanged).</summary>
    [FieldOffset(104)] public long NewStopPriceTicks;
}

/// <summary>MassCancel (6).</summary>
[StructLayout(LayoutKind.Explicit, Size = 24, Pack = 1)]
public struct MassCancel : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.MassCancel;

    /// <inheritdoc />
    public static int FixedLength => 24;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The instrument (0: all).</summary>
    [FieldOffset(16)] public int InstrumentId;

    /// <summary>The side (0: both).</summary>
    [FieldOffset(20)] public byte Side;
}

/// <summary>OrderStatusRequest (7).</summary>
[StructLayout(LayoutKind.Explicit, Size = 56, Pack = 1)]
public struct OrderStatusRequest : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.OrderStatusRequest;

    /// <inheritdoc />
    public static int FixedLength => 56;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The order; 0: by <see cref="ClOrdId"/>.</summary>
    [FieldOffset(16)] public long OrderId;

    /// <summary>The order's client order id.</summary>
    [FieldOffset(24)] public Chars32 ClOrdId;
}

/// <summary>Subscribe (8).</summary>
[StructLayout(LayoutKind.Explicit, Size = 24, Pack = 1)]
public struct Subscribe : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Subscribe;

    /// <inheritdoc />
    public static int FixedLength => 24;

    /// <summary>The deepest snapshot a subscription may ask for.</summary>
    public const int MaxDepth = 10_000;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The instrument.</summary>
    [FieldOffset(16)] public int InstrumentId;

    /// <summary>Snapshot levels per side (0: all).</summary>
    [FieldOffset(20)] public ushort Depth;

    /// <summary>Bit 0 book, bit 1 trades, bit 2 best bid and offer.</summary>
    [FieldOffset(22)] public byte Channels;
}

/// <summary>Unsubscribe (9).</summary>
[StructLayout(LayoutKind.Explicit, Size = 24, Pack = 1)]
public struct Unsubscribe : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Unsubscribe;

    /// <inheritdoc />
    public static int FixedLength => 24;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The instrument.</summary>
    [FieldOffset(16)] public int InstrumentId;
}

/// <summary>InstrumentListRequest (10).</summary>
[StructLayout(LayoutKind.Explicit, Size = 16, Pack = 1)]
public struct InstrumentListRequest : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.InstrumentListRequest;

    /// <inheritdoc />
    public static int FixedLength => 16;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;
}

/// <summary>Ping (11).</summary>
[StructLayout(LayoutKind.Explicit, Size = 16, Pack = 1)]
public struct Ping : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Ping;

    /// <inheritdoc />
    public static int FixedLength => 16;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;
}
