using System.Runtime.CompilerServices;
using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core;

/// <summary>Order entry: place, cancel, amend, cancel-replace, mass cancel, a session's cancel, expiry.</summary>
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

        var limitReason = CheckAccountLimits(account, instrument, c.PriceTicks, c.QuantityLots, newOrder: true);
        if (limitReason != RejectReason.None)
        {
            return limitReason;
        }

        var advancedReason = ValidateAdvanced(ref c, instrument, timeInForce);
        if (advancedReason != RejectReason.None)
        {
            return advancedReason;
        }

        // A conditional order's limit is checked against the band when it triggers.
        if (c.OrderType == OrderType.Limit && c.Trigger == TriggerType.None
            && !instrument.WithinBand(instrument.LastTradePriceTicks, c.PriceTicks))
        {
            return RejectReason.PriceOutsideBand;
        }

        var linkReason = ResolveLink(ref c, account, out var partner);
        if (linkReason != RejectReason.None)
        {
            return linkReason;
        }

        if (account.MaxOrderNotional > 0 && c.QuoteBudget > account.MaxOrderNotional)
        {
            return RejectReason.OrderNotionalLimit;
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
            // so the lock lasts only while this command matches. One that waits for a trigger
            // locks its budget, or nothing until it triggers.
            lockUnits = c.QuoteBudget > 0 ? c.QuoteBudget : c.Trigger == TriggerType.None ? available : 0;
            if (lockUnits <= 0 && c.Trigger == TriggerType.None)
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
        order.State = OrderState.Taking;
        order.IsQuote = false;
        order.Trigger = c.Trigger;
        order.StopPriceTicks = c.StopPriceTicks;
        order.TrailingOffsetTicks = c.TrailingOffsetTicks;
        order.TrailingOffsetBps = c.TrailingOffsetBps;
        order.TrailingExtremeTicks = 0;
        if (c.Trigger == TriggerType.TrailingStop)
        {
            order.TrailingExtremeTicks = instrument.LastTradePriceTicks;
            order.StopPriceTicks = TriggerBook.TrailingStopPrice(c.Side, instrument.LastTradePriceTicks, c.TrailingOffsetTicks, c.TrailingOffsetBps);
        }

        order.DisplayLots = c.DisplayLots < c.QuantityLots ? c.DisplayLots : 0;
        order.VisibleLots = 0;
        if (partner is not null)
        {
            order.Linked = partner;
            partner.Linked = order;
        }

        EmitOrderEvent(EventType.OrderAccepted, order);
        if (c.Trigger != TriggerType.None)
        {
            Lock(account, payAsset.Index, lockUnits);
            order.LockedUnits = lockUnits;
            Register(order);
            order.State = OrderState.Waiting;
            instrument.Triggers.Add(order);
            return RejectReason.None;
        }

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

    /// <summary>The account's kill switch and limits, for a new order or an amend (which keeps its place among the open orders).</summary>
    private static RejectReason CheckAccountLimits(Account account, Instrument instrument, long priceTicks, long quantityLots, bool newOrder)
    {
        if (account.Halted)
        {
            return RejectReason.AccountHalted;
        }

        if (newOrder && account.MaxOpenOrders > 0 && account.OpenOrders >= account.MaxOpenOrders)
        {
            return RejectReason.OpenOrderLimit;
        }

        if (account.MaxOrderLots > 0 && quantityLots > account.MaxOrderLots)
        {
            return RejectReason.OrderQuantityLimit;
        }

        // A limit order's notional; a market order's is bounded by its budget or the funds it may lock.
        if (account.MaxOrderNotional > 0 && priceTicks > 0
            && (!TryNotional(instrument, priceTicks, quantityLots, out var notional) || notional > account.MaxOrderNotional))
        {
            return RejectReason.OrderNotionalLimit;
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

        if (order.State == OrderState.Resting)
        {
            CancelResting(order, CancelReason.User);
        }
        else
        {
            CancelOpen(order, CancelReason.User);
        }

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

        if (order.IsQuote)
        {
            // A quote changes by the next quote; its legs are not in the client-id index.
            return RejectReason.InvalidQuote;
        }

        if (order.State == OrderState.Waiting)
        {
            return AmendWaiting(ref c, order, replace);
        }

        if (c.StopPriceTicks != 0)
        {
            return RejectReason.InvalidTrigger;
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

        var clientIdReason = NewClientOrderId(ref c, order, replace, out var newClientId);
        if (clientIdReason != RejectReason.None)
        {
            return clientIdReason;
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

        var limitReason = CheckAccountLimits(order.Account, instrument, newPrice, newQuantity, newOrder: false);
        if (limitReason != RejectReason.None)
        {
            return limitReason;
        }

        if (priceChanged && !instrument.WithinBand(instrument.LastTradePriceTicks, newPrice))
        {
            return RejectReason.PriceOutsideBand;
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
            var newShown = order.DisplayLots > 0 ? Math.Min(order.VisibleLots, newRemaining) : newRemaining;
            level.TotalLots -= order.ShownLots - newShown;
            order.VisibleLots = order.DisplayLots > 0 ? newShown : 0;
        }

        Lock(account, payIndex, lockDelta);
        order.LockedUnits = newLock;
        ApplyAmend(ref c, order, newClientId, newPrice, newQuantity);

        if (priceChanged)
        {
            // Off the book and matching like a new order: what it meets (an OCO partner's
            // cancel, the protection pulling quotes) must not treat it as resting.
            order.State = OrderState.Taking;
            var remainder = Match(order);
            FinishTaker(order, remainder, registered: true);
        }
        else if (order.Level is null)
        {
            level.Append(order);
        }

        return RejectReason.None;
    }

    /// <summary>The client order id an amend leaves the order with: its own, or a replace's new one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RejectReason NewClientOrderId(ref Command c, Order order, bool replace, out ClientOrderId newClientId)
    {
        newClientId = order.ClientOrderId;
        if (!replace)
        {
            return RejectReason.None;
        }

        newClientId = c.NewClientOrderId;
        if (newClientId.IsEmpty || !newClientId.IsValid())
        {
            return RejectReason.InvalidClientOrderId;
        }

        return newClientId != order.ClientOrderId && _ordersByClientId.ContainsKey(new ClientOrderKey(order.Account.Id, newClientId))
            ? RejectReason.DuplicateClientOrderId
            : RejectReason.None;
    }

    /// <summary>Gives an amended order its new client order id, price, quantity and session, and reports it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ApplyAmend(ref Command c, Order order, ClientOrderId newClientId, long newPrice, long newQuantity)
    {
        var account = order.Account;
        var oldClientId = order.ClientOrderId;
        if (newClientId != oldClientId)
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
}
