using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// Stop, take-profit and trailing stop orders in the reference model: a plain list of
/// waiting orders scanned on every trade, and a first-in-first-out list of triggered orders
/// worked off when the command's own order is done.
/// </summary>
internal sealed partial class ReferenceExchange
{
    /// <summary>Waiting conditional orders, in the order they were placed.</summary>
    private readonly List<RefOrder> _waiting = [];

    /// <summary>Triggered orders not yet entered, in the order they enter.</summary>
    private readonly List<RefOrder> _triggered = [];

    /// <summary>The waiting orders by order id, as the harness compares them.</summary>
    public List<WaitingView> WaitingViews()
    {
        var views = new List<WaitingView>();
        foreach (var o in _waiting)
        {
            var instrument = FindInstrument(o.InstrumentId)!;
            views.Add(new WaitingView(
                o.Id, o.AccountId, o.InstrumentId, ToClientOrderId(o.ClientOrderId), o.Side, o.Type, o.TimeInForce, o.Trigger,
                o.PriceTicks, o.QuantityLots, o.QuoteBudget, o.StopPriceTicks, WaitingLockOf(o, instrument), o.ExpireTimeNs));
        }

        views.Sort((a, b) => a.OrderId.CompareTo(b.OrderId));
        return views;
    }

    /// <summary>
    /// Whether a trade at <paramref name="tradeTicks"/> reaches the stop (the table in
    /// docs/CORE.md): stops and trailing stops buy on a rise and sell on a fall, take-profits
    /// the other way round.
    /// </summary>
    private static bool Fires(TriggerType trigger, Side side, long stopTicks, long tradeTicks)
    {
        var buysOnRise = trigger != TriggerType.TakeProfit;
        var onRise = side == Side.Buy ? buysOnRise : !buysOnRise;
        return onRise ? tradeTicks >= stopTicks : tradeTicks <= stopTicks;
    }

    /// <summary>A trailing stop's stop price at its offset from the best trade price (basis points of it, truncated).</summary>
    private static long TrailingStopPrice(Side side, long extremeTicks, long offsetTicks, long offsetBps)
    {
        var offset = offsetTicks > 0 ? offsetTicks : extremeTicks * offsetBps / 10_000;
        return side == Side.Buy ? extremeTicks + offset : extremeTicks - offset;
    }

    private static long TrailingStopPrice(RefOrder order, long extremeTicks) =>
        TrailingStopPrice(order.Side, extremeTicks, order.TrailingOffsetTicks, order.TrailingOffsetBps);

    /// <summary>What a waiting order holds: a limit order's lock, or what its market order locked when placed.</summary>
    private static long WaitingLockOf(RefOrder order, RefInstrument instrument) =>
        order.Type == OrderType.Market ? order.MarketLockUnits : LockOf(order, instrument);

    /// <summary>The trigger and display-quantity checks of a new order.</summary>
    private void CheckTriggerAndDisplay(List<RejectReason> reasons, RefInstrument instrument, TimeInForce tif)
    {
        var c = _command;
        var last = instrument.LastTradePriceTicks;
        var hasOffset = c.TrailingOffsetTicks != 0 || c.TrailingOffsetBps != 0;
        switch (c.Trigger)
        {
            case TriggerType.None:
                if (c.StopPriceTicks != 0 || hasOffset)
                {
                    reasons.Add(RejectReason.InvalidTrigger);
                }

                break;
            case TriggerType.Stop or TriggerType.TakeProfit:
                if (c.PostOnly || c.StopPriceTicks <= 0 || hasOffset)
                {
                    reasons.Add(RejectReason.InvalidTrigger);
                }
                else if (last != 0 && Fires(c.Trigger, c.Side, c.StopPriceTicks, last))
                {
                    reasons.Add(RejectReason.WouldTriggerImmediately);
                }

                break;
            case TriggerType.TrailingStop:
                var exactlyOneOffset = c.TrailingOffsetTicks >= 0 && c.TrailingOffsetBps >= 0 && (c.TrailingOffsetTicks > 0) != (c.TrailingOffsetBps > 0);
                if (c.PostOnly || c.OrderType != OrderType.Market || c.StopPriceTicks != 0 || !exactlyOneOffset)
                {
                    reasons.Add(RejectReason.InvalidTrigger);
                }
                else if (last == 0)
                {
                    reasons.Add(RejectReason.NoReferencePrice);
                }
                else if (TrailingStopPrice(c.Side, last, c.TrailingOffsetTicks, c.TrailingOffsetBps) == last)
                {
                    // Spec gap: docs/CORE.md does not say what a basis-point offset that truncates
                    // to nothing at the current price does; the engine refuses it (InvalidTrigger).
                    reasons.Add(RejectReason.InvalidTrigger);
                }

                break;
            default:
                reasons.Add(RejectReason.InvalidTrigger);
                break;
        }

        var canRest = c.OrderType == OrderType.Limit && tif is TimeInForce.GoodTillCancel or TimeInForce.GoodTillDate;
        if (c.DisplayLots < 0 || (c.DisplayLots > 0 && (!canRest || c.DisplayLots < instrument.MinQuantityLots)))
        {
            reasons.Add(RejectReason.InvalidOrderOption);
        }
    }

