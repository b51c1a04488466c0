using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;
using Matcher.Views.Orders;
using Matcher.Views.Tests.Support;

namespace Matcher.Views.Tests;

public class OrderTrackerTests
{
    private static EngineEvent Accepted(long orderId, string clOrdId, long quantityLots) => new()
    {
        Type = EventType.OrderAccepted,
        OrderId = orderId,
        AccountId = 7,
        InstrumentId = 1,
        ClientOrderId = ClientOrderId.From(clOrdId),
        OrderOrigin = new Origin(1, 3, 10),
        Side = Side.Buy,
        OrderType = OrderType.Limit,
        PriceTicks = 100,
        QuantityLots = quantityLots,
        RemainingLots = quantityLots,
    };

    [Test]
    public void OnFill_AccumulatesTicksTimesLots_ForAveragePrice()
    {
        var tracker = new OrderTracker();
        var accepted = Accepted(5, "a", 10);
        tracker.OnOrder(in accepted);

        tracker.OnFill(5, 100, 4, 4, 6);
        var (ticksLots, quantity) = tracker.OnFill(5, 90, 2, 6, 4);

        Assert.That(ticksLots, Is.EqualTo((Int128)((100 * 4) + (90 * 2))));
        Assert.That(quantity, Is.EqualTo(10));
        Assert.That(tracker.TryFind(7, ClientOrderId.From("a"), 0, out var order), Is.True);
        Assert.That(order.FilledLots, Is.EqualTo(6));
        Assert.That(order.SessionId, Is.EqualTo(3));
    }

    [Test]
    public void OnFill_NothingRemaining_ForgetsTheOrder()
    {
        var tracker = new OrderTracker();
        var accepted = Accepted(5, "a", 10);
        tracker.OnOrder(in accepted);

        tracker.OnFill(5, 100, 10, 10, 0);

        Assert.That(tracker.Count, Is.Zero);
        Assert.That(tracker.TryFind(7, ClientOrderId.From("a"), 0, out _), Is.False);
    }

    [Test]
    public void OnOrder_Amended_MovesTheClientIdIndex()
    {
        var tracker = new OrderTracker();
        var accepted = Accepted(5, "a", 10);
        tracker.OnOrder(in accepted);
        var amended = accepted with { Type = EventType.OrderAmended, ClientOrderId = ClientOrderId.From("b"), QuantityLots = 8 };

        tracker.OnOrder(in amended);

        Assert.That(tracker.TryFind(7, ClientOrderId.From("a"), 0, out _), Is.False);
        Assert.That(tracker.TryFind(7, ClientOrderId.From("b"), 0, out var order), Is.True);
        Assert.That(order.QuantityLots, Is.EqualTo(8));
    }

    [Test]
    public void TryFind_OtherAccount_IsNotFound()
    {
        var tracker = new OrderTracker();
        var accepted = Accepted(5, "a", 10);
        tracker.OnOrder(in accepted);

        Assert.That(tracker.TryFind(8, default, 5, out _), Is.False);
        Assert.That(tracker.TryFind(7, default, 5, out _), Is.True);
    }

    [Test]
    public void OnCancelled_ForgetsTheOrder()
    {
        var tracker = new OrderTracker();
        var accepted = Accepted(5, "a", 10);
        tracker.OnOrder(in accepted);
        tracker.OnFill(5, 100, 1, 1, 9);

        Assert.That(tracker.OnCancelled(5), Is.EqualTo((Int128)100));
        Assert.That(tracker.Count, Is.Zero);
    }

    [Test]
    public void LoadFrom_TakesOnlyTheGatewaysLiveOrders()
    {
        var driver = new EngineDriver();
        driver.CreateFundedAccount(7);
        driver.Ok(EngineDriver.Limit(7, Side.Buy, 100, 10, clientId: "mine") with { Origin = new Origin(1, 3, 10) });
        driver.Ok(EngineDriver.Limit(7, Side.Buy, 99, 10, clientId: "other") with { Origin = new Origin(2, 3, 11) });
        driver.CreateFundedAccount(8);
        driver.Ok(EngineDriver.Limit(8, Side.Sell, 100, 4, TimeInForce.ImmediateOrCancel));
        var tracker = new OrderTracker();

        tracker.LoadFrom(driver.Engine, gatewayId: 1);

        Assert.That(tracker.Count, Is.EqualTo(1));
        Assert.That(tracker.TryFind(7, ClientOrderId.From("mine"), 0, out var order), Is.True);
        Assert.That(order.SessionId, Is.EqualTo(3));
        Assert.That(order.FilledLots, Is.EqualTo(4));
        Assert.That(order.FilledTicksLots, Is.EqualTo((Int128)400), "earlier fills assumed at the limit price");
        Assert.That(tracker.TryFind(7, ClientOrderId.From("other"), 0, out _), Is.False);
    }

    [Test]
    public void LoadFrom_TakesWaitingStopsWithTheirTriggerAndQuoteLegsByIdOnly()
    {
        var driver = new EngineDriver();
        driver.CreateFundedAccount(7);
        driver.Ok(EngineDriver.Market(7, Side.Buy, 5) with { Trigger = TriggerType.Stop, StopPriceTicks = 120, ClientOrderId = ClientOrderId.From("stop"), Origin = new Origin(1, 3, 10) });
        driver.Ok(new Command
        {
            Type = CommandType.Quote,
            AccountId = 7,
            InstrumentId = EngineDriver.BtcUsdt,
            PriceTicks = 90,
            QuantityLots = 1,
            AskPriceTicks = 130,
            AskQuantityLots = 1,
            ClientOrderId = ClientOrderId.From("q"),
            Origin = new Origin(1, 3, 11),
        });
        var tracker = new OrderTracker();

        tracker.LoadFrom(driver.Engine, gatewayId: 1);

        Assert.That(tracker.Count, Is.EqualTo(3));
        Assert.That(tracker.TryFind(7, ClientOrderId.From("stop"), 0, out var stop), Is.True);
        Assert.That((stop.OrderType, stop.Trigger, stop.StopPriceTicks, stop.IsWaiting), Is.EqualTo((OrderType.Market, TriggerType.Stop, 120L, true)));
        Assert.That(tracker.TryFind(7, ClientOrderId.From("q"), 0, out _), Is.False, "quote legs share their id: found by order id only");
    }
}
