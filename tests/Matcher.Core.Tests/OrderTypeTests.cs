using Matcher.Core.Commands;
using Matcher.Core.Events;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

public class OrderTypeTests
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
    public void Limit_NoCross_RestsAndReportsLevelAndLock()
    {
        var events = _d.Ok(Limit(1, Side.Buy, 3_000_000, 5));
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { EventType.OrderAccepted, EventType.BookLevelChanged, EventType.BalanceChanged }));
        Assert.That((events[1].Side, events[1].PriceTicks, events[1].LevelLots, events[1].LevelOrderCount), Is.EqualTo((Side.Buy, 3_000_000L, 5L, 1)));
        Assert.That(events[2].Locked, Is.EqualTo(15_000_000), "price x quantity x tick value");
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(1));
    }

    [Test]
    public void Limit_CrossingSeveralLevels_TradesBestPriceFirstThenRestsRemainder()
    {
        var a = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_200, 2)));
        var b = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_100, 3)));
        var c = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_100, 4)));
        var events = _d.Ok(Limit(2, Side.Buy, 3_000_200, 12));
        var trades = OfType(events, EventType.Trade);
        Assert.That(trades.Select(t => (t.MakerOrderId, t.TradePriceTicks, t.TradeLots)),
            Is.EqualTo(new[] { (b, 3_000_100L, 3L), (c, 3_000_100L, 4L), (a, 3_000_200L, 2L) }));
        Assert.That(trades.Select(t => t.RemainingLots), Is.EqualTo(new[] { 9L, 5L, 3L }));
        var resting = _d.Engine.EnumerateOrders().Single();
        Assert.That((resting.Side, resting.PriceTicks, resting.RemainingLots), Is.EqualTo((Side.Buy, 3_000_200L, 3L)));
        // The buyer locked at its limit and paid less on the 3,000,100 fills: the difference came back.
        Assert.That(_d.Balance(2, Btc).Available, Is.EqualTo(100_00000000 + (9 * 10_000)));
        Assert.That(_d.Balance(2, Usdt), Is.EqualTo((10_000_000_000000L - (7 * 3_000_100) - (2 * 3_000_200) - (3 * 3_000_200), 3 * 3_000_200L)));
    }

    [Test]
    public void Limit_SamePrice_OldestFillsFirst()
    {
        var first = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 2)));
        AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 2)));
        var trade = OfType(_d.Ok(Limit(2, Side.Sell, 3_000_000, 1)), EventType.Trade).Single();
        Assert.That(trade.MakerOrderId, Is.EqualTo(first));
        Assert.That(trade.Side, Is.EqualTo(Side.Sell), "aggressor side");
    }

    [Test]
    public void ImmediateOrCancel_Remainder_IsCancelledNotRested()
    {
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 2));
        var events = _d.Ok(Limit(2, Side.Buy, 3_000_000, 5, TimeInForce.ImmediateOrCancel));
        var cancel = OfType(events, EventType.OrderCancelled).Single();
        Assert.That((cancel.CancelReason, cancel.FilledLots, cancel.RemainingLots), Is.EqualTo((CancelReason.ImmediateOrCancel, 2L, 0L)));
        Assert.That(_d.Engine.OpenOrderCount, Is.Zero);
        Assert.That(_d.Balance(2, Usdt).Locked, Is.Zero);
    }

    [Test]
    public void FillOrKill_NotEnoughLiquidity_IsCancelledWithoutTrading()
    {
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 2));
        _d.Ok(Limit(1, Side.Sell, 3_000_500, 10));
        var events = _d.Ok(Limit(2, Side.Buy, 3_000_000, 3, TimeInForce.FillOrKill));
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { EventType.OrderAccepted, EventType.OrderCancelled }));
        Assert.That(events[1].CancelReason, Is.EqualTo(CancelReason.FillOrKill));
        Assert.That(_d.Engine.EnumerateOrders().Sum(o => o.RemainingLots), Is.EqualTo(12));
    }

    [Test]
    public void FillOrKill_EnoughLiquidity_FillsCompletely()
    {
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 2));
        _d.Ok(Limit(1, Side.Sell, 3_000_100, 2));
        var trades = OfType(_d.Ok(Limit(2, Side.Buy, 3_000_100, 3, TimeInForce.FillOrKill)), EventType.Trade);
        Assert.That(trades.Sum(t => t.TradeLots), Is.EqualTo(3));
    }

    [Test]
    public void Market_ByQuantity_SweepsUntilFilled()
    {
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 2));
        _d.Ok(Limit(1, Side.Sell, 3_100_000, 2));
        var events = _d.Ok(Market(2, Side.Buy, 3));
        Assert.That(OfType(events, EventType.Trade).Select(t => t.TradePriceTicks), Is.EqualTo(new[] { 3_000_000L, 3_100_000L }));
        Assert.That(OfType(events, EventType.OrderCancelled), Is.Empty);
        Assert.That(_d.Balance(2, Usdt), Is.EqualTo((10_000_000_000000L - (2 * 3_000_000) - 3_100_000, 0L)), "nothing stays locked");
    }

    [Test]
    public void Market_NoLiquidity_IsAcceptedThenCancelled()
    {
        var events = _d.Ok(Market(2, Side.Sell, 3));
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { EventType.OrderAccepted, EventType.OrderCancelled }), "locked and unlocked: no net balance change to report");
        Assert.That(events[1].CancelReason, Is.EqualTo(CancelReason.ImmediateOrCancel));
        Assert.That(_d.Balance(2, Btc), Is.EqualTo((100_00000000L, 0L)));
    }

    [Test]
    public void Market_BuyWithQuoteBudget_StopsWhenBudgetIsSpent()
    {
        _d.Ok(Limit(1, Side.Sell, 1_000_000, 100));
        var events = _d.Ok(Market(2, Side.Buy, 0, quoteBudget: 3_500_000));
        var trade = OfType(events, EventType.Trade).Single();
        Assert.That(trade.TradeLots, Is.EqualTo(3), "3.5 lots' worth: only whole lots");
        Assert.That(OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.FundsExhausted));
        Assert.That(_d.Balance(2, Usdt), Is.EqualTo((10_000_000_000000L - 3_000_000, 0L)));
    }

    [Test]
    public void Market_BuyByQuantity_LimitedByAvailableFunds()
    {
        _d.CreateFundedAccount(3, btcUnits: 0, usdtUnits: 2_500_000);
        _d.Ok(Limit(1, Side.Sell, 1_000_000, 100));
        var events = _d.Ok(Market(3, Side.Buy, 10));
        Assert.That(OfType(events, EventType.Trade).Single().TradeLots, Is.EqualTo(2));
        Assert.That(OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.FundsExhausted));
        Assert.That(_d.Balance(3, Usdt), Is.EqualTo((500_000L, 0L)));
    }

    [Test]
    public void PostOnly_WouldCross_IsRejected()
    {
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 2));
        _d.Rejects(Limit(2, Side.Buy, 3_000_000, 1, postOnly: true), RejectReason.PostOnlyWouldTake);
        var events = _d.Ok(Limit(2, Side.Buy, 2_999_999, 1, postOnly: true));
        Assert.That(OfType(events, EventType.Trade), Is.Empty);
    }

    [Test]
    public void GoodTillDate_ExpiresAtItsTimeAndNotBefore()
    {
        var expiry = _d.NowNs + 1_000;
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 2, TimeInForce.GoodTillDate, expireTimeNs: expiry)));
        Assert.That(_d.Run(Expire(expiry - 1)), Has.None.Matches<EngineEvent>(e => e.Type == EventType.OrderCancelled));
        var events = _d.Ok(Expire(expiry));
        var cancel = OfType(events, EventType.OrderCancelled).Single();
        Assert.That((cancel.OrderId, cancel.CancelReason), Is.EqualTo((id, CancelReason.Expired)));
        Assert.That(_d.Balance(1, Usdt).Locked, Is.Zero);
    }

    [Test]
    public void GoodTillDate_CancelledBeforeExpiry_TimerDoesNothing()
    {
        var expiry = _d.NowNs + 1_000;
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 2, TimeInForce.GoodTillDate, expireTimeNs: expiry)));
        _d.Ok(Cancel(1, id));
        Assert.That(_d.Run(Expire(expiry + 5)), Is.Empty);
    }

    [Test]
    public void GoodTillDate_PastItsTimeBeforeTheTimer_DoesNotTrade()
    {
        var expiry = _d.NowNs + 10;
        var stale = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 2, TimeInForce.GoodTillDate, expireTimeNs: expiry)));
        var fresh = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_100, 2)));
        var events = _d.Ok(Limit(2, Side.Buy, 3_000_100, 2) with { TimestampNs = expiry + 1 });
        Assert.That(OfType(events, EventType.OrderCancelled).Single().OrderId, Is.EqualTo(stale));
        Assert.That(OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.Expired));
        Assert.That(OfType(events, EventType.Trade).Single().MakerOrderId, Is.EqualTo(fresh));
    }

    [Test]
    public void GoodTillDate_CancelledBeforeExpiry_DoesNotGrowTheQueueWithoutBound()
    {
        var expiry = _d.NowNs + 3_600_000_000_000;
        for (var i = 0; i < 20_000; i++)
        {
            var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 2_000_000, 1, TimeInForce.GoodTillDate, expireTimeNs: expiry)));
            _d.Ok(Cancel(1, id));
        }

        Assert.That(_d.Engine.ExpiryQueueLength, Is.LessThanOrEqualTo(1_025));
        var kept = AcceptedId(_d.Ok(Limit(1, Side.Buy, 2_000_000, 1, TimeInForce.GoodTillDate, expireTimeNs: expiry)));
        Assert.That(OfType(_d.Ok(Expire(expiry)), EventType.OrderCancelled).Single().OrderId, Is.EqualTo(kept));
    }

    [Test]
    public void GoodTillDate_SameExpiry_ExpiresInOrderIdOrder()
    {
        var expiry = _d.NowNs + 1_000;
        var first = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 2, TimeInForce.GoodTillDate, expireTimeNs: expiry)));
        var second = AcceptedId(_d.Ok(Limit(2, Side.Buy, 2_000_000, 2, TimeInForce.GoodTillDate, expireTimeNs: expiry)));
        var cancels = OfType(_d.Ok(Expire(expiry)), EventType.OrderCancelled);
        Assert.That(cancels.Select(c => c.OrderId), Is.EqualTo(new[] { first, second }));
    }
}
