using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Views.MarketData;

namespace Matcher.Views.Tests.Support;

internal static class Books
{
    /// <summary>An instrument's book as the engine holds it, in <see cref="BookMirror.Levels"/>' shape.</summary>
    public static List<(Side Side, long PriceTicks, long Lots, int Orders)> FromEngine(MatchingEngine engine, int instrumentId)
    {
        var levels = new SortedDictionary<(Side, long), (long Lots, int Orders)>();
        foreach (var order in engine.EnumerateOrders())
        {
            if (order.InstrumentId == instrumentId)
            {
                var level = levels.GetValueOrDefault((order.Side, order.PriceTicks));
                levels[(order.Side, order.PriceTicks)] = (level.Lots + order.RemainingLots, level.Orders + 1);
            }
        }

        var list = new List<(Side, long, long, int)>();
        foreach (var ((side, price), level) in levels)
        {
            list.Add((side, price, level.Lots, level.Orders));
        }

        return list;
    }

    /// <summary>A hub snapshot in <see cref="BookMirror.Levels"/>' shape.</summary>
    public static List<(Side Side, long PriceTicks, long Lots, int Orders)> FromSnapshot(BookSnapshot snapshot)
    {
        var list = new List<(Side, long, long, int)>();
        for (var i = snapshot.Bids.Count - 1; i >= 0; i--)
        {
            list.Add((Side.Buy, snapshot.Bids[i].PriceTicks, snapshot.Bids[i].Lots, snapshot.Bids[i].OrderCount));
        }

        foreach (var level in snapshot.Asks)
        {
            list.Add((Side.Sell, level.PriceTicks, level.Lots, level.OrderCount));
        }

        return list;
    }

    /// <summary>Hands events to the hub as the ring would: in order, the end of a batch on the last one when <paramref name="endOfBatch"/>.</summary>
    public static void Feed(MarketDataHub hub, List<EngineEvent> events, bool endOfBatch = true)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            hub.OnEvent(ref e, i, endOfBatch && i == events.Count - 1);
        }
    }
}
