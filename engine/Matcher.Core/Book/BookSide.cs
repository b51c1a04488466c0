using Matcher.Core.Commands;

namespace Matcher.Core.Book;

/// <summary>
/// One side of a book: price levels in a sorted array with the best price at the end,
/// so taking or emptying the best level, and adding near it, move little or nothing.
/// </summary>
/// <remarks>
/// Most activity is near the top of the book; a sorted array beats a tree there and
/// keeps iteration order trivially deterministic. Finding a level is a binary search.
/// </remarks>
internal sealed class BookSide
{
    private readonly Pool<PriceLevel> _levelPool;
    private PriceLevel[] _levels = new PriceLevel[64];

    public BookSide(Side side, Pool<PriceLevel> levelPool)
    {
        Side = side;
        _levelPool = levelPool;
    }

    public Side Side { get; }

    public int LevelCount { get; private set; }

    public bool IsEmpty => LevelCount == 0;

    /// <summary>The best level (highest bid, lowest ask), or null.</summary>
    public PriceLevel? Best => LevelCount == 0 ? null : _levels[LevelCount - 1];

    /// <summary>The level <paramref name="rank"/> places from the best (0 = best).</summary>
    public PriceLevel LevelFromBest(int rank) => _levels[LevelCount - 1 - rank];

    /// <summary>True when <paramref name="priceTicks"/> is at least as good as <paramref name="other"/> for this side.</summary>
    public bool IsAtLeastAsGood(long priceTicks, long other) =>
        Side == Side.Buy ? priceTicks >= other : priceTicks <= other;

    public PriceLevel? Find(long priceTicks)
    {
        var index = Search(priceTicks);
        return index >= 0 ? _levels[index] : null;
    }

    public PriceLevel GetOrAdd(long priceTicks)
    {
        var index = Search(priceTicks);
        if (index >= 0)
        {
            return _levels[index];
        }

        index = ~index;
        if (LevelCount == _levels.Length)
        {
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        Array.Copy(_levels, index, _levels, index + 1, LevelCount - index);
        var level = _levelPool.Take();
        level.PriceTicks = priceTicks;
        _levels[index] = level;
        LevelCount++;
        return level;
    }

    /// <summary>Removes an empty level and returns it to the pool.</summary>
    public void RemoveEmpty(PriceLevel level)
    {
        var index = LevelCount - 1;
        if (_levels[index] != level)
        {
            index = Search(level.PriceTicks);
        }

        Array.Copy(_levels, index + 1, _levels, index, LevelCount - index - 1);
        _levels[--LevelCount] = null!;
        level.Head = level.Tail = null;
        level.TotalLots = 0;
        level.OrderCount = 0;
        level.TouchedAt = 0;
        _levelPool.Return(level);
    }

    /// <summary>
    /// Binary search in storage order: ascending prices for bids (best = highest, last),
    /// descending for asks (best = lowest, last). Returns the index, or the complement of
    /// where the price would go.
    /// </summary>
    private int Search(long priceTicks)
    {
        var low = 0;
        var high = LevelCount - 1;
        var ascending = Side == Side.Buy;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            var price = _levels[middle].PriceTicks;
            if (price == priceTicks)
            {
                return middle;
            }

            if (price < priceTicks == ascending)
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
