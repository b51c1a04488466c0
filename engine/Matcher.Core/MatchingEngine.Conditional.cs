using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core;

/// <summary>
/// Conditional orders (stop, take-profit, trailing stop) and their trigger cascade,
/// icebergs, and one-cancels-other links.
/// </summary>
public sealed partial class MatchingEngine
{
    private readonly TriggerQueue _triggerQueue = new();

    /// <summary>Checks a new order's trigger, display quantity and their combination with its type.</summary>
    private static RejectReason ValidateAdvanced(ref Command c, Instrument instrument, TimeInForce timeInForce)
    {
        var last = instrument.LastTradePriceTicks;
        switch (c.Trigger)
        {
            case TriggerType.None:
                if (c.StopPriceTicks != 0 || c.TrailingOffsetTicks != 0 || c.TrailingOffsetBps != 0)
                {
                    return RejectReason.InvalidTrigger;
                }

                break;
            case TriggerType.Stop or TriggerType.TakeProfit:
                if (c.PostOnly || c.StopPriceTicks <= 0 || c.TrailingOffsetTicks != 0 || c.TrailingOffsetBps != 0)
                {
                    return RejectReason.InvalidTrigger;
                }

                if (last != 0 && TriggerBook.Fires(c.Trigger, c.Side, c.StopPriceTicks, last))
                {
                    return RejectReason.WouldTriggerImmediately;
                }

                break;
            case TriggerType.TrailingStop:
                if (c.PostOnly || c.OrderType != OrderType.Market || c.StopPriceTicks != 0
                    || c.TrailingOffsetTicks < 0 || c.TrailingOffsetBps < 0
                    || (c.TrailingOffsetTicks > 0) == (c.TrailingOffsetBps > 0))
                {
                    return RejectReason.InvalidTrigger;
                }

                if (last == 0)
                {
                    return RejectReason.NoReferencePrice;
                }

                if (TriggerBook.TrailingStopPrice(c.Side, last, c.TrailingOffsetTicks, c.TrailingOffsetBps) == last)
                {
                    // An offset that rounds to nothing would trigger on the next trade at this price.
                    return RejectReason.InvalidTrigger;
                }

                break;
            default:
                return RejectReason.InvalidTrigger;
        }

        if (c.DisplayLots < 0
            || (c.DisplayLots > 0
                && (c.OrderType != OrderType.Limit
                    || timeInForce is not (TimeInForce.GoodTillCancel or TimeInForce.GoodTillDate)
                    || c.DisplayLots < instrument.Definition.MinQuantityLots)))
        {
            return RejectReason.InvalidOrderOption;
        }

        return RejectReason.None;
    }

    /// <summary>The live order a one-cancels-other order is tied to (null without a contingency).</summary>
    private RejectReason ResolveLink(ref Command c, Account account, out Order? partner)
    {
        partner = null;
        if (c.Contingency == ContingencyType.None)
        {
            return c.LinkedOrderId != 0 || !c.LinkedClientOrderId.IsEmpty ? RejectReason.InvalidContingency : RejectReason.None;
        }

        if (c.Contingency != ContingencyType.OneCancelsOther)
        {
            return RejectReason.InvalidContingency;
        }

        Order? found;
        if (c.LinkedOrderId != 0)
        {
            if (!_orders.TryGetValue(c.LinkedOrderId, out found) || found.Account != account)
            {
                return RejectReason.UnknownLinkedOrder;
            }
        }
        else if (c.LinkedClientOrderId.IsEmpty)
        {
            return RejectReason.InvalidContingency;
        }
        else if (!_ordersByClientId.TryGetValue(new ClientOrderKey(account.Id, c.LinkedClientOrderId), out found))
        {
            return RejectReason.UnknownLinkedOrder;
        }

        if (found.Linked is not null || found.IsQuote)
        {
            return RejectReason.InvalidContingency;
        }

        partner = found;
        return RejectReason.None;
    }

