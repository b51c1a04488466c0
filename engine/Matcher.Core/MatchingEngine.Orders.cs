using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core;

/// <summary>Order entry: place, cancel, amend, cancel-replace, mass cancel, expiry.</summary>
public sealed partial class MatchingEngine
{
    private RejectReason Place(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        if (!_instrumentsById.TryGetValue(c.InstrumentId, out var instrument))
        {
            return RejectReason.UnknownInstrument;
        }

        var statusReason = CheckCanTrade(instrument);
        if (statusReason != RejectReason.None)
        {
            return statusReason;
        }

        var orderReason = ValidateNewOrder(ref c, instrument, out var timeInForce);
        if (orderReason != RejectReason.None)
        {
            return orderReason;
        }

        if (!c.ClientOrderId.IsValid())
        {
            return RejectReason.InvalidClientOrderId;
        }

        if (!c.ClientOrderId.IsEmpty && _ordersByClientId.ContainsKey(new ClientOrderKey(account.Id, c.ClientOrderId)))
        {
            return RejectReason.DuplicateClientOrderId;
        }

        var payAsset = c.Side == Side.Buy ? instrument.Quote : instrument.Base;
        var available = account.Balances[payAsset.Index].Available;
        long lockUnits;
        if (c.OrderType == OrderType.Market && c.Side == Side.Buy)
        {
            // A market buy locks its budget, or else everything available: it never rests,
            // so the lock lasts only while this command matches.
            lockUnits = c.QuoteBudget > 0 ? c.QuoteBudget : available;
            if (lockUnits <= 0)
            {
                return RejectReason.InsufficientFunds;
            }
        }
        else if (!TryLockFor(instrument, c.Side, c.PriceTicks, c.QuantityLots, out lockUnits))
        {
            return RejectReason.ValueOverflow;
        }

        if (lockUnits > available)
        {
            return RejectReason.InsufficientFunds;
        }

        if (c.PostOnly && WouldCross(instrument, c.Side, c.PriceTicks))
        {
            return RejectReason.PostOnlyWouldTake;
        }

        var order = _orderPool.Take();
        order.Id = ++_lastOrderId;
        order.Sequence = c.Sequence;
        order.Account = account;
        order.Instrument = instrument;
        order.Origin = c.Origin;
        order.ClientOrderId = c.ClientOrderId;
        order.Side = c.Side;
        order.Type = c.OrderType;
        order.TimeInForce = timeInForce;
        order.SelfTradePrevention = c.SelfTradePrevention;
        order.PostOnly = c.PostOnly;
        order.PriceTicks = c.PriceTicks;
        order.QuantityLots = c.QuantityLots;
        order.FilledLots = 0;
        order.QuoteBudget = c.QuoteBudget;
        order.ExpireTimeNs = c.ExpireTimeNs;
        order.LockedUnits = 0;
        EmitOrderEvent(EventType.OrderAccepted, order);

        if (timeInForce == TimeInForce.FillOrKill && !CanFillCompletely(order, lockUnits, c.TimestampNs))
        {
            Retire(order, CancelReason.FillOrKill, registered: false);
            return RejectReason.None;
        }

        Lock(account, payAsset.Index, lockUnits);
        order.LockedUnits = lockUnits;
        var remainder = Match(order);
        FinishTaker(order, remainder, registered: false);
        return RejectReason.None;
    }

    /// <summary>Checks the order's own fields against the instrument; picks the default time in force.</summary>
    private static RejectReason ValidateNewOrder(ref Command c, Instrument instrument, out TimeInForce timeInForce)
    {
        timeInForce = c.TimeInForce;
        if (c.Side is not (Side.Buy or Side.Sell))
        {
            return RejectReason.InvalidSide;
        }

        if (c.SelfTradePrevention > SelfTradePrevention.DecrementAndCancel)
        {
            return RejectReason.InvalidSelfTradePrevention;
        }

        var definition = instrument.Definition;
        switch (c.OrderType)
        {
            case OrderType.Limit:
                if (timeInForce == TimeInForce.None)
                {
                    timeInForce = TimeInForce.GoodTillCancel;
                }

                if (timeInForce > TimeInForce.GoodTillDate)
                {
                    return RejectReason.InvalidTimeInForce;
                }

                if (c.PriceTicks <= 0)
                {
                    return RejectReason.InvalidPrice;
                }

                if (c.QuoteBudget != 0
                    || (c.PostOnly && timeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill))
                {
                    return RejectReason.InvalidOrderOption;
                }

                break;
            case OrderType.Market:
                if (timeInForce == TimeInForce.None)
                {
                    timeInForce = TimeInForce.ImmediateOrCancel;
                }

                if (timeInForce is not (TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill))
                {
                    return RejectReason.InvalidTimeInForce;
                }

                if (c.PriceTicks != 0)
                {
                    return RejectReason.InvalidPrice;
                }

                if (c.PostOnly || c.QuoteBudget < 0 || (c.QuoteBudget > 0 && (c.Side == Side.Sell || c.QuantityLots != 0)))
                {
                    return RejectReason.InvalidOrderOption;
                }

                if (c.QuoteBudget > 0)
                {
                    if (timeInForce == TimeInForce.FillOrKill)
                    {
                        return RejectReason.InvalidTimeInForce;
                    }

                    if (c.ExpireTimeNs != 0)
                    {
                        return RejectReason.InvalidExpireTime;
                    }

                    return c.QuoteBudget < definition.MinNotional ? RejectReason.NotionalBelowMinimum : RejectReason.None;
                }

                break;
            default:
                return RejectReason.InvalidOrderType;
        }

        if ((timeInForce == TimeInForce.GoodTillDate) != (c.ExpireTimeNs != 0)
            || (timeInForce == TimeInForce.GoodTillDate && c.ExpireTimeNs <= c.TimestampNs))
        {
            return RejectReason.InvalidExpireTime;
        }

        if (c.QuantityLots <= 0)
        {
            return RejectReason.InvalidQuantity;
        }

        if (c.QuantityLots < definition.MinQuantityLots)
        {
            return RejectReason.QuantityBelowMinimum;
        }

        if (c.OrderType == OrderType.Limit)
        {
            if (!TryNotional(instrument, c.PriceTicks, c.QuantityLots, out var notional))
            {
                return RejectReason.ValueOverflow;
            }

            if (notional < definition.MinNotional)
            {
                return RejectReason.NotionalBelowMinimum;
            }
        }

        return RejectReason.None;
    }

