using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>
/// An instrument's book as a subscription sees it: rebuilt from each BookSnapshot, kept up to date by
/// BookUpdates, and checked for gaps. A BookUpdate whose book sequence is not the last one + 1, or a Trade
/// whose trade sequence is not the last one + 1, means the server dropped market data (docs/WEBSOCKET.md,
/// "Slow consumer"): the book becomes <see cref="IsStale"/> and sets every message aside until the next
/// snapshot. <see cref="MatcherClient"/> then subscribes again, which brings one.
/// </summary>
/// <remarks>
/// <para>
/// Levels are kept best first in arrays that grow when needed and are otherwise reused: an update is a binary
/// search and, for a new or deleted level, a move of the levels behind it. Nothing is allocated once the
/// arrays have reached the book's size.
/// </para>
/// <para>
/// With a snapshot <see cref="Depth"/> other than 0, levels beyond that depth are not in the snapshot but every
/// later change is (the server sends all of them): the book is exact for the levels the snapshot held and
/// those that changed since, and may miss deeper levels that have not changed.
/// </para>
/// <para>
/// Not thread-safe. <see cref="MatcherClient"/> writes its books on its receive loop only: read them in the
/// handler's callbacks (which run on that loop), or copy what you need there.
/// </para>
/// </remarks>
public sealed class OrderBook
{
    private const int InitialCapacity = 16;

    private BookLevel[] _bids = new BookLevel[InitialCapacity];
    private BookLevel[] _asks = new BookLevel[InitialCapacity];
    private int _bidCount;
    private int _askCount;
    private Bbo _bbo;

    /// <summary>An empty book of <paramref name="instrumentId"/>, waiting for its first snapshot.</summary>
    public OrderBook(int instrumentId)
    {
        InstrumentId = instrumentId;
    }

    /// <summary>The instrument.</summary>
    public int InstrumentId { get; }

    /// <summary>The channels of the subscription, as the last snapshot gave them.</summary>
    public SubscriptionChannels Channels { get; private set; }

    /// <summary>The snapshot depth the subscription asked for (0: the whole book).</summary>
    public int Depth { get; internal set; }

    /// <summary>True once a snapshot has been applied.</summary>
    public bool HasSnapshot { get; private set; }

    /// <summary>True after a gap, until the next snapshot: the levels are those before the gap and may be wrong.</summary>
    public bool IsStale { get; private set; }

    /// <summary>The book sequence of the last snapshot or update applied.</summary>
    public long BookSequence { get; private set; }

    /// <summary>The trade sequence of the last snapshot or trade applied.</summary>
    public long TradeSequence { get; private set; }

    /// <summary>Snapshots applied.</summary>
    public long Snapshots { get; private set; }

    /// <summary>Gaps found.</summary>
    public long Gaps { get; private set; }

    /// <summary>The bid levels, best (highest price) first. Valid until the book next changes.</summary>
    public ReadOnlySpan<BookLevel> Bids => _bids.AsSpan(0, _bidCount);

    /// <summary>The ask levels, best (lowest price) first. Valid until the book next changes.</summary>
    public ReadOnlySpan<BookLevel> Asks => _asks.AsSpan(0, _askCount);

    /// <summary>True when a Bbo has been received since the last snapshot.</summary>
    public bool HasBbo { get; private set; }

    /// <summary>The last Bbo received since the last snapshot (best-bid-offer channel).</summary>
    public Bbo LastBbo => _bbo;

    /// <summary>The best bid, if there is one.</summary>
    public bool TryGetBestBid(out BookLevel level)
    {
        level = _bidCount > 0 ? _bids[0] : default;
        return _bidCount > 0;
    }

    /// <summary>The best ask, if there is one.</summary>
    public bool TryGetBestAsk(out BookLevel level)
    {
        level = _askCount > 0 ? _asks[0] : default;
        return _askCount > 0;
    }

    /// <summary>The level at <paramref name="priceTicks"/> on <paramref name="side"/>, if there is one.</summary>
    public bool TryGetLevel(Side side, long priceTicks, out BookLevel level)
    {
        var (levels, count, descending) = SideOf(side);
        var index = Find(levels, count, priceTicks, descending);
        level = index >= 0 ? levels[index] : default;
        return index >= 0;
    }

    /// <summary>Replaces the whole book with a snapshot and clears <see cref="IsStale"/>.</summary>
    public void ApplySnapshot(in BookSnapshot snapshot, GroupView<LevelEntry> bids, GroupView<LevelEntry> asks)
    {
        _bidCount = 0;
        _askCount = 0;
        for (var i = 0; i < bids.Count; i++)
        {
            var entry = bids[i];
            Set(Side.Buy, entry.PriceTicks, entry.Lots, entry.OrderCount);
        }

        for (var i = 0; i < asks.Count; i++)
        {
            var entry = asks[i];
            Set(Side.Sell, entry.PriceTicks, entry.Lots, entry.OrderCount);
        }

        Channels = (SubscriptionChannels)snapshot.Channels;
        BookSequence = snapshot.BookSequence;
        TradeSequence = snapshot.TradeSequence;
        HasBbo = false;
        _bbo = default;
        HasSnapshot = true;
        IsStale = false;
        Snapshots++;
    }

