using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.State;

namespace Matcher.Core;

/// <summary>
/// Orders on the book: resting, retiring, the GTD expiry queue, and the locks and
/// notionals that pre-trade risk works with.
/// </summary>
public sealed partial class MatchingEngine
{
    /// <summary>After matching: rest the remainder, or cancel it with the reason matching gave.</summary>
    private void FinishTaker(Order order, CancelReason remainderReason, bool registered)
    {
        var rests = order.Type == OrderType.Limit
            && order.TimeInForce is TimeInForce.GoodTillCancel or TimeInForce.GoodTillDate;
        if (remainderReason != CancelReason.None)
        {
            Retire(order, remainderReason, registered);
        }
        else if (order.QuoteBudget == 0 && order.RemainingLots == 0)
        {
            Retire(order, CancelReason.None, registered);
        }
        else if (rests)
        {
            Rest(order, registered);
        }
        else
        {
            Retire(order, CancelReason.ImmediateOrCancel, registered);
        }
    }

    /// <summary>Puts the order at the back of its price level; registers it when new.</summary>
    private void Rest(Order order, bool registered)
    {
        var instrument = order.Instrument;
        var level = instrument.Book.SideOf(order.Side).GetOrAdd(order.PriceTicks);
        TouchLevel(level);
        order.State = OrderState.Resting;
        if (order.DisplayLots > 0)
        {
            order.VisibleLots = Math.Min(order.DisplayLots, order.RemainingLots);
        }

        level.Append(order);
        if (!registered)
        {
            Register(order);
        }
    }

    /// <summary>
    /// Makes an order live: findable by id and client id, on its account's list, counted on
    /// its instrument, and in the GTD expiry queue.
    /// </summary>
    private void Register(Order order)
    {
        _orders.Add(order);
        if (!order.ClientOrderId.IsEmpty && !order.IsQuote)
        {
            _ordersByClientId.Add(new ClientOrderKey(order.Account.Id, order.ClientOrderId), order);
        }

        order.Account.AddOrder(order);
        order.Instrument.Book.OrderCount++;
        if (order.TimeInForce == TimeInForce.GoodTillDate)
        {
            _liveGoodTillDate++;
            _expiries.Enqueue(order.Id, new ExpiryKey(order.ExpireTimeNs, order.Id));
            if (_expiries.Count > (2 * _liveGoodTillDate) + 1024)
            {
                RebuildExpiries();
            }
        }
    }

    /// <summary>
    /// Drops the queue entries of GTD orders that were cancelled or filled before their
    /// time (they stay queued until then), so a maker re-quoting GTD orders cannot grow it
    /// without bound. Amortised O(1): it runs when dead entries outnumber live ones. The
    /// queue pops by (expiry, order id), a total order, so rebuilding it changes nothing
    /// observable.
    /// </summary>
    private void RebuildExpiries()
    {
        _expiries.Clear();
        foreach (var account in _accounts)
        {
            for (var order = account.FirstOrder; order is not null; order = order.AccountNext)
            {
                if (order.TimeInForce == TimeInForce.GoodTillDate)
                {
                    _expiries.Enqueue(order.Id, new ExpiryKey(order.ExpireTimeNs, order.Id));
                }
            }
        }
    }

    /// <summary>Takes a resting order off the book, unlocks what it still holds and reports the cancel.</summary>
    private void CancelResting(Order order, CancelReason reason)
    {
        var level = order.Level!;
        var side = order.Instrument.Book.SideOf(order.Side);
        TouchLevel(level);
        DetachFromLevel(side, level, order);
        Retire(order, reason, registered: true);
    }

    private void DetachFromLevel(BookSide side, PriceLevel level, Order order)
    {
        level.Remove(order);
        if (level.OrderCount == 0)
        {
            side.RemoveEmpty(level);
            _levelEmptiedAt = _commandCounter;
        }
    }

    /// <summary>
    /// The order is done (filled, or cancelled with <paramref name="reason"/>): report a
    /// cancel, unlock what is left, drop it from the indexes and return it to the pool.
    /// The order must already be off its level.
    /// </summary>
    private void Retire(Order order, CancelReason reason, bool registered)
    {
        if (reason != CancelReason.None)
        {
            EmitCancelled(order, reason);
        }

        if (order.LockedUnits != 0)
        {
            Lock(order.Account, PayAssetIndex(order), -order.LockedUnits);
            order.LockedUnits = 0;
        }

        if (registered)
        {
            _orders.Remove(order);
            if (!order.ClientOrderId.IsEmpty && !order.IsQuote)
            {
                _ordersByClientId.Remove(new ClientOrderKey(order.Account.Id, order.ClientOrderId));
            }

            order.Account.RemoveOrder(order);
            order.Instrument.Book.OrderCount--;
            if (order.TimeInForce == TimeInForce.GoodTillDate)
            {
                _liveGoodTillDate--;
            }
        }

        if (order.IsQuote)
        {
            ClearQuoteSlot(order);
        }

        // One cancels the other: a partner still tied to it goes too (one that is matching
        // right now, as the incoming order, only loses the tie).
        var partner = order.Linked;
        if (partner is not null)
        {
            partner.Linked = null;
        }

        order.State = OrderState.Done;
        order.Reset();
        _orderPool.Return(order);
        if (partner is not null && partner.State != OrderState.Taking)
        {
            CancelOpen(partner, CancelReason.Contingency);
        }
    }

    private static int PayAssetIndex(Order order) =>
        order.Side == Side.Buy ? order.Instrument.Quote.Index : order.Instrument.Base.Index;

    /// <summary>Moves <paramref name="units"/> from available to locked (negative: back).</summary>
    private void Lock(Account account, int assetIndex, long units)
    {
        if (units == 0)
        {
            return;
        }

        TouchBalance(account, assetIndex);
        ref var balance = ref account.Balances[assetIndex];
        balance.Available -= units;
        balance.Locked += units;
    }

    /// <summary>What a limit order (or a market sell) of this size can consume: quote for buys, base for sells.</summary>
    private static bool TryLockFor(Instrument instrument, Side side, long priceTicks, long quantityLots, out long units)
    {
        if (side == Side.Buy)
        {
            return TryNotional(instrument, priceTicks, quantityLots, out units);
        }

        var product = (Int128)quantityLots * instrument.LotUnits;
        units = product <= long.MaxValue ? (long)product : 0;
        return product <= long.MaxValue;
    }

    /// <summary>Price × quantity in quote units, or false when it does not fit in 64 bits.</summary>
    /// <remarks>
    /// In two steps: price × quantity can reach 2^126, and a third factor would wrap
    /// Int128 to a negative number that passes a "fits in a long" test.
    /// </remarks>
    private static bool TryNotional(Instrument instrument, long priceTicks, long quantityLots, out long notional)
    {
        notional = 0;
        var lots = (Int128)priceTicks * quantityLots;
        if (lots < 0 || lots > long.MaxValue)
        {
            return false;
        }

        var product = lots * instrument.TickValue;
        if (product > long.MaxValue)
        {
            return false;
        }

        notional = (long)product;
        return true;
    }

    private static bool WouldCross(Instrument instrument, Side side, long priceTicks)
    {
        var best = instrument.Book.Opposite(side).Best;
        return best is not null && (side == Side.Buy ? priceTicks >= best.PriceTicks : priceTicks <= best.PriceTicks);
    }
}