    /// <summary>
    /// A trade at <paramref name="tradeTicks"/>: moves the instrument's trailing stops, then
    /// queues every waiting order it reaches, these in order id order, after those queued before.
    /// </summary>
    private void CollectTriggered(RefInstrument instrument, long tradeTicks)
    {
        var fired = new List<RefOrder>();
        foreach (var order in _waiting)
        {
            if (order.InstrumentId != instrument.Id)
            {
                continue;
            }

            if (order.Trigger == TriggerType.TrailingStop
                && (order.Side == Side.Sell ? tradeTicks > order.TrailingExtremeTicks : tradeTicks < order.TrailingExtremeTicks))
            {
                order.TrailingExtremeTicks = tradeTicks;
                order.StopPriceTicks = TrailingStopPrice(order, tradeTicks);
            }

            if (Fires(order.Trigger, order.Side, order.StopPriceTicks, tradeTicks))
            {
                fired.Add(order);
            }
        }

        fired.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (var order in fired)
        {
            _waiting.Remove(order);
            order.IsWaiting = false;
            _triggered.Add(order);
        }
    }

    /// <summary>Works off the triggered orders one at a time; trades they make may queue more at the end.</summary>
    private void RunTriggered()
    {
        while (_triggered.Count > 0)
        {
            var order = _triggered[0];
            _triggered.RemoveAt(0);
            var instrument = FindInstrument(order.InstrumentId)!;
            if (instrument.Status != InstrumentStatus.Trading)
            {
                // Only the circuit breaker, which these streams do not use, stops matching mid-command.
                order.IsWaiting = true;
                _waiting.Add(order);
                continue;
            }

            _outcome.Events.Add(Describe(EventType.OrderTriggered, order));
            if (order.Type == OrderType.Market && order.Side == Side.Buy && !order.IsBudgetBuy)
            {
                // A market buy by quantity locks what is available now, as a new one does.
                var available = FindAccount(order.AccountId)!.AvailableOf(instrument.QuoteAssetId);
                if (available <= 0)
                {
                    EmitCancelled(order, CancelReason.FundsExhausted);
                    _liveOrders.Remove(order);
                    continue;
                }

                Lock(order.AccountId, instrument.QuoteAssetId, available);
                order.MarketLockUnits = available;
            }

            Enter(order, instrument);
        }
    }

    /// <summary>
    /// An accepted order (new, or just triggered) enters the book: a fill-or-kill check, then
    /// matching, then the remainder rests or is cancelled as its type and time in force say.
    /// </summary>
    private void Enter(RefOrder order, RefInstrument instrument)
    {
        if (order.TimeInForce == TimeInForce.FillOrKill && !CanFillInFull(order, instrument, _command.TimestampNs))
        {
            EmitCancelled(order, CancelReason.FillOrKill);
            Leave(order, instrument);
            return;
        }

        var stop = Match(order, instrument);
        if (stop != MatchStop.TakerCancelled && order.Type == OrderType.Limit
            && order.TimeInForce is TimeInForce.GoodTillCancel or TimeInForce.GoodTillDate && order.RemainingLots > 0)
        {
            Rest(order, instrument);
            return;
        }

        if (stop != MatchStop.TakerCancelled && (order.IsBudgetBuy || order.RemainingLots > 0))
        {
            // Spec choice: FundsExhausted when a market buy cannot pay for the next lot at
            // the best price; ImmediateOrCancel when no crossing liquidity is left (also
            // for a budget spent exactly as the book empties).
            EmitCancelled(order, stop == MatchStop.FundsExhausted ? CancelReason.FundsExhausted : CancelReason.ImmediateOrCancel);
        }

        Leave(order, instrument);
    }