    /// <summary>Applies one level change, if it is the next in the book sequence.</summary>
    /// <param name="update">The update.</param>
    /// <param name="gap">When the result is <see cref="BookApplyResult.Gap"/>, what was expected and what came.</param>
    public BookApplyResult Apply(in BookUpdate update, out SequenceGap gap)
    {
        gap = default;
        if (!HasSnapshot || IsStale || update.BookSequence <= BookSequence)
        {
            return BookApplyResult.Ignored;
        }

        if (update.BookSequence != BookSequence + 1)
        {
            gap = new SequenceGap(SequenceKind.Book, BookSequence + 1, update.BookSequence);
            Stale();
            return BookApplyResult.Gap;
        }

        BookSequence = update.BookSequence;
        // Action 2 (delete) and a total of 0 both remove the level; new and change both set it, so a "change"
        // of a level beyond a depth-limited snapshot simply appears.
        var lots = update.Action == 2 ? 0 : update.Lots;
        Set((Side)update.Side, update.PriceTicks, lots, update.OrderCount);
        return BookApplyResult.Applied;
    }

    /// <summary>Checks a trade against the trade sequence.</summary>
    /// <param name="trade">The trade.</param>
    /// <param name="gap">When the result is <see cref="BookApplyResult.Gap"/>, what was expected and what came.</param>
    public BookApplyResult Apply(in Trade trade, out SequenceGap gap)
    {
        gap = default;
        if (!HasSnapshot || IsStale || trade.TradeSequence <= TradeSequence)
        {
            return BookApplyResult.Ignored;
        }

        if (trade.TradeSequence != TradeSequence + 1)
        {
            gap = new SequenceGap(SequenceKind.Trade, TradeSequence + 1, trade.TradeSequence);
            Stale();
            return BookApplyResult.Gap;
        }

        TradeSequence = trade.TradeSequence;
        return BookApplyResult.Applied;
    }

    /// <summary>
    /// Keeps a best bid and offer as <see cref="LastBbo"/>. A Bbo carries the book sequence after a whole
    /// command, which may have changed several levels, so it is not checked for gaps.
    /// </summary>
    public BookApplyResult Apply(in Bbo bbo)
    {
        if (!HasSnapshot || IsStale || (HasBbo && bbo.BookSequence < _bbo.BookSequence))
        {
            return BookApplyResult.Ignored;
        }

        _bbo = bbo;
        HasBbo = true;
        return BookApplyResult.Applied;
    }

    /// <summary>Marks the book stale (a gap seen elsewhere, an unsubscribe): everything is set aside until the next snapshot.</summary>
    public void MarkStale() => IsStale = true;

    private void Stale()
    {
        IsStale = true;
        Gaps++;
    }

    private void Set(Side side, long priceTicks, long lots, int orderCount)
    {
        if (side is not (Side.Buy or Side.Sell))
        {
            return;
        }

        var (levels, count, descending) = SideOf(side);
        var index = Find(levels, count, priceTicks, descending);
        if (lots <= 0)
        {
            if (index >= 0)
            {
                Array.Copy(levels, index + 1, levels, index, count - index - 1);
                SetCount(side, count - 1);
            }

            return;
        }

        var level = new BookLevel(priceTicks, lots, orderCount);
        if (index >= 0)
        {
            levels[index] = level;
            return;
        }

        index = ~index;
        if (count == levels.Length)
        {
            Array.Resize(ref levels, levels.Length * 2);
            if (side == Side.Buy)
            {
                _bids = levels;
            }
            else
            {
                _asks = levels;
            }
        }

        Array.Copy(levels, index, levels, index + 1, count - index);
        levels[index] = level;
        SetCount(side, count + 1);
    }

    private (BookLevel[] Levels, int Count, bool Descending) SideOf(Side side) =>
        side == Side.Buy ? (_bids, _bidCount, true) : (_asks, _askCount, false);

    private void SetCount(Side side, int count)
    {
        if (side == Side.Buy)
        {
            _bidCount = count;
        }
        else
        {
            _askCount = count;
        }
    }

    /// <summary>The index of <paramref name="priceTicks"/>, or the bitwise complement of where it would go (best first).</summary>
    private static int Find(BookLevel[] levels, int count, long priceTicks, bool descending)
    {
        var low = 0;
        var high = count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var price = levels[middle].PriceTicks;
            if (price == priceTicks)
            {
                return middle;
            }

            // Best first: bids by falling price, asks by rising price.
            if (descending ? price > priceTicks : price < priceTicks)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
