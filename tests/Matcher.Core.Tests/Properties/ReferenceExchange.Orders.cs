using System.Diagnostics.CodeAnalysis;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core.Tests.Properties;

/// <summary>Place and amend in the reference model, and the book views the harness compares.</summary>
internal sealed partial class ReferenceExchange
{
    private static ClientOrderId ToClientOrderId(string text) => text.Length == 0 ? default : ClientOrderId.From(text);

    private RefOrder? FindLiveByClientId(long accountId, string clientOrderId)
    {
        foreach (var order in _liveOrders)
        {
            if (order.AccountId == accountId && order.ClientOrderId == clientOrderId)
            {
                return order;
            }
        }

        return null;
    }

    /// <summary>The account's live order named by the command: by order id, or by client order id when the id is 0.</summary>
    private RefOrder? FindTarget(long accountId)
    {
        if (_command.OrderId != 0)
        {
            foreach (var order in _liveOrders)
            {
                if (order.Id == _command.OrderId && order.AccountId == accountId)
                {
                    return order;
                }
            }

            return null;
        }

        return _command.ClientOrderId.IsEmpty ? null : FindLiveByClientId(accountId, _command.ClientOrderId.ToString());
    }

    private void Place(List<RejectReason> reasons)
    {
        var c = _command;
        var account = FindAccount(c.AccountId);
        if (account is null)
        {
            reasons.Add(RejectReason.UnknownAccount);
        }

        var instrument = FindInstrument(c.InstrumentId);
        if (instrument is null)
        {
            reasons.Add(RejectReason.UnknownInstrument);
        }
        else if (instrument.Status == InstrumentStatus.Halted)
        {
            reasons.Add(RejectReason.InstrumentHalted);
        }
        else if (instrument.Status == InstrumentStatus.CancelOnly)
        {
            reasons.Add(RejectReason.InstrumentCancelOnly);
        }

        var sideOk = c.Side is Side.Buy or Side.Sell;
        if (!sideOk)
        {
            reasons.Add(RejectReason.InvalidSide);
        }

        var isLimit = c.OrderType == OrderType.Limit;
        var isMarket = c.OrderType == OrderType.Market;
        if (!isLimit && !isMarket)
        {
            reasons.Add(RejectReason.InvalidOrderType);
        }

        var tif = c.TimeInForce != TimeInForce.None ? c.TimeInForce : isMarket ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodTillCancel;
        if ((isLimit && tif is not (TimeInForce.GoodTillCancel or TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill or TimeInForce.GoodTillDate))
            || (isMarket && tif is not (TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill)))
        {
            reasons.Add(RejectReason.InvalidTimeInForce);
        }

        if (c.SelfTradePrevention > SelfTradePrevention.DecrementAndCancel)
        {
            reasons.Add(RejectReason.InvalidSelfTradePrevention);
        }

        if (!c.ClientOrderId.IsValid())
        {
            reasons.Add(RejectReason.InvalidClientOrderId);
        }

        var isBudgetBuy = isMarket && c.Side == Side.Buy && c.QuoteBudget != 0;
        if (isLimit)
        {
            if (c.PriceTicks <= 0)
            {
                reasons.Add(RejectReason.InvalidPrice);
            }

            if (c.QuantityLots <= 0)
            {
                reasons.Add(RejectReason.InvalidQuantity);
            }

            if (c.QuoteBudget != 0)
            {
                reasons.Add(RejectReason.InvalidOrderOption);
            }

            if (c.PostOnly && tif is not (TimeInForce.GoodTillCancel or TimeInForce.GoodTillDate))
            {
                // Either name fits "post-only with IOC/FOK"; the spec does not order them.
                reasons.Add(RejectReason.InvalidOrderOption);
                reasons.Add(RejectReason.InvalidTimeInForce);
            }
        }
        else if (isMarket)
        {
            if (c.PriceTicks != 0)
            {
                reasons.Add(RejectReason.InvalidPrice);
            }

            if (c.PostOnly)
            {
                reasons.Add(RejectReason.InvalidOrderOption);
            }

            if (isBudgetBuy)
            {
                if (c.QuantityLots != 0 || c.QuoteBudget < 0)
                {
                    reasons.Add(RejectReason.InvalidOrderOption);
                    reasons.Add(RejectReason.InvalidQuantity);
                }

                if (tif == TimeInForce.FillOrKill)
                {
                    reasons.Add(RejectReason.InvalidOrderOption);
                    reasons.Add(RejectReason.InvalidTimeInForce);
                }
            }
            else
            {
                if (c.QuoteBudget != 0)
                {
                    reasons.Add(RejectReason.InvalidOrderOption);
                }

                if (c.QuantityLots <= 0)
                {
                    reasons.Add(RejectReason.InvalidQuantity);
                }
            }
        }

        if (tif == TimeInForce.GoodTillDate ? c.ExpireTimeNs <= c.TimestampNs : c.ExpireTimeNs != 0)
        {
            reasons.Add(RejectReason.InvalidExpireTime);
        }

        if (account is not null && !c.ClientOrderId.IsEmpty && FindLiveByClientId(account.Id, c.ClientOrderId.ToString()) is not null)
        {
            reasons.Add(RejectReason.DuplicateClientOrderId);
        }

        if (instrument is not null)
        {
            if (c.QuantityLots > 0 && c.QuantityLots < instrument.MinQuantityLots)
            {
                reasons.Add(RejectReason.QuantityBelowMinimum);
            }

            if (isLimit && c.PriceTicks > 0 && c.QuantityLots > 0 && c.PriceTicks * c.QuantityLots * instrument.TickValue < instrument.MinNotional)
            {
                reasons.Add(RejectReason.NotionalBelowMinimum);
            }

            if (isBudgetBuy && c.QuoteBudget > 0 && c.QuoteBudget < instrument.MinNotional)
            {
                reasons.Add(RejectReason.NotionalBelowMinimum);
            }

            CheckTriggerAndDisplay(reasons, instrument, tif);
        }

        long lockUnits = 0;
        if (account is not null && instrument is not null && sideOk)
        {
            var available = account.AvailableOf(LockAssetOf(c.Side, instrument));
            if (isLimit && c.PriceTicks > 0 && c.QuantityLots > 0)
            {
                lockUnits = c.Side == Side.Buy ? c.PriceTicks * c.QuantityLots * instrument.TickValue : c.QuantityLots * instrument.LotUnits;
            }
            else if (isMarket && c.Side == Side.Sell && c.QuantityLots > 0)
            {
                lockUnits = c.QuantityLots * instrument.LotUnits;
            }
            else if (isBudgetBuy && c.QuoteBudget > 0)
            {
                lockUnits = c.QuoteBudget;
            }
            else if (isMarket && c.Side == Side.Buy && c.QuantityLots > 0 && c.Trigger != TriggerType.None)
            {
                // A waiting market buy by quantity locks nothing until it triggers.
                lockUnits = 0;
            }
            else if (isMarket && c.Side == Side.Buy && c.QuantityLots > 0)
            {
                // Spec choice: a market buy by quantity locks everything available; with
                // nothing available there is nothing to lock, which counts as short funds.
                lockUnits = available;
                if (available == 0)
                {
                    reasons.Add(RejectReason.InsufficientFunds);
                }
            }

            if (lockUnits > available)
            {
                reasons.Add(RejectReason.InsufficientFunds);
            }
        }

        if (isLimit && c.PostOnly && instrument is not null && sideOk && c.PriceTicks > 0 && WouldCross(instrument, c.Side, c.PriceTicks))
        {
            reasons.Add(RejectReason.PostOnlyWouldTake);
        }

        if (reasons.Count > 0)
        {
            return;
        }

        var order = new RefOrder
        {
            Id = ++_lastOrderId,
            AccountId = c.AccountId,
            InstrumentId = c.InstrumentId,
            ClientOrderId = c.ClientOrderId.ToString(),
            Side = c.Side,
            Type = c.OrderType,
            TimeInForce = tif,
            PriceTicks = c.PriceTicks,
            QuantityLots = c.QuantityLots,
            QuoteBudget = isBudgetBuy ? c.QuoteBudget : 0,
            SelfTradePrevention = c.SelfTradePrevention,
            PostOnly = c.PostOnly,
            ExpireTimeNs = c.ExpireTimeNs,
            Origin = c.Origin,
            MarketLockUnits = isMarket ? lockUnits : 0,
            Trigger = c.Trigger,
            StopPriceTicks = c.StopPriceTicks,
            TrailingOffsetTicks = c.TrailingOffsetTicks,
            TrailingOffsetBps = c.TrailingOffsetBps,

            // Spec: a display quantity at or above the quantity is an ordinary order.
            DisplayLots = c.DisplayLots < c.QuantityLots ? c.DisplayLots : 0,
        };
        if (order.Trigger == TriggerType.TrailingStop)
        {
            order.TrailingExtremeTicks = instrument!.LastTradePriceTicks;
            order.StopPriceTicks = TrailingStopPrice(order, order.TrailingExtremeTicks);
        }

        _outcome.Events.Add(Describe(EventType.OrderAccepted, order));
        Lock(order.AccountId, LockAssetOf(order.Side, instrument!), lockUnits);
        if (order.Trigger != TriggerType.None)
        {
            order.IsWaiting = true;
            _waiting.Add(order);
            AddLive(order);
            return;
        }

        Enter(order, instrument!);
    }

