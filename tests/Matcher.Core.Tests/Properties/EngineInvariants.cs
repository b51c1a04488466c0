using System.Text;
using Matcher.Core.Commands;
using Matcher.Core.State;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// Properties of the engine's state that hold after every command, checked from the
/// engine's public views alone (no reference model).
/// </summary>
internal static class EngineInvariants
{
    /// <summary>Returns what is wrong, or null.</summary>
    /// <param name="engine">The engine after a command.</param>
    /// <param name="orders">Its live orders (EnumerateOrders).</param>
    /// <param name="netDeposits">Per asset: deposits minus completed withdrawals, tracked by the test.</param>
    /// <param name="feeAccountMayGoNegative">True when a fee tier pays maker rebates.</param>
    public static string? Check(MatchingEngine engine, List<OrderView> orders, Dictionary<int, long> netDeposits, bool feeAccountMayGoNegative)
    {
        var problems = new StringBuilder();
        var instruments = new Dictionary<int, Instrument>();
        foreach (var instrument in engine.Instruments)
        {
            instruments[instrument.Id] = instrument;
        }

        CheckBookShape(orders, instruments, problems);
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

    private static void CheckBalances(
        MatchingEngine engine, List<OrderView> orders, Dictionary<int, Instrument> instruments, Dictionary<int, long> netDeposits,
        bool feeAccountMayGoNegative, StringBuilder problems)
    {
        var expectedLocked = new Dictionary<(long AccountId, int AssetId), long>();
        foreach (var order in orders)
        {
            var instrument = instruments[order.InstrumentId];
            var assetId = order.Side == Side.Buy ? instrument.Quote.Id : instrument.Base.Id;
            expectedLocked[(order.AccountId, assetId)] = expectedLocked.GetValueOrDefault((order.AccountId, assetId)) + order.LockedUnits;
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
                    problems.AppendLine($"account {accountId} asset {asset.Id}: locked {locked}, but its open orders and pending withdrawals hold {lockedByOrders}");
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
