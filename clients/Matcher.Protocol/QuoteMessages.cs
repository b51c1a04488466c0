using System.Runtime.InteropServices;

namespace Matcher.Protocol;

/// <summary>Quote (12, schema 2): a two-sided quote that replaces the account's previous one on the instrument.</summary>
[StructLayout(LayoutKind.Explicit, Size = 88, Pack = 1)]
public struct Quote : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.Quote;

    /// <inheritdoc />
    public static int FixedLength => 88;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The bid's price in ticks.</summary>
    [FieldOffset(16)] public long BidPriceTicks;

    /// <summary>The bid's quantity in lots (0: no bid).</summary>
    [FieldOffset(24)] public long BidLots;

    /// <summary>The ask's price in ticks.</summary>
    [FieldOffset(32)] public long AskPriceTicks;

    /// <summary>The ask's quantity in lots (0: no ask).</summary>
    [FieldOffset(40)] public long AskLots;

    /// <summary>The instrument.</summary>
    [FieldOffset(48)] public int InstrumentId;

    /// <summary>The quote's id: the clOrdId of both legs' reports.</summary>
    [FieldOffset(56)] public Chars32 QuoteId;
}

/// <summary>ResetMarketMakerProtection (13, schema 2): lets an account whose protection tripped quote again.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16, Pack = 1)]
public struct ResetMarketMakerProtection : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.ResetMarketMakerProtection;

    /// <inheritdoc />
    public static int FixedLength => 16;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The client's id for this request.</summary>
    [FieldOffset(8)] public ulong RequestId;
}

/// <summary>QuoteAck (116, schema 2): a quote's outcome.</summary>
[StructLayout(LayoutKind.Explicit, Size = 112, Pack = 1)]
public struct QuoteAck : IFixedMessage
{
    /// <inheritdoc />
    public static TemplateId Template => TemplateId.QuoteAck;

    /// <inheritdoc />
    public static int FixedLength => 112;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The Quote's request id.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The bid leg's order id (0: no bid, or rejected).</summary>
    [FieldOffset(16)] public long BidOrderId;

    /// <summary>The ask leg's order id (0: no ask, or rejected).</summary>
    [FieldOffset(24)] public long AskOrderId;

    /// <summary>The bid's price in ticks, as quoted.</summary>
    [FieldOffset(32)] public long BidPriceTicks;

    /// <summary>The bid's quantity in lots, as quoted.</summary>
    [FieldOffset(40)] public long BidLots;

    /// <summary>The ask's price in ticks, as quoted.</summary>
    [FieldOffset(48)] public long AskPriceTicks;

    /// <summary>The ask's quantity in lots, as quoted.</summary>
    [FieldOffset(56)] public long AskLots;

    /// <summary>When the quote was applied or refused.</summary>
    [FieldOffset(64)] public long TransactTimeNs;

    /// <summary>The instrument.</summary>
    [FieldOffset(72)] public int InstrumentId;

    /// <summary>0: accepted; else the core's reject reason, and the previous quote stands.</summary>
    [FieldOffset(76)] public ushort RejectCode;

    /// <summary>The quote's id.</summary>
    [FieldOffset(80)] public Chars32 QuoteId;
}

/// <summary>MarketMakerProtection (117, schema 2): the account's market-maker protection after a change, or a refused reset.</summary>
[StructLayout(LayoutKind.Explicit, Size = 48, Pack = 1)]
public struct MarketMakerProtection : IFixedMessage
{
    /// <summary><see cref="Status"/>: quoting allowed.</summary>
    public const byte Active = 1;

    /// <summary><see cref="Status"/>: tripped; quotes cancelled and refused until a reset.</summary>
    public const byte Tripped = 2;

    /// <inheritdoc />
    public static TemplateId Template => TemplateId.MarketMakerProtection;

    /// <inheritdoc />
    public static int FixedLength => 48;

    /// <summary>The header.</summary>
    [FieldOffset(0)] public MessageHeader Header;

    /// <summary>The ResetMarketMakerProtection's request id when this answers one of this connection's; else 0.</summary>
    [FieldOffset(8)] public ulong RequestId;

    /// <summary>The account.</summary>
    [FieldOffset(16)] public long AccountId;

    /// <summary>The window in nanoseconds (0: protection off).</summary>
    [FieldOffset(24)] public long WindowNs;

    /// <summary>The most lots filled in a window.</summary>
    [FieldOffset(32)] public long QuantityLots;

    /// <summary>The most fills in a window (0: no limit).</summary>
    [FieldOffset(40)] public int MaxFills;

    /// <summary>0: applied; else why a reset was refused.</summary>
    [FieldOffset(44)] public ushort RejectCode;

    /// <summary><see cref="Active"/> or <see cref="Tripped"/>; 0 in a refusal.</summary>
    [FieldOffset(46)] public byte Status;
}
