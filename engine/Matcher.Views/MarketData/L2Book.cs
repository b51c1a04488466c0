using Matcher.Core.Commands;

namespace Matcher.Views.MarketData;

/// <summary>One instrument's price levels: lots and order count per price, per side.</summary>
/// <remarks>
/// Each side is a sorted array with the best level last (bids by rising price, asks by
/// falling price), so the changes that matter most, near the top of the book, shift the
/// fewest entries, and a steady book allocates nothing (arrays grow by doubling and never
/// shrink). Not thread-safe: the <see cref="MarketDataHub"/> guards it with its lock.
/// </remarks>
internal sealed class L2Book
{
    private const int InitialCapacity = 16;

    private BookLevel[] _bids = new BookLevel[InitialCapacity];
    private BookLevel[] _asks = new BookLevel[InitialCapacity];
    private int _bidCount;
    private int _askCount;

    /// <summary>Bid levels.</summary>
    public int BidCount => _bidCount;

    /// <summary>Ask levels.</summary>
    public int AskCount => _askCount;

    /// <summary>Adds lots and orders at a price (building from a recovered engine's orders).</summary>
    public void Add(Side side, long priceTicks, long lots, int orderCount)
    {
        ref var levels = ref Levels(side, out var count);
        var index = Find(levels, count, side, priceTicks);
        if (index >= 0)
        {
            var level = levels[index];
            levels[index] = level with { Lots = level.Lots + lots, OrderCount = level.OrderCount + orderCount };
            return;
        }

        Insert(side, ~index, new BookLevel(priceTicks, lots, orderCount));
    }

    /// <summary>Sets a level to what the core reported (0 lots removes it) and says what that did.</summary>
    public LevelAction Set(Side side, long priceTicks, long lots, int orderCount)
    {
        ref var levels = ref Levels(side, out var count);
        var index = Find(levels, count, side, priceTicks);
        if (lots == 0)
        {
            if (index >= 0)
            {
                Array.Copy(levels, index + 1, levels, index, count - index - 1);
                SetCount(side, count - 1);
            }

            return LevelAction.Delete;
        }

        if (index >= 0)
        {
            levels[index] = new BookLevel(priceTicks, lots, orderCount);
            return LevelAction.Change;
        }

        Insert(side, ~index, new BookLevel(priceTicks, lots, orderCount));
        return LevelAction.New;
    }

    /// <summary>The best level of a side, or false when the side is empty.</summary>
    public bool TryGetBest(Side side, out BookLevel level)
    {
        var levels = Levels(side, out var count);
        level = count > 0 ? levels[count - 1] : default;
        return count > 0;
    }

    /// <summary>A copy of a side's best <paramref name="depth"/> levels (0 = all; negative = none), best first.</summary>
    public BookLevel[] Copy(Side side, int depth)
    {
        var levels = Levels(side, out var count);
        var take = depth < 0 ? 0 : depth == 0 ? count : Math.Min(depth, count);
        if (take == 0)
        {
            return [];
        }

        var copy = new BookLevel[take];
        for (var i = 0; i < take; i++)
        {
            copy[i] = levels[count - 1 - i];
        }

        return copy;
    }

    /// <summary>Empties both sides (keeping the arrays).</summary>
    public void Clear()
    {
        _bidCount = 0;
        _askCount = 0;
    }

    /// <summary>
    /// The index of <paramref name="priceTicks"/> in a side, or the bitwise complement of where
    /// it would go. Ordered by "worse first": rising price for bids, falling price for asks.
    /// </summary>
    private static int Find(BookLevel[] levels, int count, Side side, long priceTicks)
    {
        var low = 0;
        var high = count - 1;
        var bids = side == Side.Buy;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            var price = levels[middle].PriceTicks;
            if (price == priceTicks)
            {
                return middle;
            }

            if ((price < priceTicks) == bids)
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

    private void Insert(Side side, int index, BookLevel level)
    {
        ref var levels = ref Levels(side, out var count);
        if (count == levels.Length)
        {
            Array.Resize(ref levels, levels.Length * 2);
        }

        Array.Copy(levels, index, levels, index + 1, count - index);
        levels[index] = level;
        SetCount(side, count + 1);
    }

    private ref BookLevel[] Levels(Side side, out int count)
    {
        if (side == Side.Buy)
        {
            count = _bidCount;
            return ref _bids;
        }

        count = _askCount;
        return ref _asks;
    }

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
}
