using System.Buffers.Binary;

namespace Matcher.Protocol.Tests;

/// <summary>The messages with groups, as samples, and their bytes built from the spec's offsets by hand.</summary>
internal static class GroupSamples
{
    public static readonly BookSnapshot Snapshot = new() { RequestId = 48, BookSequence = 17, TradeSequence = 5, InstrumentId = 1, Channels = 7 };

    public static readonly LevelEntry[] Bids =
    [
        new() { PriceTicks = 2_999_000, Lots = 40, OrderCount = 2 },
        new() { PriceTicks = 2_998_000, Lots = 15, OrderCount = 1 },
    ];

    public static readonly LevelEntry[] Asks = [new() { PriceTicks = 3_001_000, Lots = 7, OrderCount = 1 }];

    public static readonly InstrumentEntry[] Instruments =
    [
        new()
        {
            InstrumentId = 1, Status = 1, TickScale = 2, LotScale = 4, TickMantissa = 1, LotMantissa = 1, MinQuantityLots = 1, MinNotional = 10_000_000,
            Symbol = Chars16.From("BTC-USD"), BaseAsset = Chars16.From("BTC"), QuoteAsset = Chars16.From("USD"),
        },
        new()
        {
            InstrumentId = 2, Status = 3, TickScale = 2, LotScale = 3, TickMantissa = 5, LotMantissa = 1, MinQuantityLots = 10, MinNotional = 0,
            Symbol = Chars16.From("ETH-USD"), BaseAsset = Chars16.From("ETH"), QuoteAsset = Chars16.From("USD"),
        },
    ];

    public static byte[] BookSnapshotBytes()
    {
        var bytes = new byte[40 + 4 + 40 + 4 + 20];
        Header(bytes, 110);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), 48);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), 17);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), 5);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(32), 1);
        bytes[36] = 7;
        var at = Levels(bytes, 40, Bids);
        Levels(bytes, at, Asks);
        return bytes;
    }

    public static byte[] InstrumentListBytes()
    {
        var bytes = new byte[16 + 4 + (2 * 88)];
        Header(bytes, 114);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), 50);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(16), 88);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(18), 2);
        var at = 20;
        foreach (var entry in Instruments)
        {
            var e = entry;
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), e.InstrumentId);
            bytes[at + 4] = e.Status;
            bytes[at + 5] = e.TickScale;
            bytes[at + 6] = e.LotScale;
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 8), e.TickMantissa);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 16), e.LotMantissa);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 24), e.MinQuantityLots);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 32), e.MinNotional);
            SpecSamples.Put(bytes.AsSpan(at + 40), "char16", e.Symbol.ToString());
            SpecSamples.Put(bytes.AsSpan(at + 56), "char16", e.BaseAsset.ToString());
            SpecSamples.Put(bytes.AsSpan(at + 72), "char16", e.QuoteAsset.ToString());
            at += 88;
        }

        return bytes;
    }

    private static void Header(byte[] bytes, ushort template)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), template);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), Codec.SchemaVersion);
    }

    private static int Levels(byte[] bytes, int at, LevelEntry[] levels)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 2), (ushort)levels.Length);
        at += 4;
        foreach (var level in levels)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), level.PriceTicks);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 8), level.Lots);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 16), level.OrderCount);
            at += 20;
        }

        return at;
    }
}
