using Matcher.Core.Events;
using Matcher.Core.State;

namespace Matcher.Core.Tests.Properties;

/// <summary>The reference model's book as the harness compares it, and the order events it predicts.</summary>
internal sealed partial class ReferenceExchange
{
    /// <summary>The reference book in the engine's enumeration order: by instrument, bids then asks, best level first, oldest first.</summary>
    public List<OrderView> OrderViews() =>
    [
        .. BookOrders().Select(x => new OrderView(
            x.Order.Id, x.Order.AccountId, x.Order.InstrumentId, ToClientOrderId(x.Order.ClientOrderId), x.Order.Side, x.Order.TimeInForce,
            x.Order.PriceTicks, x.Order.QuantityLots, x.Order.FilledLots, LockOf(x.Order, x.Instrument), x.Order.ExpireTimeNs)),
    ];

    /// <summary>Each resting order's id, shown lots and display quantity, in <see cref="OrderViews"/> order.</summary>
    public List<(long OrderId, long ShownLots, long DisplayLots)> ShownViews() =>
        [.. BookOrders().Select(x => (x.Order.Id, x.Order.ShownLots, x.Order.DisplayLots))];

    private IEnumerable<(RefInstrument Instrument, RefOrder Order)> BookOrders()
    {
        foreach (var instrument in _instruments)
        {
            foreach (var levels in new[] { instrument.Book.Bids, instrument.Book.Asks })
            {
                foreach (var level in levels)
                {
                    foreach (var order in level.Orders)
                    {
                        yield return (instrument, order);
                    }
                }
            }
        }
    }

    private static ObservedEvent Describe(EventType type, RefOrder order) => new()
    {
        Type = type,
        AccountId = order.AccountId,
        InstrumentId = order.InstrumentId,
        OrderId = order.Id,
        ClientOrderId = order.ClientOrderId,
        OrderOrigin = order.Origin,
        Side = order.Side,
        OrderType = order.Type,
        TimeInForce = order.TimeInForce,
        PriceTicks = order.PriceTicks,
        QuantityLots = order.QuantityLots,
        FilledLots = order.FilledLots,
        RemainingLots = order.IsBudgetBuy ? 0 : order.RemainingLots,
        ExpireTimeNs = order.ExpireTimeNs,
        Trigger = order.Trigger,
        StopPriceTicks = order.StopPriceTicks,
        TrailingOffsetTicks = order.TrailingOffsetTicks,
        TrailingOffsetBps = order.TrailingOffsetBps,
        DisplayLots = order.DisplayLots,
    };

    private void EmitCancelled(RefOrder order, CancelReason reason) =>
        _outcome.Events.Add(Describe(EventType.OrderCancelled, order) with { RemainingLots = 0, CancelReason = reason });

    private void EmitAmended(RefOrder order, string origClientOrderId, CancelReason reason) =>
        _outcome.Events.Add(Describe(EventType.OrderAmended, order) with
        {
            CancelReason = reason,
            OrigClientOrderId = ObservedEvent.KeepsOrigClientOrderId(EventType.OrderAmended, _command.Type, reason) ? origClientOrderId : "",
        });
}
