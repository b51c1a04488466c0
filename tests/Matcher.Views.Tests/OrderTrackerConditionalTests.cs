using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;
using Matcher.Views.Orders;

namespace Matcher.Views.Tests;

/// <summary>The tracker and the shared order states with waiting and triggered orders, icebergs, links and quote legs.</summary>
public class OrderTrackerConditionalTests
{
    private static EngineEvent Event(EventType type, long orderId, string clOrdId, TriggerType trigger = TriggerType.None) => new()
    {
        Type = type,
        OrderId = orderId,
        AccountId = 7,
        InstrumentId = 1,
        ClientOrderId = ClientOrderId.From(clOrdId),
        OrderOrigin = new Origin(1, 3, 10),
        Side = Side.Sell,
        OrderType = OrderType.Market,
        QuantityLots = 10,
        RemainingLots = 10,
        Trigger = trigger,
        StopPriceTicks = trigger == TriggerType.None ? 0 : 95,
    };

    [Test]
    public void OnOrder_AcceptedStop_IsWaitingWithItsTrigger()
    {
        var tracker = new OrderTracker();
        var accepted = Event(EventType.OrderAccepted, 5, "s", TriggerType.Stop);

        tracker.OnOrder(in accepted);

        Assert.That(tracker.TryFind(7, ClientOrderId.From("s"), 0, out var order), Is.True);
        Assert.That((order.IsWaiting, order.Trigger, order.StopPriceTicks), Is.EqualTo((true, TriggerType.Stop, 95L)));
    }

    [Test]
    public void OnOrder_Triggered_NoLongerWaiting_KeepsWhatItWas()
    {
        var tracker = new OrderTracker();
        var accepted = Event(EventType.OrderAccepted, 5, "s", TriggerType.TrailingStop);
        accepted.TrailingOffsetBps = 25;
        var triggered = Event(EventType.OrderTriggered, 5, "s");

        tracker.OnOrder(in accepted);
        tracker.OnOrder(in triggered);

        Assert.That(tracker.TryFind(7, default, 5, out var order), Is.True);
        Assert.That((order.IsWaiting, order.Triggered), Is.EqualTo((false, true)));
        Assert.That((order.Trigger, order.StopPriceTicks, order.TrailingOffsetBps), Is.EqualTo((TriggerType.TrailingStop, 95L, 25L)),
            "a triggered event that describes the plain order it became does not erase the trigger");
    }

    [Test]
    public void OnOrder_PlainOrder_IsNotWaiting_AndKeepsItsDisplayQuantityAndLink()
    {
        var tracker = new OrderTracker();
        var accepted = Event(EventType.OrderAccepted, 5, "ice");
        accepted.DisplayLots = 2;
        accepted.LinkedOrderId = 4;

        tracker.OnOrder(in accepted);

        Assert.That(tracker.TryFind(7, default, 5, out var order), Is.True);
        Assert.That((order.IsWaiting, order.DisplayLots, order.LinkedOrderId), Is.EqualTo((false, 2L, 4L)));
    }

    [Test]
    public void QuoteLegs_FoundByOrderIdOnly_AndDoNotDisturbAnOrderWithTheSameClientId()
    {
        var tracker = new OrderTracker();
        var order = Event(EventType.OrderAccepted, 3, "q1");
        var bid = Event(EventType.OrderAccepted, 5, "q1");
        bid.IsQuote = true;
        var ask = bid;
        ask.OrderId = 6;

        tracker.OnOrder(in order);
        tracker.OnOrder(in bid);
        tracker.OnOrder(in ask);
        tracker.OnCancelled(5);

        Assert.That(tracker.TryFind(7, ClientOrderId.From("q1"), 0, out var found), Is.True);
        Assert.That(found.OrderId, Is.EqualTo(3), "the client id names the order, not a quote leg");
        Assert.That(tracker.TryFind(7, default, 6, out var leg), Is.True);
        Assert.That(leg.IsQuote, Is.True);
        Assert.That(tracker.Count, Is.EqualTo(2));
    }

    [Test]
    public void TryGetClientOrderId_LiveOrder_ItsId_GoneOrder_False()
    {
        var tracker = new OrderTracker();
        var accepted = Event(EventType.OrderAccepted, 5, "tp");
        tracker.OnOrder(in accepted);

        Assert.That(tracker.TryGetClientOrderId(5, out var id), Is.True);
        Assert.That(id, Is.EqualTo(ClientOrderId.From("tp")));
        tracker.OnCancelled(5);
        Assert.That(tracker.TryGetClientOrderId(5, out _), Is.False);
    }

    [TestCase(EventType.OrderAccepted, CancelReason.None, '0')]
    [TestCase(EventType.OrderTriggered, CancelReason.None, 'L')]
    [TestCase(EventType.Trade, CancelReason.None, 'F')]
    [TestCase(EventType.OrderCancelled, CancelReason.Contingency, '4')]
    [TestCase(EventType.OrderCancelled, CancelReason.Expired, 'C')]
    [TestCase(EventType.OrderAmended, CancelReason.None, '5')]
    [TestCase(EventType.OrderAmended, CancelReason.SelfTrade, 'D')]
    [TestCase(EventType.Rejected, CancelReason.None, '8')]
    [TestCase(EventType.QuoteAccepted, CancelReason.None, '\0')]
    public void ExecType_OfAnOrderEvent(EventType type, CancelReason reason, char expected)
    {
        var e = Event(type, 5, "s", TriggerType.Stop);
        e.CancelReason = reason;

        Assert.That((char)OrderStates.ExecType(in e), Is.EqualTo(expected));
    }

    [TestCase(EventType.Rejected, 0L, 10L, '8')]
    [TestCase(EventType.OrderTriggered, 0L, 10L, '0')]
    [TestCase(EventType.OrderTriggered, 4L, 6L, '1')]
    [TestCase(EventType.OrderCancelled, 4L, 6L, '4')]
    public void OrdStatus_OfAnEvent(EventType type, long filled, long remaining, char expected)
    {
        var e = Event(type, 5, "s", TriggerType.Stop);
        e.FilledLots = filled;
        e.RemainingLots = remaining;
        e.CancelReason = type == EventType.OrderCancelled ? CancelReason.CircuitBreaker : CancelReason.None;

        Assert.That((char)OrderStates.OrdStatus(in e), Is.EqualTo(expected));
    }
}
