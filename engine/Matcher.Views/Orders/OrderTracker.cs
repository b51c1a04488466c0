using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;

namespace Matcher.Views.Orders;

/// <summary>
/// The live orders of one gateway's sessions, kept from the core's events by that
/// gateway's outbound-ring consumer and read by session threads (order status requests).
/// </summary>
/// <remarks>
/// A plain lock: the writer takes it once per order event, readers only for status
/// requests, so it is almost never contended. Orders leave when filled or cancelled.
/// The gateway feeds only the events of its own orders (their origin names it); the
/// tracker itself does not filter.
/// </remarks>
public sealed class OrderTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, TrackedOrder> _byId = [];
    private readonly Dictionary<(long AccountId, ClientOrderId ClientOrderId), long> _byClientId = [];

    /// <summary>Live orders tracked.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Takes the live orders of a recovered engine that belong to sessions of <paramref name="gatewayId"/>.</summary>
    public void LoadFrom(MatchingEngine engine, ushort gatewayId)
    {
        ArgumentNullException.ThrowIfNull(engine);
        lock (_lock)
        {
            foreach (var view in engine.EnumerateOrders().Concat(engine.EnumerateWaitingOrders()))
            {
                if (!engine.TryGetOrderOrigin(view.OrderId, out var origin) || origin.GatewayId != gatewayId)
                {
                    continue;
                }

                Add(new TrackedOrder
                {
                    OrderId = view.OrderId,
                    AccountId = view.AccountId,
                    SessionId = origin.SessionId,
                    InstrumentId = view.InstrumentId,
                    ClientOrderId = view.ClientOrderId,
                    Side = view.Side,
                    OrderType = view.OrderType,
                    TimeInForce = view.TimeInForce,
                    PriceTicks = view.PriceTicks,
                    QuantityLots = view.QuantityLots,
                    FilledLots = view.FilledLots,

                    // Fill prices are not part of the engine's state: assume the fills before the
                    // restart were at the order's limit (exact for a maker), so AvgPx stays close.
                    FilledTicksLots = (Int128)view.PriceTicks * view.FilledLots,
                    Trigger = view.Trigger,
                    Triggered = view.Trigger != TriggerType.None && !view.IsWaiting,
                    StopPriceTicks = view.StopPriceTicks,
                    TrailingOffsetTicks = view.TrailingOffsetTicks,
                    TrailingOffsetBps = view.TrailingOffsetBps,
                    DisplayLots = view.DisplayLots,
                    LinkedOrderId = view.LinkedOrderId,
                    IsQuote = view.IsQuote,
                });
            }
        }
    }

    /// <summary>
    /// An order was accepted, amended or triggered (<see cref="EventType.OrderTriggered"/>):
    /// (re)record it as its event describes it; returns its Σ ticks × lots so far. Quote legs
    /// (<see cref="EngineEvent.IsQuote"/>) share their quote's client order id, so, as in the
    /// core, they are found by order id only.
    /// </summary>
    public Int128 OnOrder(in EngineEvent e)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(e.OrderId, out var order))
            {
                order = new TrackedOrder { OrderId = e.OrderId };
                _byId[e.OrderId] = order;
            }
            else if (order.ClientOrderId != e.ClientOrderId)
            {
                RemoveClientId(order);
            }

            order.AccountId = e.AccountId;
            order.SessionId = e.OrderOrigin.SessionId;
            order.InstrumentId = e.InstrumentId;
            order.ClientOrderId = e.ClientOrderId;
            order.Side = e.Side;
            order.OrderType = e.OrderType;
            order.TimeInForce = e.TimeInForce;
            order.PriceTicks = e.PriceTicks;
            order.QuantityLots = e.QuantityLots;
            order.FilledLots = e.FilledLots;
            order.IsQuote = e.IsQuote;
            order.DisplayLots = e.DisplayLots;
            order.LinkedOrderId = e.LinkedOrderId;
            if (e.Trigger != TriggerType.None)
            {
                // The triggered order's event may describe it as the plain order it became: keep what it was.
                order.Trigger = e.Trigger;
                order.StopPriceTicks = e.StopPriceTicks;
                order.TrailingOffsetTicks = e.TrailingOffsetTicks;
                order.TrailingOffsetBps = e.TrailingOffsetBps;
            }

            order.Triggered |= e.Type == EventType.OrderTriggered;
            if (!order.ClientOrderId.IsEmpty && !order.IsQuote)
            {
                _byClientId[(order.AccountId, order.ClientOrderId)] = order.OrderId;
            }

            return order.FilledTicksLots;
        }
    }

    /// <summary>The client order id of a live tracked order (for a one-cancels-other partner's ClOrdLinkID); no copy made.</summary>
    public bool TryGetClientOrderId(long orderId, out ClientOrderId clientOrderId)
    {
        lock (_lock)
        {
            var found = _byId.TryGetValue(orderId, out var order);
            clientOrderId = found ? order!.ClientOrderId : default;
            return found;
        }
    }

    /// <summary>
    /// A fill of <paramref name="orderId"/>: adds it and returns the order's Σ ticks × lots
    /// (for AvgPx) and total quantity; the order leaves when nothing remains.
    /// </summary>
    public (Int128 FilledTicksLots, long QuantityLots) OnFill(long orderId, long priceTicks, long lots, long filledLots, long remainingLots)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(orderId, out var order))
            {
                return ((Int128)priceTicks * lots, filledLots + remainingLots);
            }

            order.FilledTicksLots += (Int128)priceTicks * lots;
            order.FilledLots = filledLots;
            var result = (order.FilledTicksLots, order.QuantityLots);
            if (remainingLots == 0)
            {
                Remove(order);
            }

            return result;
        }
    }

    /// <summary>An order left the book: forget it, returning its Σ ticks × lots for the AvgPx of the cancel report.</summary>
    public Int128 OnCancelled(long orderId)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(orderId, out var order))
            {
                return 0;
            }

            Remove(order);
            return order.FilledTicksLots;
        }
    }

    /// <summary>A copy of a live order found by client order id (or by order id when that is positive).</summary>
    public bool TryFind(long accountId, ClientOrderId clientOrderId, long orderId, out TrackedOrder copy)
    {
        copy = null!;
        lock (_lock)
        {
            if (orderId <= 0 && !_byClientId.TryGetValue((accountId, clientOrderId), out orderId))
            {
                return false;
            }

            if (!_byId.TryGetValue(orderId, out var order) || order.AccountId != accountId)
            {
                return false;
            }

            copy = order.MemberwiseCloneOrder();
            return true;
        }
    }

    private void Add(TrackedOrder order)
    {
        _byId[order.OrderId] = order;
        if (!order.ClientOrderId.IsEmpty && !order.IsQuote)
        {
            _byClientId[(order.AccountId, order.ClientOrderId)] = order.OrderId;
        }
    }

    private void Remove(TrackedOrder order)
    {
        _byId.Remove(order.OrderId);
        RemoveClientId(order);
    }

    /// <summary>Drops the order's client-id entry if it is the order's own (a quote leg's id may name another order).</summary>
    private void RemoveClientId(TrackedOrder order)
    {
        if (_byClientId.TryGetValue((order.AccountId, order.ClientOrderId), out var id) && id == order.OrderId)
        {
            _byClientId.Remove((order.AccountId, order.ClientOrderId));
        }
    }
}
