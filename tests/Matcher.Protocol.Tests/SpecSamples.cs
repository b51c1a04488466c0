using System.Buffers.Binary;
using Matcher.Protocol;

namespace Matcher.Protocol.Tests;

/// <summary>One field of a message as docs/WEBSOCKET.md lays it out, with a sample value.</summary>
public sealed record SpecField(string Name, int Offset, string Type, object Value);

/// <summary>
/// A message of the spec in one schema version: its template, length and fields, transcribed from the
/// tables by hand. Fields the version does not have are not listed: they read as zero.
/// </summary>
public sealed record SpecSample(string Name, Type Struct, TemplateId Template, int Length, SpecField[] Fields, ushort Version = Codec.SchemaVersion)
{
    /// <summary>The bytes the spec tables say this sample encodes to, built field by field at the spec's offsets.</summary>
    public byte[] ExpectedBytes()
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)Length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), (ushort)Template);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), Version);
        foreach (var field in Fields)
        {
            SpecSamples.Put(bytes.AsSpan(field.Offset), field.Type, field.Value);
        }

        return bytes;
    }
}

/// <summary>Every fixed message of the spec with sample values in every field, in the newest version and, for the templates that grew, in version 1.</summary>
internal static class SpecSamples
{
    public static readonly byte[] Signature = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray();

