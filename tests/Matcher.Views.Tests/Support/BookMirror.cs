using Matcher.Core.Commands;
using Matcher.Views.MarketData;

namespace Matcher.Views.Tests.Support;

/// <summary>
/// What a client does with a full-depth Book subscription: rebuild the book from the
/// snapshot and the increments, checking that the sequences follow on without a gap or a
/// repeat and that each action matches what the client holds.
/// </summary>
internal sealed class BookMirror : IMarketDataSubscriber
{
    private readonly SortedDictionary<long, (long Lots, int Orders)> _bids = [];
    private readonly SortedDictionary<long, (long Lots, int Orders)> _asks = [];
    private long _bookSequence = -1;

    public List<string> Errors { get; } = [];

    public int Updates { get; private set; }

    public void OnSnapshot(MarketDataSubscription subscription, BookSnapshot snapshot)
    {
        if (_bookSequence >= 0)
        {
            Errors.Add("a second snapshot");
        }

        _bookSequence = snapshot.BookSequence;
        foreach (var level in snapshot.Bids)
        {
            _bids[level.PriceTicks] = (level.Lots, level.OrderCount);
        }

        foreach (var level in snapshot.Asks)
        {
            _asks[level.PriceTicks] = (level.Lots, level.OrderCount);
        }
    }

    public void OnLevel(MarketDataSubscription subscription, in LevelUpdate update)
    {
        Updates++;
        if (update.BookSequence != _bookSequence + 1)
        {
            Errors.Add($"sequence {update.BookSequence} after {_bookSequence}");
        }

        _bookSequence = update.BookSequence;
        var levels = update.Side == Side.Buy ? _bids : _asks;
        var known = levels.ContainsKey(update.PriceTicks);
        var expected = update.Lots == 0 ? LevelAction.Delete : known ? LevelAction.Change : LevelAction.New;
        if (update.Action != expected || (update.Action == LevelAction.Delete && !known))
        {
            Errors.Add($"{update.Action} of {update.Side} {update.PriceTicks} (known: {known})");
        }

        if (update.Lots == 0)
        {
            levels.Remove(update.PriceTicks);
        }
        else
        {
            levels[update.PriceTicks] = (update.Lots, update.OrderCount);
        }
    }

    public void OnTrade(MarketDataSubscription subscription, in TradeUpdate trade)
    {
    }

    public void OnBbo(MarketDataSubscription subscription, in BboUpdate bbo)
    {
    }

    /// <summary>The book as (side, price, lots, orders), bids then asks, by price.</summary>
    public List<(Side Side, long PriceTicks, long Lots, int Orders)> Levels()
    {
        var levels = new List<(Side, long, long, int)>();
        foreach (var (price, level) in _bids)
        {
            levels.Add((Side.Buy, price, level.Lots, level.Orders));
        }

        foreach (var (price, level) in _asks)
        {
            levels.Add((Side.Sell, price, level.Lots, level.Orders));
        }

        return levels;
    }
}
