using System.Text;
using Matcher.Core.Commands;
using Matcher.Core.State;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// Properties of the engine's state that hold after every command, checked from the
/// engine's views (and, for waiting orders and iceberg slices, <see cref="EngineOrders"/>) alone, without a reference model.
/// </summary>
internal static class EngineInvariants
{
    /// <summary>The engine's orders after a command: resting (with their shown lots), waiting, and the levels the resting ones make.</summary>
    public sealed record Orders(
        List<OrderView> Resting,
        List<(long OrderId, long ShownLots, long DisplayLots)> Shown,
        List<WaitingView> Waiting,
        Dictionary<(int InstrumentId, Side Side, long PriceTicks), (long Lots, int Count)> Levels);

    /// <summary>Returns what is wrong, or null.</summary>
    /// <param name="engine">The engine after a command.</param>
    /// <param name="orders">Its live orders.</param>
    /// <param name="netDeposits">Per asset: deposits minus completed withdrawals, tracked by the test.</param>
    /// <param name="feeAccountMayGoNegative">True when a fee tier pays maker rebates.</param>
    public static string? Check(MatchingEngine engine, Orders orders, Dictionary<int, long> netDeposits, bool feeAccountMayGoNegative)
    {
        var problems = new StringBuilder();
        var instruments = new Dictionary<int, Instrument>();
        foreach (var instrument in engine.Instruments)
        {
            instruments[instrument.Id] = instrument;
        }

        CheckBookShape(orders.Resting, instruments, problems);
        CheckShownLots(engine, orders, problems);
        CheckWaiting(orders.Waiting, instruments, problems);
        CheckBalances(engine, orders, instruments, netDeposits, feeAccountMayGoNegative, problems);
        return problems.Length == 0 ? null : problems.ToString();
    }

    private static void CheckBookShape(List<OrderView> orders, Dictionary<int, Instrument> instruments, StringBuilder problems)
    {
        var bestBid = new Dictionary<int, long>();
        var bestAsk = new Dictionary<int, long>();
        OrderView? previous = null;
        foreach (var order in orders)
        {
            var instrument = instruments[order.InstrumentId];
            if (order.RemainingLots <= 0 || order.FilledLots < 0)
            {
                problems.AppendLine($"order {order.OrderId} rests with filled {order.FilledLots} of {order.QuantityLots}");
            }

            var expectedLock = order.Side == Side.Buy
                ? order.PriceTicks * order.RemainingLots * instrument.TickValue
                : order.RemainingLots * instrument.LotUnits;
            if (order.LockedUnits != expectedLock)
            {
                problems.AppendLine($"order {order.OrderId} ({order.Side} {order.RemainingLots}@{order.PriceTicks}) locks {order.LockedUnits}, expected {expectedLock}");
            }

            if (previous is { } p && p.InstrumentId == order.InstrumentId && p.Side == order.Side
                && (order.Side == Side.Buy ? order.PriceTicks > p.PriceTicks : order.PriceTicks < p.PriceTicks))
            {
                problems.AppendLine($"book order: {order.Side} order {order.OrderId} at {order.PriceTicks} listed after {p.OrderId} at {p.PriceTicks}");
            }

            var best = order.Side == Side.Buy ? bestBid : bestAsk;
            if (!best.TryGetValue(order.InstrumentId, out var current)
                || (order.Side == Side.Buy ? order.PriceTicks > current : order.PriceTicks < current))
            {
                best[order.InstrumentId] = order.PriceTicks;
            }

            previous = order;
        }

        foreach (var (instrumentId, bid) in bestBid)
        {
            if (bestAsk.TryGetValue(instrumentId, out var ask) && bid >= ask)
            {
                problems.AppendLine($"instrument {instrumentId} is crossed: best bid {bid} >= best ask {ask}");
            }
        }
    }

