using Matcher.Core.Commands;

namespace Matcher.Core.Book;

/// <summary>
/// One side of a book: price levels sorted with the best price at the end, so taking or
/// emptying the best level, and adding near it, move little or nothing.
/// </summary>
/// <remarks>
/// Most activity is near the top of the book; a sorted array beats a tree there and
/// keeps iteration order trivially deterministic. The prices sit in their own array
/// beside the levels so that a binary search reads one contiguous block instead of a
/// level object per probe (the profile in docs/PERFORMANCE.md, "Where the time goes").
/// </remarks>
internal sealed class BookSide
{
    private readonly Pool<PriceLevel> _levelPool;
    private long[] _prices = new long[64];
    private PriceLevel[] _levels = new PriceLevel[64];

    public BookSide(int instrumentId, Side side, Pool<PriceLevel> levelPool)
    {
        InstrumentId = instrumentId;
        Side = side;
        _levelPool = levelPool;
    }

    public int InstrumentId { get; }

    public Side Side { get; }

    public int LevelCount { get; private set; }

    public bool IsEmpty => LevelCount == 0;

    /// <summary>The best level (highest bid, lowest ask), or null.</summary>
    public PriceLevel? Best => LevelCount == 0 ? null : _levels[LevelCount - 1];

    /// <summary>The level <paramref name="rank"/> places from the best (0 = best).</summary>
    public PriceLevel LevelFromBest(int rank) => _levels[LevelCount - 1 - rank];

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
            Array.Resize(ref _prices, _prices.Length * 2);
        }

        var moving = LevelCount - index;
        if (moving > 0)
        {
            Array.Copy(_levels, index, _levels, index + 1, moving);
            Array.Copy(_prices, index, _prices, index + 1, moving);
        }

        var level = _levelPool.Take();
        level.PriceTicks = priceTicks;
        level.Side = this;
        _levels[index] = level;
        _prices[index] = priceTicks;
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

        var moving = LevelCount - index - 1;
        if (moving > 0)
        {
            Array.Copy(_levels, index + 1, _levels, index, moving);
            Array.Copy(_prices, index + 1, _prices, index, moving);
        }

        _levels[--LevelCount] = null!;
        level.Head = level.Tail = null;
        level.TotalLots = 0;
        level.OrderCount = 0;
        level.TouchedAt = 0;
        level.Side = null;
        _levelPool.Return(level);
    }

    /// <summary>
    /// Binary search in storage order: ascending prices for bids (best = highest, last),
    /// descending for asks (best = lowest, last). Returns the index, or the complement of
    /// where the price would go.
    /// </summary>
    /// <remarks>
    /// Branch-free: which half to keep comes from the sign bit of a difference, not from a
    /// jump, because the comparisons of a search are as good as random and the JIT turned
    /// a conditional expression into a mispredicted branch per probe (corethroughput,
    /// docs/PERFORMANCE.md). Prices are positive and below 2^62, so differences cannot
    /// overflow.
    /// </remarks>
    private int Search(long priceTicks)
    {
        var count = LevelCount;
        if (count == 0)
        {
            return ~0;
        }

        // In storage order a price "comes before" the target when (price - target) × sign < 0.
        var prices = _prices;
        var sign = Side == Side.Buy ? 1L : -1L;
        var lower = 0;
        for (var length = count; length > 1;)
        {
            var half = length >> 1;
            var before = (int)((ulong)((prices[lower + half] - priceTicks) * sign) >> 63);
            lower += before * half;
            length -= half;
        }

        // The first price not before the target is at lower, or just after it.
        var first = lower + (int)((ulong)((prices[lower] - priceTicks) * sign) >> 63);
        return first < count && prices[first] == priceTicks ? first : ~first;
    }
}