    /// <summary>An order that does not rest: what it still holds goes back, and it is no longer live.</summary>
    private void Leave(RefOrder order, RefInstrument instrument)
    {
        ReleaseIncoming(order, instrument);
        _liveOrders.Remove(order);
    }

    /// <summary>Cancels a live order wherever it is: on the book, or waiting for its trigger.</summary>
    private void CancelLive(RefOrder order, RefInstrument instrument, CancelReason reason)
    {
        if (!order.IsWaiting)
        {
            CancelResting(order, instrument, reason);
            return;
        }

        Unlock(order.AccountId, LockAssetOf(order.Side, instrument), WaitingLockOf(order, instrument));
        _waiting.Remove(order);
        _liveOrders.Remove(order);
        EmitCancelled(order, reason);
    }

    /// <summary>
    /// Amends a waiting order: its limit price (limit orders), quantity (not a budget buy's)
    /// and stop price (not a trailing stop's), with the checks of a new order.
    /// </summary>
    private void AmendWaiting(List<RejectReason> reasons, RefAccount account, RefOrder order, RefInstrument instrument, string newClientOrderId)
    {
        var c = _command;
        if (c.PriceTicks < 0 || (c.PriceTicks > 0 && order.Type != OrderType.Limit))
        {
            reasons.Add(RejectReason.InvalidPrice);
        }

        if (c.QuantityLots < 0 || (c.QuantityLots > 0 && order.IsBudgetBuy))
        {
            reasons.Add(RejectReason.InvalidQuantity);
        }

        if (c.StopPriceTicks < 0 || (c.StopPriceTicks > 0 && order.Trigger == TriggerType.TrailingStop))
        {
            reasons.Add(RejectReason.InvalidTrigger);
        }

        var newPrice = c.PriceTicks > 0 ? c.PriceTicks : order.PriceTicks;
        var newQuantity = c.QuantityLots > 0 ? c.QuantityLots : order.QuantityLots;
        var newStop = c.StopPriceTicks > 0 ? c.StopPriceTicks : order.StopPriceTicks;
        if (newPrice == order.PriceTicks && newQuantity == order.QuantityLots && newStop == order.StopPriceTicks
            && newClientOrderId == order.ClientOrderId)
        {
            reasons.Add(RejectReason.AmendNoChange);
        }

        var last = instrument.LastTradePriceTicks;
        if (newStop != order.StopPriceTicks && last != 0 && Fires(order.Trigger, order.Side, newStop, last))
        {
            reasons.Add(RejectReason.WouldTriggerImmediately);
        }

        // A budget buy has no quantity: the minimum quantity does not apply to it (its budget met the minimum notional).
        if (!order.IsBudgetBuy && newQuantity < instrument.MinQuantityLots)
        {
            reasons.Add(RejectReason.QuantityBelowMinimum);
        }

        if (order.Type == OrderType.Limit && newPrice * newQuantity * instrument.TickValue < instrument.MinNotional)
        {
            reasons.Add(RejectReason.NotionalBelowMinimum);
        }

        var oldLock = WaitingLockOf(order, instrument);
        var newLock = order.Type == OrderType.Market && order.Side == Side.Buy ? oldLock
            : order.Side == Side.Buy ? newPrice * newQuantity * instrument.TickValue
            : newQuantity * instrument.LotUnits;
        var lockAsset = LockAssetOf(order.Side, instrument);
        if (newLock - oldLock > account.AvailableOf(lockAsset))
        {
            reasons.Add(RejectReason.InsufficientFunds);
        }

        if (reasons.Count > 0)
        {
            return;
        }

        var origClientOrderId = order.ClientOrderId;
        Lock(order.AccountId, lockAsset, newLock - oldLock);
        if (order.Type == OrderType.Market)
        {
            order.MarketLockUnits = newLock;
        }

        order.PriceTicks = newPrice;
        order.QuantityLots = newQuantity;
        order.StopPriceTicks = newStop;
        order.ClientOrderId = newClientOrderId;
        order.Origin = c.Origin;
        EmitAmended(order, origClientOrderId, CancelReason.None);
    }
}
