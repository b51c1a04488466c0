using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core;

/// <summary>Read-only views of the core's state, for gateways at start-up, tools and tests (never on the hot path).</summary>
public sealed partial class MatchingEngine
{
    /// <summary>An instrument by id, or null.</summary>
    public Instrument? FindInstrument(int instrumentId) => _instrumentsById.GetValueOrDefault(instrumentId);

    /// <summary>An asset by id, or null.</summary>
    public Asset? FindAsset(int assetId) => _assetsById.GetValueOrDefault(assetId);

    /// <summary>The instruments in the order they were added.</summary>
    public IReadOnlyList<Instrument> Instruments => _instruments;

    /// <summary>The assets in the order they were added.</summary>
    public IReadOnlyList<Asset> Assets => _assets;

    /// <summary>An account's available and locked balance in an asset; false when either is unknown.</summary>
    public bool TryGetBalance(long accountId, int assetId, out long available, out long locked)
    {
        available = locked = 0;
        if (!_accountsById.TryGetValue(accountId, out var account) || !_assetsById.TryGetValue(assetId, out var asset))
        {
            return false;
        }

        available = account.Balances[asset.Index].Available;
        locked = account.Balances[asset.Index].Locked;
        return true;
    }

    /// <summary>Entries in the GTD expiry queue, live or not (for tests of its bound).</summary>
    internal int ExpiryQueueLength => _expiries.Count;

    /// <summary>The account ids in creation order (the fee account first).</summary>
    public IEnumerable<long> AccountIds => _accounts.Select(a => a.Id);

    /// <summary>Every order on the books, by instrument, bids then asks, best level first, oldest first: for tests and tools.</summary>
    public IEnumerable<OrderView> EnumerateOrders()
    {
        foreach (var instrument in _instruments)
        {
            foreach (var side in (BookSide[])[instrument.Book.Bids, instrument.Book.Asks])
            {
                for (var rank = 0; rank < side.LevelCount; rank++)
                {
                    for (var order = side.LevelFromBest(rank).Head; order is not null; order = order.Next)
                    {
                        yield return View(order);
                    }
                }
            }
        }
    }

    /// <summary>Every conditional order waiting for its trigger, off the books, by instrument and order id: for tools and recovery.</summary>
    public IEnumerable<OrderView> EnumerateWaitingOrders()
    {
        var waiting = new List<Order>();
        foreach (var instrument in _instruments)
        {
            CollectWaiting(instrument, waiting);
            foreach (var order in waiting)
            {
                yield return View(order);
            }
        }
    }

    /// <summary>An instrument's waiting orders in order id order: never in the trigger book's storage order.</summary>
    private static void CollectWaiting(Instrument instrument, List<Order> into)
    {
        into.Clear();
        instrument.Triggers.CopyTo(into);
        into.Sort(static (a, b) => a.Id.CompareTo(b.Id));
    }

    private static OrderView View(Order order) =>
        new(order.Id, order.Account.Id, order.Instrument.Id, order.ClientOrderId, order.Side, order.TimeInForce,
            order.PriceTicks, order.QuantityLots, order.FilledLots, order.LockedUnits, order.ExpireTimeNs)
        {
            OrderType = order.Type,
            ShownLots = order.State == OrderState.Resting ? order.ShownLots : 0,
            Trigger = order.Trigger,
            IsWaiting = order.State == OrderState.Waiting,
            StopPriceTicks = order.StopPriceTicks,
            TrailingOffsetTicks = order.TrailingOffsetTicks,
            TrailingOffsetBps = order.TrailingOffsetBps,
            DisplayLots = order.DisplayLots,
            LinkedOrderId = order.Linked is null ? 0 : order.Linked.Id,
            IsQuote = order.IsQuote,
            QuoteBudget = order.QuoteBudget,
        };

    /// <summary>The origin a live order is owned by (the session that placed or last amended it); false when not live.</summary>
    public bool TryGetOrderOrigin(long orderId, out Origin origin)
    {
        if (_orders.TryGetValue(orderId, out var order))
        {
            origin = order.Origin;
            return true;
        }

        origin = default;
        return false;
    }

    /// <summary>Pending withdrawals (funds locked, not yet completed or failed), in id order: what a chain gateway still has to pay after a restart.</summary>
    public IEnumerable<WithdrawalView> EnumerateWithdrawals() =>
        _pendingWithdrawals.Values.OrderBy(w => w.Id).Select(w => new WithdrawalView(w.Id, w.Account.Id, w.Asset.Id, w.Amount, w.Destination));

    /// <summary>Whether this chain deposit (transaction, log index) has been credited.</summary>
    public bool IsDepositCredited(TxHash txHash, int logIndex) => _creditedDeposits.Contains((txHash, logIndex));

    /// <summary>Pending withdrawals: (account, asset, amount), for tests.</summary>
    public IEnumerable<(long AccountId, int AssetId, long Amount)> PendingWithdrawals =>
        _pendingWithdrawals.Values.OrderBy(w => w.Id).Select(w => (w.Account.Id, w.Asset.Id, w.Amount));
}