    private static RejectReason CheckCanTrade(Instrument instrument) => instrument.Status switch
    {
        InstrumentStatus.Trading => RejectReason.None,
        InstrumentStatus.CancelOnly => RejectReason.InstrumentCancelOnly,
        _ => RejectReason.InstrumentHalted,
    };

    private RejectReason Cancel(ref Command c)
    {
        var reason = FindOrder(ref c, out var order);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        if (order.Instrument.Status == InstrumentStatus.Halted)
        {
            return RejectReason.InstrumentHalted;
        }

        CancelResting(order, CancelReason.User);
        return RejectReason.None;
    }

    private RejectReason Amend(ref Command c, bool replace)
    {
        var reason = FindOrder(ref c, out var order);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        var instrument = order.Instrument;
        var statusReason = CheckCanTrade(instrument);
        if (statusReason != RejectReason.None)
        {
            return statusReason;
        }

        if (c.PriceTicks < 0)
        {
            return RejectReason.InvalidPrice;
        }

        if (c.QuantityLots < 0)
        {
            return RejectReason.InvalidQuantity;
        }

        var newPrice = c.PriceTicks == 0 ? order.PriceTicks : c.PriceTicks;
        var newQuantity = c.QuantityLots == 0 ? order.QuantityLots : c.QuantityLots;
        if (newQuantity <= order.FilledLots)
        {
            return RejectReason.InvalidQuantity;
        }

        var newClientId = order.ClientOrderId;
        if (replace)
        {
            newClientId = c.NewClientOrderId;
            if (newClientId.IsEmpty || !newClientId.IsValid())
            {
                return RejectReason.InvalidClientOrderId;
            }

            if (newClientId != order.ClientOrderId
                && _ordersByClientId.ContainsKey(new ClientOrderKey(order.Account.Id, newClientId)))
            {
                return RejectReason.DuplicateClientOrderId;
            }
        }

        var priceChanged = newPrice != order.PriceTicks;
        var quantityChanged = newQuantity != order.QuantityLots;
        var clientIdChanged = newClientId != order.ClientOrderId;
        if (!priceChanged && !quantityChanged && !clientIdChanged)
        {
            return RejectReason.AmendNoChange;
        }

        var definition = instrument.Definition;
        if (newQuantity < definition.MinQuantityLots)
        {
            return RejectReason.QuantityBelowMinimum;
        }

        if (!TryNotional(instrument, newPrice, newQuantity, out var notional))
        {
            return RejectReason.ValueOverflow;
        }

        if (notional < definition.MinNotional)
        {
            return RejectReason.NotionalBelowMinimum;
        }

        var newRemaining = newQuantity - order.FilledLots;
        if (!TryLockFor(instrument, order.Side, newPrice, newRemaining, out var newLock))
        {
            return RejectReason.ValueOverflow;
        }

        var account = order.Account;
        var payIndex = PayAssetIndex(order);
        var lockDelta = newLock - order.LockedUnits;
        if (lockDelta > account.Balances[payIndex].Available)
        {
            return RejectReason.InsufficientFunds;
        }

        if (order.PostOnly && priceChanged && WouldCross(instrument, order.Side, newPrice))
        {
            return RejectReason.PostOnlyWouldTake;
        }

        var level = order.Level!;
        TouchLevel(level);
        if (priceChanged)
        {
            DetachFromLevel(instrument.Book.SideOf(order.Side), level, order);
        }
        else if (newQuantity > order.QuantityLots)
        {
            // Back of the same level: taken off it (the level stays, even if this was its
            // only order, so it is reported once) and appended below with the new quantity.
            level.Remove(order);
        }
        else
        {
            level.TotalLots -= order.RemainingLots - newRemaining;
        }

        Lock(account, payIndex, lockDelta);
        order.LockedUnits = newLock;
        var oldClientId = order.ClientOrderId;
        if (clientIdChanged)
        {
            if (!oldClientId.IsEmpty)
            {
                _ordersByClientId.Remove(new ClientOrderKey(account.Id, oldClientId));
            }

            _ordersByClientId.Add(new ClientOrderKey(account.Id, newClientId), order);
            order.ClientOrderId = newClientId;
        }

        order.PriceTicks = newPrice;
        order.QuantityLots = newQuantity;

        // As a FIX replace does, the order now belongs to the session that amended it: its
        // fills go there (a reconnected session takes over the orders it amends).
        order.Origin = c.Origin;
        ref var e = ref NewEvent(EventType.OrderAmended);
        DescribeOrder(ref e, order);
        e.OrigClientOrderId = oldClientId;
        _sink.Commit();

        if (priceChanged)
        {
            var remainder = Match(order);
            FinishTaker(order, remainder, registered: true);
        }
        else if (order.Level is null)
        {
            level.Append(order);
        }

        return RejectReason.None;
    }