    /// <summary>Returns to available what an incoming order that will not rest still has locked.</summary>
    private void ReleaseIncoming(RefOrder order, RefInstrument instrument)
    {
        var units = order.Type == OrderType.Market ? order.MarketLockUnits : LockOf(order, instrument);
        order.MarketLockUnits = 0;
        Unlock(order.AccountId, LockAssetOf(order.Side, instrument), units);
    }

    private void Rest(RefOrder order, RefInstrument instrument)
    {
        if (order.DisplayLots > 0)
        {
            order.VisibleLots = Math.Min(order.DisplayLots, order.RemainingLots);
        }

        instrument.Book.Append(order);
        TouchLevel(instrument.Id, order.Side, order.PriceTicks);
        AddLive(order);
    }

    private void AddLive(RefOrder order)
    {
        if (!_liveOrders.Contains(order))
        {
            _liveOrders.Add(order);
            _liveOrders.Sort((a, b) => a.Id.CompareTo(b.Id));
        }
    }

    /// <summary>Takes a resting order off the book, unlocks what it held and reports the cancel.</summary>
    private void CancelResting(RefOrder order, RefInstrument instrument, CancelReason reason)
    {
        Unlock(order.AccountId, LockAssetOf(order.Side, instrument), LockOf(order, instrument));
        instrument.Book.Remove(order);
        TouchLevel(instrument.Id, order.Side, order.PriceTicks);
        _liveOrders.Remove(order);
        EmitCancelled(order, reason);
    }