    public static readonly SpecSample[] All =
    [
        new("Login", typeof(Login), TemplateId.Login, 88,
        [
            new("apiKey", 8, "char32", "demo-key-1001"), new("timestampNs", 40, "i64", 1_764_000_000_123_456_789L),
            new("nonce", 48, "u64", 18_000_000_000_000_000_001UL), new("signature", 56, "bytes32", Signature),
        ]),
        new("PlaceOrder", typeof(PlaceOrder), TemplateId.PlaceOrder, 96,
        [
            new("requestId", 8, "u64", 42UL), new("priceTicks", 16, "i64", 3_000_000L), new("quantityLots", 24, "i64", 250L),
            new("quoteBudget", 32, "i64", 0L), new("expireTimeNs", 40, "i64", 1_764_000_100_000_000_000L), new("instrumentId", 48, "i32", 1),
            new("side", 52, "u8", 2), new("orderType", 53, "u8", 1), new("timeInForce", 54, "u8", 4), new("selfTradePrevention", 55, "u8", 3),
            new("flags", 56, "u8", 1), new("clOrdId", 64, "char32", "ord-0001"),
        ], Version: 1),
        new("PlaceOrder", typeof(PlaceOrder), TemplateId.PlaceOrder, 176,
        [
            new("requestId", 8, "u64", 52UL), new("priceTicks", 16, "i64", 2_950_000L), new("quantityLots", 24, "i64", 400L),
            new("quoteBudget", 32, "i64", 0L), new("expireTimeNs", 40, "i64", 0L), new("instrumentId", 48, "i32", 1),
            new("side", 52, "u8", 2), new("orderType", 53, "u8", 1), new("timeInForce", 54, "u8", 1), new("selfTradePrevention", 55, "u8", 0),
            new("flags", 56, "u8", 0), new("clOrdId", 64, "char32", "stop-0001"), new("stopPriceTicks", 96, "i64", 2_960_000L),
            new("trailingOffsetTicks", 104, "i64", 0L), new("trailingOffsetBps", 112, "i64", 0L), new("displayLots", 120, "i64", 100L),
            new("linkedOrderId", 128, "i64", 7L), new("triggerType", 136, "u8", 1), new("contingencyType", 137, "u8", 1),
            new("linkedClOrdId", 144, "char32", "ord-0001"),
        ]),
        new("CancelOrder", typeof(CancelOrder), TemplateId.CancelOrder, 88,
        [
            new("requestId", 8, "u64", 43UL), new("orderId", 16, "i64", 0L), new("origClOrdId", 24, "char32", "ord-0001"),
            new("clOrdId", 56, "char32", "cxl-0001"),
        ]),
        new("AmendOrder", typeof(AmendOrder), TemplateId.AmendOrder, 72,
        [
            new("requestId", 8, "u64", 44UL), new("orderId", 16, "i64", 7L), new("newPriceTicks", 24, "i64", 2_999_000L),
            new("newQuantityLots", 32, "i64", 0L), new("origClOrdId", 40, "char32", ""),
        ], Version: 1),
        new("AmendOrder", typeof(AmendOrder), TemplateId.AmendOrder, 80,
        [
            new("requestId", 8, "u64", 53UL), new("orderId", 16, "i64", 0L), new("newPriceTicks", 24, "i64", 0L),
            new("newQuantityLots", 32, "i64", 0L), new("origClOrdId", 40, "char32", "stop-0001"), new("newStopPriceTicks", 72, "i64", 2_955_000L),
        ]),
        new("CancelReplace", typeof(CancelReplace), TemplateId.CancelReplace, 104,
        [
            new("requestId", 8, "u64", 45UL), new("orderId", 16, "i64", 7L), new("newPriceTicks", 24, "i64", 0L),
            new("newQuantityLots", 32, "i64", 300L), new("origClOrdId", 40, "char32", "ord-0001"), new("clOrdId", 72, "char32", "ord-0002"),
        ], Version: 1),
        new("CancelReplace", typeof(CancelReplace), TemplateId.CancelReplace, 112,
        [
            new("requestId", 8, "u64", 54UL), new("orderId", 16, "i64", 8L), new("newPriceTicks", 24, "i64", 2_940_000L),
            new("newQuantityLots", 32, "i64", 0L), new("origClOrdId", 40, "char32", ""), new("clOrdId", 72, "char32", "stop-0002"),
            new("newStopPriceTicks", 104, "i64", 2_950_000L),
        ]),
        new("MassCancel", typeof(MassCancel), TemplateId.MassCancel, 24,
            [new("requestId", 8, "u64", 46UL), new("instrumentId", 16, "i32", 2), new("side", 20, "u8", 1)]),
        new("OrderStatusRequest", typeof(OrderStatusRequest), TemplateId.OrderStatusRequest, 56,
            [new("requestId", 8, "u64", 47UL), new("orderId", 16, "i64", 0L), new("clOrdId", 24, "char32", "ord-0002")]),
        new("Subscribe", typeof(Subscribe), TemplateId.Subscribe, 24,
            [new("requestId", 8, "u64", 48UL), new("instrumentId", 16, "i32", 1), new("depth", 20, "u16", 10), new("channels", 22, "u8", 7)]),
        new("Unsubscribe", typeof(Unsubscribe), TemplateId.Unsubscribe, 24,
            [new("requestId", 8, "u64", 49UL), new("instrumentId", 16, "i32", 1)]),
        new("InstrumentListRequest", typeof(InstrumentListRequest), TemplateId.InstrumentListRequest, 16, [new("requestId", 8, "u64", 50UL)]),
        new("Ping", typeof(Ping), TemplateId.Ping, 16, [new("requestId", 8, "u64", ulong.MaxValue)]),
        new("Quote", typeof(Quote), TemplateId.Quote, 88,
        [
            new("requestId", 8, "u64", 55UL), new("bidPriceTicks", 16, "i64", 2_999_000L), new("bidLots", 24, "i64", 50L),
            new("askPriceTicks", 32, "i64", 3_001_000L), new("askLots", 40, "i64", 60L), new("instrumentId", 48, "i32", 1),
            new("quoteId", 56, "char32", "q-0001"),
        ]),
        new("ResetMarketMakerProtection", typeof(ResetMarketMakerProtection), TemplateId.ResetMarketMakerProtection, 16,
            [new("requestId", 8, "u64", 56UL)]),
        new("LoginAccepted", typeof(LoginAccepted), TemplateId.LoginAccepted, 48,
        [
            new("accountId", 8, "i64", 1001L), new("connectionId", 16, "i32", 3), new("schemaVersion", 20, "u16", 2),
            new("serverTimeNs", 24, "i64", 1_764_000_000_200_000_000L), new("messagesPerSecond", 32, "u32", 1000u),
            new("burst", 36, "u32", 2000u), new("maxMessageBytes", 40, "u32", 4096u),
        ]),
        new("Reject", typeof(Reject), TemplateId.Reject, 88,
        [
            new("requestId", 8, "u64", 51UL), new("refTemplateId", 16, "u16", 2), new("code", 18, "u16", 1008),
            new("text", 24, "char64", "rate limit exceeded"),
        ]),
        new("ExecutionReport", typeof(ExecutionReport), TemplateId.ExecutionReport, 192,
        [
            new("requestId", 8, "u64", 42UL), new("orderId", 16, "i64", 7L), new("execSequence", 24, "i64", 1234L),
            new("priceTicks", 32, "i64", 3_000_000L), new("quantityLots", 40, "i64", 250L), new("leavesLots", 48, "i64", 150L),
            new("cumLots", 56, "i64", 100L), new("lastPriceTicks", 64, "i64", 2_999_500L), new("lastLots", 72, "i64", 100L),
            new("avgPriceTicksE8", 80, "i64", 299_950_000_000_000L), new("transactTimeNs", 88, "i64", 1_764_000_000_300_000_000L),
            new("tradeId", 96, "i64", 99L), new("accountId", 104, "i64", 1001L), new("instrumentId", 112, "i32", 1),
            new("execIndex", 116, "u16", 3), new("rejectCode", 118, "u16", 0), new("execType", 120, "u8", (int)'F'),
            new("ordStatus", 121, "u8", (int)'1'), new("side", 122, "u8", 2), new("orderType", 123, "u8", 1),
            new("timeInForce", 124, "u8", 1), new("cancelReason", 125, "u8", 0), new("role", 126, "u8", (int)'M'),
            new("clOrdId", 128, "char32", "ord-0001"), new("origClOrdId", 160, "char32", ""),
        ], Version: 1),
        new("ExecutionReport", typeof(ExecutionReport), TemplateId.ExecutionReport, 240,
        [
            new("requestId", 8, "u64", 0UL), new("orderId", 16, "i64", 9L), new("execSequence", 24, "i64", 1240L),
            new("priceTicks", 32, "i64", 2_950_000L), new("quantityLots", 40, "i64", 400L), new("leavesLots", 48, "i64", 400L),
            new("cumLots", 56, "i64", 0L), new("lastPriceTicks", 64, "i64", 0L), new("lastLots", 72, "i64", 0L),
            new("avgPriceTicksE8", 80, "i64", 0L), new("transactTimeNs", 88, "i64", 1_764_000_000_500_000_000L),
            new("tradeId", 96, "i64", 0L), new("accountId", 104, "i64", 1001L), new("instrumentId", 112, "i32", 1),
            new("execIndex", 116, "u16", 4), new("rejectCode", 118, "u16", 0), new("execType", 120, "u8", (int)'L'),
            new("ordStatus", 121, "u8", (int)'0'), new("side", 122, "u8", 2), new("orderType", 123, "u8", 1),
            new("timeInForce", 124, "u8", 1), new("cancelReason", 125, "u8", 0), new("role", 126, "u8", (int)'E'),
            new("clOrdId", 128, "char32", "stop-0001"), new("origClOrdId", 160, "char32", ""),
            new("stopPriceTicks", 192, "i64", 2_960_000L), new("trailingOffsetTicks", 200, "i64", 0L), new("trailingOffsetBps", 208, "i64", 25L),
            new("displayLots", 216, "i64", 100L), new("linkedOrderId", 224, "i64", 7L), new("triggerType", 232, "u8", 3),
            new("flags", 233, "u8", 1),
        ]),
        new("CancelReject", typeof(CancelReject), TemplateId.CancelReject, 96,
        [
            new("requestId", 8, "u64", 43UL), new("orderId", 16, "i64", 0L), new("rejectCode", 24, "u16", 5),
            new("ordStatus", 26, "u8", (int)'8'), new("responseTo", 27, "u8", (int)'1'), new("clOrdId", 32, "char32", "cxl-0001"),
            new("origClOrdId", 64, "char32", "nope"),
        ]),
        new("MassCancelReport", typeof(MassCancelReport), TemplateId.MassCancelReport, 24,
            [new("requestId", 8, "u64", 46UL), new("affectedOrders", 16, "i32", 12), new("rejectCode", 20, "u16", 0)]),
        new("Pong", typeof(Pong), TemplateId.Pong, 24,
            [new("requestId", 8, "u64", ulong.MaxValue), new("serverTimeNs", 16, "i64", 1_764_000_000_400_000_000L)]),
        new("BalanceUpdate", typeof(BalanceUpdate), TemplateId.BalanceUpdate, 40,
        [
            new("accountId", 8, "i64", 1001L), new("available", 16, "i64", 9_000_000_000L), new("locked", 24, "i64", 750_000_000L),
            new("assetId", 32, "i32", 2),
        ]),
        new("BookUpdate", typeof(BookUpdate), TemplateId.BookUpdate, 48,
        [
            new("bookSequence", 8, "i64", 17L), new("priceTicks", 16, "i64", 3_000_000L), new("lots", 24, "i64", 0L),
            new("instrumentId", 32, "i32", 1), new("orderCount", 36, "i32", 0), new("side", 40, "u8", 2), new("action", 41, "u8", 2),
        ]),
        new("Trade", typeof(Trade), TemplateId.Trade, 56,
        [
            new("tradeSequence", 8, "i64", 5L), new("tradeId", 16, "i64", 99L), new("priceTicks", 24, "i64", 2_999_500L),
            new("lots", 32, "i64", 100L), new("timestampNs", 40, "i64", 1_764_000_000_300_000_000L), new("instrumentId", 48, "i32", 1),
            new("aggressorSide", 52, "u8", 1),
        ]),
        new("Bbo", typeof(Bbo), TemplateId.Bbo, 56,
        [
            new("bookSequence", 8, "i64", 18L), new("bidPriceTicks", 16, "i64", 2_999_000L), new("bidLots", 24, "i64", 40L),
            new("askPriceTicks", 32, "i64", 0L), new("askLots", 40, "i64", 0L), new("instrumentId", 48, "i32", 1),
        ]),
        new("Goodbye", typeof(Goodbye), TemplateId.Goodbye, 80,
            [new("code", 8, "u16", 1013), new("text", 16, "char64", "send queue full: slow consumer")]),
        new("QuoteAck", typeof(QuoteAck), TemplateId.QuoteAck, 112,
        [
            new("requestId", 8, "u64", 55UL), new("bidOrderId", 16, "i64", 21L), new("askOrderId", 24, "i64", 22L),
            new("bidPriceTicks", 32, "i64", 2_999_000L), new("bidLots", 40, "i64", 50L), new("askPriceTicks", 48, "i64", 3_001_000L),
            new("askLots", 56, "i64", 60L), new("transactTimeNs", 64, "i64", 1_764_000_000_600_000_000L), new("instrumentId", 72, "i32", 1),
            new("rejectCode", 76, "u16", 0), new("quoteId", 80, "char32", "q-0001"),
        ]),
        new("MarketMakerProtection", typeof(MarketMakerProtection), TemplateId.MarketMakerProtection, 48,
        [
            new("requestId", 8, "u64", 0UL), new("accountId", 16, "i64", 1001L), new("windowNs", 24, "i64", 1_000_000_000L),
            new("quantityLots", 32, "i64", 500L), new("maxFills", 40, "i32", 10), new("rejectCode", 44, "u16", 0), new("status", 46, "u8", 2),
        ]),
    ];

    /// <summary>Writes one sample value as the spec's type says.</summary>
    public static void Put(Span<byte> at, string type, object value)
    {
        switch (type)
        {
            case "u8": at[0] = Convert.ToByte(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "u16": BinaryPrimitives.WriteUInt16LittleEndian(at, Convert.ToUInt16(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "i32": BinaryPrimitives.WriteInt32LittleEndian(at, (int)value); break;
            case "u32": BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)value); break;
            case "i64": BinaryPrimitives.WriteInt64LittleEndian(at, (long)value); break;
            case "u64": BinaryPrimitives.WriteUInt64LittleEndian(at, (ulong)value); break;
            case "bytes32": ((byte[])value).CopyTo(at); break;
            default:
                var text = (string)value;
                for (var i = 0; i < text.Length; i++)
                {
                    at[i] = (byte)text[i];
                }

                break;
        }
    }
}