    /// <summary>A resting iceberg shows a slice of 1 to its display quantity (never more than remains); a level's lots are its orders' shown lots.</summary>
    private static void CheckShownLots(MatchingEngine engine, Orders orders, StringBuilder problems)
    {
        for (var i = 0; i < orders.Resting.Count; i++)
        {
            var (orderId, shownLots, displayLots) = orders.Shown[i];
            var remaining = orders.Resting[i].RemainingLots;
            if (shownLots <= 0 || shownLots > remaining || (displayLots > 0 ? shownLots > displayLots : shownLots != remaining))
            {
                problems.AppendLine($"order {orderId} shows {shownLots} of {remaining} remaining (display {displayLots})");
            }
        }

        var levels = EngineOrders.Levels(engine);
        if (levels.Count != orders.Levels.Count || levels.Any(level => orders.Levels.GetValueOrDefault(level.Key) != level.Value))
        {
            problems.AppendLine("price levels' lots and counts differ from their orders' shown lots and count");
        }
    }

    /// <summary>A waiting order holds what it will need, and no waiting order is one the last trade price has reached.</summary>
    private static void CheckWaiting(List<WaitingView> waiting, Dictionary<int, Instrument> instruments, StringBuilder problems)
    {
        foreach (var order in waiting)
        {
            var instrument = instruments[order.InstrumentId];
            var expectedLock = order.Type == OrderType.Market && order.Side == Side.Buy ? order.QuoteBudget
                : order.Side == Side.Buy ? order.PriceTicks * order.QuantityLots * instrument.TickValue
                : order.QuantityLots * instrument.LotUnits;
            if (order.LockedUnits != expectedLock)
            {
                problems.AppendLine($"waiting order {order.OrderId} ({order.Side} {order.Type} {order.QuantityLots}@{order.PriceTicks}) locks {order.LockedUnits}, expected {expectedLock}");
            }

            var last = instrument.LastTradePriceTicks;
            var onRise = (order.Trigger != TriggerType.TakeProfit) == (order.Side == Side.Buy);
            if (last != 0 && (onRise ? last >= order.StopPriceTicks : last <= order.StopPriceTicks))
            {
                problems.AppendLine($"waiting order {order.OrderId} ({order.Side} {order.Trigger} at {order.StopPriceTicks}) was reached by the last trade at {last} but still waits");
            }
        }
    }

    private static void CheckBalances(
        MatchingEngine engine, Orders orders, Dictionary<int, Instrument> instruments, Dictionary<int, long> netDeposits,
        bool feeAccountMayGoNegative, StringBuilder problems)
    {
        var expectedLocked = new Dictionary<(long AccountId, int AssetId), long>();
        void Hold(long accountId, int instrumentId, Side side, long units)
        {
            var instrument = instruments[instrumentId];
            var assetId = side == Side.Buy ? instrument.Quote.Id : instrument.Base.Id;
            expectedLocked[(accountId, assetId)] = expectedLocked.GetValueOrDefault((accountId, assetId)) + units;
        }

        foreach (var order in orders.Resting)
        {
            Hold(order.AccountId, order.InstrumentId, order.Side, order.LockedUnits);
        }

        foreach (var order in orders.Waiting)
        {
            Hold(order.AccountId, order.InstrumentId, order.Side, order.LockedUnits);
        }

        foreach (var (accountId, assetId, amount) in engine.PendingWithdrawals)
        {
            expectedLocked[(accountId, assetId)] = expectedLocked.GetValueOrDefault((accountId, assetId)) + amount;
        }

        foreach (var asset in engine.Assets)
        {
            long total = 0;
            foreach (var accountId in engine.AccountIds)
            {
                engine.TryGetBalance(accountId, asset.Id, out var available, out var locked);
                total += available + locked;
                var lockedByOrders = expectedLocked.GetValueOrDefault((accountId, asset.Id));
                if (locked != lockedByOrders)
                {
                    problems.AppendLine($"account {accountId} asset {asset.Id}: locked {locked}, but its open orders (resting and waiting) and pending withdrawals hold {lockedByOrders}");
                }

                var isFeeAccount = accountId == MatchingEngine.FeeAccountId;
                if (locked < 0 || (available < 0 && !(isFeeAccount && feeAccountMayGoNegative)))
                {
                    problems.AppendLine($"account {accountId} asset {asset.Id}: negative balance (available {available}, locked {locked})");
                }
            }

            var expectedTotal = netDeposits.GetValueOrDefault(asset.Id);
            if (total != expectedTotal)
            {
                problems.AppendLine($"asset {asset.Id} not conserved: accounts hold {total}, deposits minus completed withdrawals are {expectedTotal}");
            }
        }
    }
}