    private static bool WouldCross(RefInstrument instrument, Side side, long priceTicks)
    {
        var opposite = instrument.Book.Levels(side == Side.Buy ? Side.Sell : Side.Buy);
        return opposite.Count > 0 && RefBook.Crosses(side, priceTicks, opposite[0].PriceTicks);
    }

    /// <summary>
    /// The command's account and the live order it names, with the order's instrument; false,
    /// with UnknownAccount or UnknownOrder added to <paramref name="reasons"/>, when either is missing.
    /// </summary>
    private bool TryFindTargetOrder(List<RejectReason> reasons, [NotNullWhen(true)] out RefAccount? account,
        [NotNullWhen(true)] out RefOrder? order, [NotNullWhen(true)] out RefInstrument? instrument)
    {
        order = null;
        instrument = null;
        account = FindAccount(_command.AccountId);
        if (account is null)
        {
            reasons.Add(RejectReason.UnknownAccount);
            return false;
        }

        order = FindTarget(account.Id);
        if (order is null)
        {
            reasons.Add(RejectReason.UnknownOrder);
            return false;
        }

        instrument = FindInstrument(order.InstrumentId)!;
        return true;
    }

    private void Amend(List<RejectReason> reasons, bool replace)
    {
        var c = _command;
        if (!TryFindTargetOrder(reasons, out var account, out var order, out var instrument))
        {
            return;
        }

        if (instrument.Status == InstrumentStatus.Halted)
        {
            reasons.Add(RejectReason.InstrumentHalted);
        }
        else if (instrument.Status == InstrumentStatus.CancelOnly)
        {
            reasons.Add(RejectReason.InstrumentCancelOnly);
        }

        var newClientOrderId = NewClientOrderId(reasons, account, order, replace);
        if (order.IsWaiting)
        {
            AmendWaiting(reasons, account, order, instrument, newClientOrderId);
            return;
        }

        if (c.StopPriceTicks != 0)
        {
            // Only a waiting order has a stop price to change.
            reasons.Add(RejectReason.InvalidTrigger);
        }

        if (c.PriceTicks < 0)
        {
            reasons.Add(RejectReason.InvalidPrice);
        }

        if (c.QuantityLots < 0)
        {
            reasons.Add(RejectReason.InvalidQuantity);
        }

        var newPrice = c.PriceTicks > 0 ? c.PriceTicks : order.PriceTicks;
        var newQuantity = c.QuantityLots > 0 ? c.QuantityLots : order.QuantityLots;
        if (newQuantity <= order.FilledLots)
        {
            reasons.Add(RejectReason.InvalidQuantity);
        }

        // Spec choice: a cancel-replace that only renames the order is a change, and
        // (neither price nor quantity moving up) it keeps its place.
        if (newPrice == order.PriceTicks && newQuantity == order.QuantityLots && newClientOrderId == order.ClientOrderId)
        {
            reasons.Add(RejectReason.AmendNoChange);
        }

        // Spec choice: the minimums apply to the amended order as to a new one.
        if (newQuantity < instrument.MinQuantityLots)
        {
            reasons.Add(RejectReason.QuantityBelowMinimum);
        }

        if (newPrice * newQuantity * instrument.TickValue < instrument.MinNotional)
        {
            reasons.Add(RejectReason.NotionalBelowMinimum);
        }

        var lockAsset = LockAssetOf(order.Side, instrument);
        var oldLock = LockOf(order, instrument);
        var newRemaining = newQuantity - order.FilledLots;
        var newLock = order.Side == Side.Buy ? newPrice * newRemaining * instrument.TickValue : newRemaining * instrument.LotUnits;
        if (newRemaining > 0 && newLock - oldLock > account.AvailableOf(lockAsset))
        {
            reasons.Add(RejectReason.InsufficientFunds);
        }

        if (order.PostOnly && newPrice != order.PriceTicks && WouldCross(instrument, order.Side, newPrice))
        {
            reasons.Add(RejectReason.PostOnlyWouldTake);
        }

        if (reasons.Count > 0)
        {
            return;
        }

        var origClientOrderId = order.ClientOrderId;
        TouchLevel(instrument.Id, order.Side, order.PriceTicks);
        Lock(order.AccountId, lockAsset, newLock - oldLock);
        order.ClientOrderId = newClientOrderId;
        order.Origin = c.Origin;
        if (newPrice == order.PriceTicks)
        {
            if (newQuantity > order.QuantityLots)
            {
                // Spec choice: more quantity at the same price goes to the back of the level
                // with the iceberg's current slice (the display quantity is kept; no refill).
                instrument.Book.Remove(order);
                order.QuantityLots = newQuantity;
                instrument.Book.Append(order);
            }
            else
            {
                // Less quantity keeps the place; an iceberg's slice shrinks only if it must.
                order.QuantityLots = newQuantity;
                order.VisibleLots = Math.Min(order.VisibleLots, order.RemainingLots);
            }

            EmitAmended(order, origClientOrderId, CancelReason.None);
            return;
        }

        instrument.Book.Remove(order);
        order.PriceTicks = newPrice;
        order.QuantityLots = newQuantity;
        EmitAmended(order, origClientOrderId, CancelReason.None);

        // A new price trades like a new order, then rests (an iceberg with a fresh slice).
        var stop = Match(order, instrument);
        if (stop == MatchStop.TakerCancelled)
        {
            Unlock(order.AccountId, lockAsset, LockOf(order, instrument));
            _liveOrders.Remove(order);
            return;
        }

        if (order.RemainingLots == 0)
        {
            _liveOrders.Remove(order);
            return;
        }

        Rest(order, instrument);
    }

    /// <summary>The client order id an amend leaves the order with: its own, or (checked) a cancel-replace's new one.</summary>
    private string NewClientOrderId(List<RejectReason> reasons, RefAccount account, RefOrder order, bool replace)
    {
        if (!replace)
        {
            return order.ClientOrderId;
        }

        if (_command.NewClientOrderId.IsEmpty || !_command.NewClientOrderId.IsValid())
        {
            reasons.Add(RejectReason.InvalidClientOrderId);
            return order.ClientOrderId;
        }

        var newClientOrderId = _command.NewClientOrderId.ToString();
        var holder = FindLiveByClientId(account.Id, newClientOrderId);
        if (holder is not null && holder != order)
        {
            reasons.Add(RejectReason.DuplicateClientOrderId);
        }

        return newClientOrderId;
    }
}