    /// <summary>Amends a waiting conditional order: its limit price, quantity and stop price.</summary>
    private RejectReason AmendWaiting(ref Command c, Order order, bool replace)
    {
        if (c.PriceTicks < 0 || (c.PriceTicks > 0 && order.Type != OrderType.Limit))
        {
            return RejectReason.InvalidPrice;
        }

        if (c.QuantityLots < 0 || (c.QuantityLots > 0 && order.QuoteBudget > 0))
        {
            return RejectReason.InvalidQuantity;
        }

        if (c.StopPriceTicks < 0 || (c.StopPriceTicks > 0 && order.Trigger == TriggerType.TrailingStop))
        {
            return RejectReason.InvalidTrigger;
        }

        var instrument = order.Instrument;
        var newPrice = c.PriceTicks == 0 ? order.PriceTicks : c.PriceTicks;
        var newQuantity = c.QuantityLots == 0 ? order.QuantityLots : c.QuantityLots;
        var newStop = c.StopPriceTicks == 0 ? order.StopPriceTicks : c.StopPriceTicks;
        var clientIdReason = NewClientOrderId(ref c, order, replace, out var newClientId);
        if (clientIdReason != RejectReason.None)
        {
            return clientIdReason;
        }

        if (newPrice == order.PriceTicks && newQuantity == order.QuantityLots && newStop == order.StopPriceTicks
            && newClientId == order.ClientOrderId)
        {
            return RejectReason.AmendNoChange;
        }

        var last = instrument.LastTradePriceTicks;
        if (newStop != order.StopPriceTicks && last != 0 && TriggerBook.Fires(order.Trigger, order.Side, newStop, last))
        {
            return RejectReason.WouldTriggerImmediately;
        }

        // A market buy by budget has no quantity (and its budget cannot change).
        if (order.QuoteBudget == 0 && newQuantity < instrument.Definition.MinQuantityLots)
        {
            return RejectReason.QuantityBelowMinimum;
        }

        var limitReason = CheckAccountLimits(order.Account, instrument, newPrice, newQuantity, newOrder: false);
        if (limitReason != RejectReason.None)
        {
            return limitReason;
        }

        // What the order will lock: as placed, at the new price and quantity.
        var newLock = order.LockedUnits;
        if (order.Type == OrderType.Limit)
        {
            if (!TryNotional(instrument, newPrice, newQuantity, out var notional))
            {
                return RejectReason.ValueOverflow;
            }

            if (notional < instrument.Definition.MinNotional)
            {
                return RejectReason.NotionalBelowMinimum;
            }
        }

        if ((order.Type == OrderType.Limit || order.Side == Side.Sell)
            && !TryLockFor(instrument, order.Side, newPrice, newQuantity, out newLock))
        {
            return RejectReason.ValueOverflow;
        }

        var payIndex = PayAssetIndex(order);
        var lockDelta = newLock - order.LockedUnits;
        if (lockDelta > order.Account.Balances[payIndex].Available)
        {
            return RejectReason.InsufficientFunds;
        }

        Lock(order.Account, payIndex, lockDelta);
        order.LockedUnits = newLock;
        if (newStop != order.StopPriceTicks)
        {
            instrument.Triggers.Remove(order);
            order.StopPriceTicks = newStop;
            instrument.Triggers.Add(order);
        }

        ApplyAmend(ref c, order, newClientId, newPrice, newQuantity);
        return RejectReason.None;
    }

    /// <summary>A trade at <paramref name="priceTicks"/>: queues the waiting orders it triggers.</summary>
    private void CheckTriggers(Instrument instrument, long priceTicks)
    {
        if (instrument.Triggers.Count > 0)
        {
            instrument.Triggers.Trade(priceTicks, _triggerQueue);
            _triggerQueue.EndBatch();
        }
    }

    /// <summary>
    /// Works off the triggered orders one at a time, in queue order: each enters the book as
    /// the order it carries; trades it makes may queue more, which come after.
    /// </summary>
    private void RunTriggers()
    {
        while (_triggerQueue.TryTake(out var order))
        {
            var instrument = order.Instrument;
            if (instrument.Status != InstrumentStatus.Trading)
            {
                // The circuit breaker stopped matching: it waits again for a trade after the resume.
                order.State = OrderState.Waiting;
                instrument.Triggers.Add(order);
                continue;
            }

            order.State = OrderState.Taking;
            EmitOrderEvent(EventType.OrderTriggered, order);
            if (order.Type == OrderType.Limit && !instrument.WithinBand(instrument.LastTradePriceTicks, order.PriceTicks))
            {
                Retire(order, CancelReason.PriceBand, registered: true);
                continue;
            }

            if (order.Type == OrderType.Market && order.Side == Side.Buy && order.QuoteBudget == 0)
            {
                var payIndex = PayAssetIndex(order);
                var available = order.Account.Balances[payIndex].Available;
                if (available <= 0)
                {
                    Retire(order, CancelReason.FundsExhausted, registered: true);
                    continue;
                }

                Lock(order.Account, payIndex, available);
                order.LockedUnits = available;
            }

            if (order.TimeInForce == TimeInForce.FillOrKill && !CanFillCompletely(order, order.LockedUnits, _commandTimestampNs))
            {
                Retire(order, CancelReason.FillOrKill, registered: true);
                continue;
            }

            var remainder = Match(order);
            FinishTaker(order, remainder, registered: true);
        }
    }

    /// <summary>Cancels an open order wherever it is: on the book, waiting for its trigger, or queued to enter.</summary>
    private void CancelOpen(Order order, CancelReason reason)
    {
        switch (order.State)
        {
            case OrderState.Resting:
                CancelResting(order, reason);
                break;
            case OrderState.Waiting:
                order.Instrument.Triggers.Remove(order);
                Retire(order, reason, registered: true);
                break;
            case OrderState.Triggered:
                // Its queue entry is skipped when it comes up.
                Retire(order, reason, registered: true);
                break;
        }
    }

    /// <summary>
    /// After <paramref name="order"/> traded: its one-cancels-other partner is cancelled, unless
    /// it is <paramref name="counterparty"/> (tied orders that trade with each other both stay filled).
    /// </summary>
    private void BreakLinkOnFill(Order order, Order counterparty)
    {
        var partner = order.Linked;
        if (partner is null)
        {
            return;
        }

        order.Linked = null;
        partner.Linked = null;
        if (partner != counterparty)
        {
            CancelOpen(partner, CancelReason.Contingency);
        }
    }

    /// <summary>An iceberg maker whose visible slice is used up shows its next slice, at the back of its level.</summary>
    private static void RefillIfSpent(Order maker, PriceLevel level)
    {
        if (maker.DisplayLots > 0 && maker.VisibleLots == 0 && maker.RemainingLots > 0)
        {
            level.Remove(maker);
            maker.VisibleLots = Math.Min(maker.DisplayLots, maker.RemainingLots);
            level.Append(maker);
        }
    }
}
