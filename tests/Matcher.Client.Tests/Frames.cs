using Matcher.Protocol;

namespace Matcher.Client.Tests;

/// <summary>Server messages encoded with the codec, for feeding books and the client.</summary>
internal static class Frames
{
    public static byte[] Encode<T>(T message)
        where T : unmanaged, IFixedMessage
    {
        var frame = new byte[T.FixedLength];
        Codec.Write(ref message, frame);
        return frame;
    }

    public static LevelEntry Level(long priceTicks, long lots, int orderCount = 1) =>
        new() { PriceTicks = priceTicks, Lots = lots, OrderCount = orderCount };

    public static byte[] Snapshot(int instrumentId, long bookSequence, long tradeSequence, LevelEntry[] bids, LevelEntry[] asks,
        ulong requestId = 0, SubscriptionChannels channels = SubscriptionChannels.All)
    {
        var snapshot = new BookSnapshot
        {
            RequestId = requestId,
            BookSequence = bookSequence,
            TradeSequence = tradeSequence,
            InstrumentId = instrumentId,
            Channels = (byte)channels,
        };
        var frame = new byte[Codec.BookSnapshotLength(bids.Length, asks.Length)];
        Codec.WriteBookSnapshot(ref snapshot, bids, asks, frame);
        return frame;
    }

    public static void ApplySnapshot(OrderBook book, byte[] frame)
    {
        Assert.That(Codec.TryReadBookSnapshot(frame, out var snapshot, out var bids, out var asks), Is.True);
        book.ApplySnapshot(in snapshot, new GroupView<LevelEntry>(frame, bids), new GroupView<LevelEntry>(frame, asks));
    }

    public static BookUpdate Update(int instrumentId, long bookSequence, Side side, long priceTicks, long lots, byte action = 1, int orderCount = 1) =>
        new()
        {
            BookSequence = bookSequence,
            PriceTicks = priceTicks,
            Lots = lots,
            InstrumentId = instrumentId,
            OrderCount = orderCount,
            Side = (byte)side,
            Action = action,
        };

    public static Trade Trade(int instrumentId, long tradeSequence, long priceTicks = 100, long lots = 1) =>
        new()
        {
            TradeSequence = tradeSequence,
            TradeId = tradeSequence * 10,
            PriceTicks = priceTicks,
            Lots = lots,
            TimestampNs = 1_700_000_000_000_000_000,
            InstrumentId = instrumentId,
            AggressorSide = 1,
        };

    public static byte[] InstrumentList(ulong requestId, params InstrumentEntry[] entries)
    {
        var frame = new byte[Codec.InstrumentListLength(entries.Length)];
        Codec.WriteInstrumentList(requestId, entries, frame);
        return frame;
    }

    public static InstrumentEntry Instrument(int id, string symbol, long tickMantissa, byte tickScale, long lotMantissa, byte lotScale) =>
        new()
        {
            InstrumentId = id,
            Status = 1,
            TickMantissa = tickMantissa,
            TickScale = tickScale,
            LotMantissa = lotMantissa,
            LotScale = lotScale,
            MinQuantityLots = 1,
            MinNotional = 1_000_000,
            Symbol = Chars16.From(symbol),
            BaseAsset = Chars16.From(symbol.Split('-')[0]),
            QuoteAsset = Chars16.From(symbol.Split('-')[1]),
        };
}
