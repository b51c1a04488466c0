using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Matcher.Protocol;
using static Matcher.Client.Tests.Frames;

namespace Matcher.Client.Tests;

public sealed class OrderBookTests
{
    private const int Instrument = 7;

    private static OrderBook BookAt(long bookSequence, long tradeSequence = 0)
    {
        var book = new OrderBook(Instrument);
        ApplySnapshot(book, Snapshot(Instrument, bookSequence, tradeSequence,
            [Level(100, 5, 2), Level(99, 3)], [Level(101, 4), Level(103, 1)]));
        return book;
    }

    private static BookApplyResult Apply(OrderBook book, BookUpdate update) => book.Apply(in update, out _);

    [Test]
    public void ApplySnapshot_Levels_AreKeptBestFirstWithTheSequences()
    {
        var book = new OrderBook(Instrument);

        // Unsorted on purpose: the book orders the levels itself.
        ApplySnapshot(book, Snapshot(Instrument, 41, 9, [Level(99, 3), Level(100, 5, 2)], [Level(103, 1), Level(101, 4)],
            channels: SubscriptionChannels.Book | SubscriptionChannels.Trades));

        Assert.Multiple(() =>
        {
            Assert.That(book.Bids.ToArray(), Is.EqualTo(new[] { new BookLevel(100, 5, 2), new BookLevel(99, 3, 1) }));
            Assert.That(book.Asks.ToArray(), Is.EqualTo(new[] { new BookLevel(101, 4, 1), new BookLevel(103, 1, 1) }));
            Assert.That(book.BookSequence, Is.EqualTo(41));
            Assert.That(book.TradeSequence, Is.EqualTo(9));
            Assert.That(book.Channels, Is.EqualTo(SubscriptionChannels.Book | SubscriptionChannels.Trades));
            Assert.That(book.HasSnapshot, Is.True);
            Assert.That(book.IsStale, Is.False);
            Assert.That(book.TryGetBestBid(out var bid) && bid.PriceTicks == 100, Is.True);
            Assert.That(book.TryGetBestAsk(out var ask) && ask.PriceTicks == 101, Is.True);
        });
    }

    [Test]
    public void Apply_NewChangeAndDelete_EditTheLevelsInPlace()
    {
        var book = BookAt(10);

        Assert.Multiple(() =>
        {
            Assert.That(Apply(book, Update(Instrument, 11, Side.Buy, 98, 7, action: 0)), Is.EqualTo(BookApplyResult.Applied));
            Assert.That(Apply(book, Update(Instrument, 12, Side.Buy, 100, 2, action: 1, orderCount: 1)), Is.EqualTo(BookApplyResult.Applied));
            Assert.That(Apply(book, Update(Instrument, 13, Side.Sell, 101, 0, action: 2)), Is.EqualTo(BookApplyResult.Applied));
            Assert.That(Apply(book, Update(Instrument, 14, Side.Sell, 102, 6, action: 0)), Is.EqualTo(BookApplyResult.Applied));
            Assert.That(Apply(book, Update(Instrument, 15, Side.Buy, 99, 0, action: 1)), Is.EqualTo(BookApplyResult.Applied));
        });

        Assert.Multiple(() =>
        {
            Assert.That(book.Bids.ToArray(), Is.EqualTo(new[] { new BookLevel(100, 2, 1), new BookLevel(98, 7, 1) }));
            Assert.That(book.Asks.ToArray(), Is.EqualTo(new[] { new BookLevel(102, 6, 1), new BookLevel(103, 1, 1) }));
            Assert.That(book.BookSequence, Is.EqualTo(15));
        });
    }