    private RejectReason MassCancel(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        if (c.InstrumentId != 0 && !_instrumentsById.ContainsKey(c.InstrumentId))
        {
            return RejectReason.UnknownInstrument;
        }

        if (c.Side is not (Side.None or Side.Buy or Side.Sell))
        {
            return RejectReason.InvalidSide;
        }

        var cancelled = 0;
        var order = account.FirstOrder;
        while (order is not null)
        {
            var next = order.AccountNext;
            if ((c.InstrumentId == 0 || order.Instrument.Id == c.InstrumentId)
                && (c.Side == Side.None || order.Side == c.Side)
                && order.Instrument.Status != InstrumentStatus.Halted)
            {
                CancelResting(order, CancelReason.MassCancel);
                cancelled++;
            }

            order = next;
        }

        ref var e = ref NewEvent(EventType.MassCancelled);
        e.AccountId = account.Id;
        e.InstrumentId = c.InstrumentId;
        e.Side = c.Side;
        e.AffectedOrders = cancelled;
        _sink.Commit();
        return RejectReason.None;
    }

    private RejectReason ExpireOrders(ref Command c)
    {
        while (_expiries.TryPeek(out var orderId, out var key) && key.ExpireTimeNs <= c.TimestampNs)
        {
            _expiries.Dequeue();
            if (_orders.TryGetValue(orderId, out var order) && order.ExpireTimeNs == key.ExpireTimeNs)
            {
                CancelResting(order, CancelReason.Expired);
            }
        }

        return RejectReason.None;
    }

    private RejectReason FindOrder(ref Command c, out Order order)
    {
        order = null!;
        Order? found;
        if (c.OrderId != 0)
        {
            // By order id the order names its account: no account lookup unless it fails.
            // Another account's order is reported as unknown: a session learns nothing
            // about orders that are not its own.
            if (!_orders.TryGetValue(c.OrderId, out found) || found.Account.Id != c.AccountId)
            {
                return _accountsById.ContainsKey(c.AccountId) ? RejectReason.UnknownOrder : RejectReason.UnknownAccount;
            }
        }
        else if (!_accountsById.ContainsKey(c.AccountId))
        {
            return RejectReason.UnknownAccount;
        }
        else if (c.ClientOrderId.IsEmpty
            || !_ordersByClientId.TryGetValue(new ClientOrderKey(c.AccountId, c.ClientOrderId), out found))
        {
            return RejectReason.UnknownOrder;
        }

        order = found;
        return RejectReason.None;
    }

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
        level.Append(order);
        if (registered)
        {
            return;
        }

        _orders.Add(order);
        if (!order.ClientOrderId.IsEmpty)
        {
            _ordersByClientId.Add(new ClientOrderKey(order.Account.Id, order.ClientOrderId), order);
        }

        order.Account.AddOrder(order);
        instrument.Book.OrderCount++;
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
        foreach (var instrument in _instruments)
        {
            EnqueueGoodTillDate(instrument.Book.Bids);
            EnqueueGoodTillDate(instrument.Book.Asks);
        }
    }

    private void EnqueueGoodTillDate(BookSide side)
    {
        for (var rank = 0; rank < side.LevelCount; rank++)
        {
            for (var order = side.LevelFromBest(rank).Head; order is not null; order = order.Next)
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

    private static void DetachFromLevel(BookSide side, PriceLevel level, Order order)
    {
        level.Remove(order);
        if (level.OrderCount == 0)
        {
            side.RemoveEmpty(level);
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
            if (!order.ClientOrderId.IsEmpty)
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

        order.Reset();
        _orderPool.Return(order);
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
