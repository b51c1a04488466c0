using Matcher.Core.Commands;
using Matcher.Core.Events;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

public class SelfTradePreventionTests
{
    private CoreDriver _d = null!;

    [SetUp]
    public void SetUp()
    {
        _d = new CoreDriver();
        _d.CreateFundedAccount(1);
        _d.CreateFundedAccount(2);
    }

    [Test]
    public void None_OwnOrders_Trade()
    {
        var maker = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 2)));
        var trade = OfType(_d.Ok(Limit(1, Side.Buy, 3_000_000, 2)), EventType.Trade).Single();
        Assert.That((trade.MakerOrderId, trade.MakerAccountId, trade.AccountId), Is.EqualTo((maker, 1L, 1L)));
    }

    [Test]
    public void CancelTaker_OwnOrderFirst_TakerRemainderCancelledMakerStays()
    {
        var own = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 2)));
        _d.Ok(Limit(2, Side.Sell, 3_000_000, 2));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 3, stp: SelfTradePrevention.CancelTaker));
        Assert.That(OfType(events, EventType.Trade), Is.Empty, "the own order is first in the queue: matching stops there");
        var cancel = OfType(events, EventType.OrderCancelled).Single();
        Assert.That((cancel.AccountId, cancel.CancelReason), Is.EqualTo((1L, CancelReason.SelfTrade)));
        Assert.That(_d.Engine.EnumerateOrders().Select(o => o.OrderId), Does.Contain(own));
    }

    [Test]
    public void CancelTaker_OtherOrdersFirst_TradesUntilOwnOrder()
    {
        _d.Ok(Limit(2, Side.Sell, 3_000_000, 2));
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 2));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 3, stp: SelfTradePrevention.CancelTaker));
        Assert.That(OfType(events, EventType.Trade).Single().TradeLots, Is.EqualTo(2));
        var cancel = OfType(events, EventType.OrderCancelled).Single();
        Assert.That((cancel.FilledLots, cancel.CancelReason), Is.EqualTo((2L, CancelReason.SelfTrade)));
    }

    [Test]
    public void CancelMaker_OwnOrderCancelledAndMatchingGoesOn()
    {
        var own = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 2)));
        var other = AcceptedId(_d.Ok(Limit(2, Side.Sell, 3_000_100, 2)));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_100, 2, stp: SelfTradePrevention.CancelMaker));
        var cancel = OfType(events, EventType.OrderCancelled).Single();
        Assert.That((cancel.OrderId, cancel.CancelReason), Is.EqualTo((own, CancelReason.SelfTrade)));
        Assert.That(OfType(events, EventType.Trade).Single().MakerOrderId, Is.EqualTo(other));
        Assert.That(_d.Balance(1, Btc).Locked, Is.Zero, "the cancelled maker's base is unlocked");
    }

    [Test]
    public void CancelBoth_BothCancelled()
    {
        var own = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 2)));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 5, stp: SelfTradePrevention.CancelBoth));
        var taker = AcceptedId(events);
        Assert.That(OfType(events, EventType.OrderCancelled).Select(c => (c.OrderId, c.CancelReason)),
            Is.EqualTo(new[] { (own, CancelReason.SelfTrade), (taker, CancelReason.SelfTrade) }));
        Assert.That(_d.Engine.OpenOrderCount, Is.Zero);
    }

    [Test]
    public void DecrementAndCancel_LargerMaker_IsDecrementedTakerCancelled()
    {
        var own = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 5)));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 2, stp: SelfTradePrevention.DecrementAndCancel));
        var amended = OfType(events, EventType.OrderAmended).Single();
        Assert.That((amended.OrderId, amended.QuantityLots, amended.RemainingLots, amended.CancelReason),
            Is.EqualTo((own, 3L, 3L, CancelReason.SelfTrade)));
        Assert.That(OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.SelfTrade));
        Assert.That(_d.Balance(1, Btc).Locked, Is.EqualTo(3 * 10_000));
        Assert.That(_d.Balance(1, Usdt).Locked, Is.Zero);
    }

    [Test]
    public void DecrementAndCancel_LargerTaker_MakerCancelledTakerGoesOnAndRests()
    {
        var own = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 2)));
        var other = AcceptedId(_d.Ok(Limit(2, Side.Sell, 3_000_000, 1)));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 5, stp: SelfTradePrevention.DecrementAndCancel));
        Assert.That(OfType(events, EventType.OrderCancelled).Single().OrderId, Is.EqualTo(own));
        Assert.That(OfType(events, EventType.Trade).Single().MakerOrderId, Is.EqualTo(other));
        var resting = _d.Engine.EnumerateOrders().Single();
        Assert.That((resting.QuantityLots, resting.FilledLots, resting.RemainingLots), Is.EqualTo((3L, 1L, 2L)), "5 decremented by 2, then 1 filled");
        Assert.That(_d.Balance(1, Usdt).Locked, Is.EqualTo(2 * 3_000_000));
    }

    [Test]
    public void DecrementAndCancel_IncomingSurvivesAndRests_ReportsItsReducedQuantity()
    {
        var own = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 2)));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 5, stp: SelfTradePrevention.DecrementAndCancel));
        var taker = AcceptedId(events);
        var orderEvents = events.Where(e => e.Type is EventType.OrderAccepted or EventType.OrderAmended or EventType.OrderCancelled or EventType.Trade)
            .Select(e => (e.Type, e.OrderId, e.QuantityLots, e.FilledLots, e.RemainingLots, e.CancelReason));
        Assert.That(orderEvents, Is.EqualTo(new[]
        {
            (EventType.OrderAccepted, taker, 5L, 0L, 5L, CancelReason.None),
            (EventType.OrderCancelled, own, 0L, 0L, 0L, CancelReason.SelfTrade),
            (EventType.OrderAmended, taker, 3L, 0L, 3L, CancelReason.SelfTrade),
        }), "the resting order's event first, then the incoming order's reduction");
        var amended = OfType(events, EventType.OrderAmended).Single();
        Assert.That((amended.AccountId, amended.Side, amended.PriceTicks), Is.EqualTo((1L, Side.Buy, 3_000_000L)));
        var resting = _d.Engine.EnumerateOrders().Single();
        Assert.That((resting.OrderId, resting.QuantityLots, resting.RemainingLots), Is.EqualTo((taker, 3L, 3L)));
    }

    [Test]
    public void DecrementAndCancel_IncomingSurvivesAndKeepsMatching_AmendedBeforeItsTrade()
    {
        var own = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 2)));
        var other = AcceptedId(_d.Ok(Limit(2, Side.Sell, 3_000_000, 3)));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 5, stp: SelfTradePrevention.DecrementAndCancel));
        var taker = AcceptedId(events);
        var orderEvents = events.Where(e => e.Type is EventType.OrderAccepted or EventType.OrderAmended or EventType.OrderCancelled or EventType.Trade)
            .Select(e => (e.Type, e.OrderId, e.QuantityLots, e.FilledLots, e.RemainingLots, e.CancelReason, e.MakerOrderId));
        Assert.That(orderEvents, Is.EqualTo(new[]
        {
            (EventType.OrderAccepted, taker, 5L, 0L, 5L, CancelReason.None, 0L),
            (EventType.OrderCancelled, own, 0L, 0L, 0L, CancelReason.SelfTrade, 0L),
            (EventType.OrderAmended, taker, 3L, 0L, 3L, CancelReason.SelfTrade, 0L),
            (EventType.Trade, taker, 3L, 3L, 0L, CancelReason.None, other),
        }));
        Assert.That(_d.Engine.OpenOrderCount, Is.Zero);
    }

    [Test]
    public void DecrementAndCancel_EqualSizes_BothCancelled()
    {
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 2));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 2, stp: SelfTradePrevention.DecrementAndCancel));
        Assert.That(OfType(events, EventType.OrderCancelled), Has.Count.EqualTo(2));
        Assert.That(_d.Engine.OpenOrderCount, Is.Zero);
        Assert.That(_d.Balance(1, Btc).Locked + _d.Balance(1, Usdt).Locked, Is.Zero);
    }

    [Test]
    public void CancelMaker_MarketBuyThatCannotAffordALot_LeavesTheOwnOrder()
    {
        var own = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 2)));
        var events = _d.Ok(Market(1, Side.Buy, 0, quoteBudget: 2_999_999, stp: SelfTradePrevention.CancelMaker));
        Assert.That(OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.FundsExhausted));
        Assert.That(_d.Engine.EnumerateOrders().Single().OrderId, Is.EqualTo(own));
    }

    [Test]
    public void DecrementAndCancel_MarketBuy_DecrementsOnlyWhatItCouldAfford()
    {
        var own = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 5)));
        var events = _d.Ok(Market(1, Side.Buy, 0, quoteBudget: 6_000_000, stp: SelfTradePrevention.DecrementAndCancel));
        var amended = OfType(events, EventType.OrderAmended).Single();
        Assert.That((amended.OrderId, amended.RemainingLots), Is.EqualTo((own, 3L)), "2 lots were affordable");
    }

    [Test]
    public void FillOrKill_OwnOrderInTheWay_IsKilled()
    {
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 2));
        _d.Ok(Limit(2, Side.Sell, 3_000_000, 5));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 3, TimeInForce.FillOrKill, stp: SelfTradePrevention.CancelTaker));
        Assert.That(OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.FillOrKill));
        Assert.That(OfType(events, EventType.Trade), Is.Empty);
    }

    [Test]
    public void FillOrKill_CancelMakerSkipsOwnOrders_Fills()
    {
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 2));
        _d.Ok(Limit(2, Side.Sell, 3_000_000, 5));
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 3, TimeInForce.FillOrKill, stp: SelfTradePrevention.CancelMaker));
        Assert.That(OfType(events, EventType.Trade).Single().TradeLots, Is.EqualTo(3));
    }
}