    [Test]
    public void Apply_SkippedBookSequence_IsAGapAndTheBookStaysStaleUntilTheNextSnapshot()
    {
        var book = BookAt(10);
        Apply(book, Update(Instrument, 11, Side.Buy, 98, 7));

        var update = Update(Instrument, 13, Side.Buy, 97, 1);
        var result = book.Apply(in update, out var gap);
        var afterGap = Apply(book, Update(Instrument, 14, Side.Buy, 96, 1));

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(BookApplyResult.Gap));
            Assert.That(gap, Is.EqualTo(new SequenceGap(SequenceKind.Book, 12, 13)));
            Assert.That(book.IsStale, Is.True);
            Assert.That(book.Gaps, Is.EqualTo(1));
            Assert.That(afterGap, Is.EqualTo(BookApplyResult.Ignored));
            Assert.That(book.TryGetLevel(Side.Buy, 96, out _), Is.False);
        });

        ApplySnapshot(book, Snapshot(Instrument, 20, 0, [Level(95, 1)], []));
        Assert.Multiple(() =>
        {
            Assert.That(book.IsStale, Is.False);
            Assert.That(book.Bids.ToArray(), Is.EqualTo(new[] { new BookLevel(95, 1, 1) }));
            Assert.That(book.Asks.Length, Is.Zero);
            Assert.That(Apply(book, Update(Instrument, 21, Side.Sell, 110, 1)), Is.EqualTo(BookApplyResult.Applied));
            Assert.That(book.Snapshots, Is.EqualTo(2));
        });
    }

    [Test]
    public void Apply_UpdateAtOrBeforeTheSnapshot_IsIgnored()
    {
        var book = BookAt(10);

        Assert.Multiple(() =>
        {
            Assert.That(Apply(book, Update(Instrument, 10, Side.Buy, 50, 1)), Is.EqualTo(BookApplyResult.Ignored));
            Assert.That(Apply(book, Update(Instrument, 3, Side.Buy, 50, 1)), Is.EqualTo(BookApplyResult.Ignored));
            Assert.That(book.TryGetLevel(Side.Buy, 50, out _), Is.False);
            Assert.That(book.IsStale, Is.False);
        });
    }

    [Test]
    public void Apply_BeforeAnySnapshot_IsIgnored()
    {
        var book = new OrderBook(Instrument);
        var trade = Trade(Instrument, 1);

        Assert.Multiple(() =>
        {
            Assert.That(Apply(book, Update(Instrument, 1, Side.Buy, 50, 1)), Is.EqualTo(BookApplyResult.Ignored));
            Assert.That(book.Apply(in trade, out _), Is.EqualTo(BookApplyResult.Ignored));
            Assert.That(book.Bids.Length, Is.Zero);
        });
    }

    [Test]
    public void Apply_Trades_FollowTheTradeSequenceAndASkipIsAGap()
    {
        var book = BookAt(10, tradeSequence: 4);
        var next = Trade(Instrument, 5);
        var skipped = Trade(Instrument, 7);

        var first = book.Apply(in next, out _);
        var second = book.Apply(in skipped, out var gap);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(BookApplyResult.Applied));
            Assert.That(book.TradeSequence, Is.EqualTo(5));
            Assert.That(second, Is.EqualTo(BookApplyResult.Gap));
            Assert.That(gap, Is.EqualTo(new SequenceGap(SequenceKind.Trade, 6, 7)));
            Assert.That(book.IsStale, Is.True);
            Assert.That(Apply(book, Update(Instrument, 11, Side.Buy, 50, 1)), Is.EqualTo(BookApplyResult.Ignored));
        });
    }

    [Test]
    public void Apply_Bbo_IsKeptUntilTheNextSnapshot()
    {
        var book = BookAt(10);
        var bbo = new Bbo { BookSequence = 12, BidPriceTicks = 100, BidLots = 5, AskPriceTicks = 101, AskLots = 4, InstrumentId = Instrument };
        var older = bbo with { BookSequence = 11, BidPriceTicks = 1 };

        Assert.Multiple(() =>
        {
            Assert.That(book.Apply(in bbo), Is.EqualTo(BookApplyResult.Applied));
            Assert.That(book.Apply(in older), Is.EqualTo(BookApplyResult.Ignored));
            Assert.That(book.HasBbo, Is.True);
            Assert.That(book.LastBbo.BidPriceTicks, Is.EqualTo(100));
        });

        ApplySnapshot(book, Snapshot(Instrument, 20, 0, [], []));
        Assert.That(book.HasBbo, Is.False);
    }

    [Test]
    public void Apply_RandomUpdates_MatchASortedDictionaryModel()
    {
        var random = new Random(20260101);
        var book = new OrderBook(Instrument);
        ApplySnapshot(book, Snapshot(Instrument, 0, 0, [], []));
        var bids = new SortedDictionary<long, BookLevel>(Comparer<long>.Create((a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<long, BookLevel>();
        for (var sequence = 1; sequence <= 20_000; sequence++)
        {
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var price = side == Side.Buy ? random.Next(900, 1000) : random.Next(1001, 1100);
            var lots = random.Next(4) == 0 ? 0 : random.Next(1, 1000);
            var model = side == Side.Buy ? bids : asks;
            var action = lots == 0 ? (byte)2 : model.ContainsKey(price) ? (byte)1 : (byte)0;
            if (lots == 0)
            {
                model.Remove(price);
            }
            else
            {
                model[price] = new BookLevel(price, lots, lots % 7);
            }

            Assert.That(Apply(book, Update(Instrument, sequence, side, price, lots, action, (int)(lots % 7))), Is.EqualTo(BookApplyResult.Applied));
        }

        Assert.Multiple(() =>
        {
            Assert.That(book.Bids.ToArray(), Is.EqualTo(bids.Values.ToArray()));
            Assert.That(book.Asks.ToArray(), Is.EqualTo(asks.Values.ToArray()));
            Assert.That(book.Bids.Length, Is.GreaterThan(50));
        });
    }

    [Test]
    public void Apply_Update_DoesNotAllocateOnceTheBookHasGrown()
    {
        var book = BookAt(0);
        for (var i = 1; i <= 100; i++)
        {
            Apply(book, Update(Instrument, i, Side.Buy, 1000 - i, 1));
        }

        var updates = new BookUpdate[1000];
        for (var i = 0; i < updates.Length; i++)
        {
            updates[i] = Update(Instrument, 101 + i, Side.Buy, 1000 - (i % 100) - 1, i % 3, action: (byte)(i % 3 == 0 ? 2 : 1));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < updates.Length; i++)
        {
            book.Apply(in updates[i], out _);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(book.BookSequence, Is.EqualTo(1100));
        });
    }

    [Test]
    public void ApplySnapshot_FromAGroupWithLongerEntries_ReadsEachLevelAtItsStride()
    {
        // A newer server's level entries may be longer than 20 bytes; the book reads them at the group's stride.
        const int Stride = 24;
        var frame = new byte[BookSnapshot.FixedLength + (2 * (Codec.GroupHeaderLength + Stride))];
        var snapshot = new BookSnapshot
        {
            Header = new MessageHeader { Length = (uint)frame.Length, TemplateId = TemplateId.BookSnapshot, SchemaVersion = 1 },
            BookSequence = 3,
            InstrumentId = Instrument,
            Channels = 1,
        };
        MemoryMarshal.Write(frame, in snapshot);
        WriteOneEntryGroup(frame.AsSpan(BookSnapshot.FixedLength), Stride, Level(100, 5));
        WriteOneEntryGroup(frame.AsSpan(BookSnapshot.FixedLength + Codec.GroupHeaderLength + Stride), Stride, Level(105, 2));
        var book = new OrderBook(Instrument);

        ApplySnapshot(book, frame);

        Assert.Multiple(() =>
        {
            Assert.That(book.Bids.ToArray(), Is.EqualTo(new[] { new BookLevel(100, 5, 1) }));
            Assert.That(book.Asks.ToArray(), Is.EqualTo(new[] { new BookLevel(105, 2, 1) }));
        });
    }

    private static void WriteOneEntryGroup(Span<byte> destination, int stride, LevelEntry entry)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)stride);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], 1);
        destination.Slice(Codec.GroupHeaderLength, stride).Fill(0xEE);
        MemoryMarshal.Write(destination[Codec.GroupHeaderLength..], in entry);
    }
}
