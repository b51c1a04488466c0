using Matcher.Core.Book;
using Matcher.Core.Commands;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// What the public order view leaves out, read from the engine's internals: the waiting
/// conditional orders, and how much of each resting order the book shows (an iceberg's slice).
/// </summary>
internal static class EngineOrders
{
    /// <summary>The waiting orders of every instrument, by order id.</summary>
    public static List<WaitingView> Waiting(MatchingEngine engine)
    {
        var views = new List<WaitingView>();
        var orders = new List<Order>();
        foreach (var instrument in engine.Instruments)
        {
            orders.Clear();
            instrument.Triggers.CopyTo(orders);
            foreach (var o in orders)
            {
                views.Add(new WaitingView(
                    o.Id, o.Account.Id, instrument.Id, o.ClientOrderId, o.Side, o.Type, o.TimeInForce, o.Trigger,
                    o.PriceTicks, o.QuantityLots, o.QuoteBudget, o.StopPriceTicks, o.LockedUnits, o.ExpireTimeNs));
            }
        }

        views.Sort((a, b) => a.OrderId.CompareTo(b.OrderId));
        return views;
    }

    /// <summary>Each resting order's id, shown lots and display quantity, in the order of <see cref="MatchingEngine.EnumerateOrders"/>.</summary>
    public static List<(long OrderId, long ShownLots, long DisplayLots)> Shown(MatchingEngine engine)
    {
        var shown = new List<(long, long, long)>();
        foreach (var instrument in engine.Instruments)
        {
            foreach (var side in (BookSide[])[instrument.Book.Bids, instrument.Book.Asks])
            {
                for (var rank = 0; rank < side.LevelCount; rank++)
                {
                    for (var order = side.LevelFromBest(rank).Head; order is not null; order = order.Next)
                    {
                        shown.Add((order.Id, order.ShownLots, order.DisplayLots));
                    }
                }
            }
        }

        return shown;
    }

    /// <summary>Each price level's lots and order count, as the engine keeps them.</summary>
    public static Dictionary<(int InstrumentId, Side Side, long PriceTicks), (long Lots, int Count)> Levels(MatchingEngine engine)
    {
        var levels = new Dictionary<(int, Side, long), (long, int)>();
        foreach (var instrument in engine.Instruments)
        {
            foreach (var side in (BookSide[])[instrument.Book.Bids, instrument.Book.Asks])
            {
                for (var rank = 0; rank < side.LevelCount; rank++)
                {
                    var level = side.LevelFromBest(rank);
                    levels[(instrument.Id, side.Side, level.PriceTicks)] = (level.TotalLots, level.OrderCount);
                }
            }
        }

        return levels;
    }
}
