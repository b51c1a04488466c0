using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>Stop, take-profit and trailing stop orders, and their trigger cascade (issue 9, "Orders").</summary>
public sealed class ConditionalOrderTests
{
    private CoreDriver _d = null!;

    [SetUp]
    public void SetUp()
    {
        _d = new CoreDriver();
        for (var account = 1; account <= 4; account++)
        {
            _d.CreateFundedAccount(account);
        }
    }

    private static Command StopMarket(long account, Side side, long stop, long lots, TriggerType trigger = TriggerType.Stop) =>
        Market(account, side, lots) with { Trigger = trigger, StopPriceTicks = stop };

    private static Command StopLimit(long account, Side side, long stop, long price, long lots, TriggerType trigger = TriggerType.Stop) =>
        Limit(account, side, price, lots) with { Trigger = trigger, StopPriceTicks = stop };

    /// <summary>Account 1 sells, account 2 buys, one lot at <paramref name="price"/>.</summary>
    private List<EngineEvent> TradeAt(long price)
    {
        _d.Ok(Limit(1, Side.Sell, price, 1));
        return _d.Ok(Limit(2, Side.Buy, price, 1));
    }

    [Test]
    public void Order_views_list_waiting_orders_apart_and_show_an_icebergs_slice_only()
    {
        TradeAt(10_000);
        _d.Ok(StopLimit(3, Side.Buy, 10_100, 10_200, 4));
        _d.Ok(Market(3, Side.Sell, 2) with { Trigger = TriggerType.TrailingStop, TrailingOffsetTicks = 50 });
        _d.Ok(Limit(4, Side.Sell, 11_000, 10) with { DisplayLots = 3 });

        var waiting = _d.Engine.EnumerateWaitingOrders().ToList();
        var resting = _d.Engine.EnumerateOrders().Single();
        Assert.Multiple(() =>
        {
            Assert.That(waiting.Select(o => (o.Trigger, o.OrderType, o.StopPriceTicks, o.IsWaiting, o.ShownLots)), Is.EqualTo(new[]
            {
                (TriggerType.Stop, OrderType.Limit, 10_100L, true, 0L),
                (TriggerType.TrailingStop, OrderType.Market, 9_950L, true, 0L),
            }));
            Assert.That(waiting[1].TrailingOffsetTicks, Is.EqualTo(50));
            Assert.That((resting.DisplayLots, resting.ShownLots, resting.RemainingLots, resting.IsWaiting), Is.EqualTo((3L, 3L, 10L, false)));
        });
    }

    [Test]
    public void A_halted_account_cannot_amend_its_waiting_budget_buy()
    {
        var id = AcceptedId(_d.Ok(Market(1, Side.Buy, 0, quoteBudget: 1_000_000) with { Trigger = TriggerType.Stop, StopPriceTicks = 11_000 }));
        _d.Ok(Status(BtcUsdt, Reference.InstrumentStatus.Halted));
        _d.Ok(new Command { Type = CommandType.SetAccountStatus, AccountId = 1, InstrumentStatus = Reference.InstrumentStatus.Halted });
        _d.Ok(Status(BtcUsdt, Reference.InstrumentStatus.Trading));

        _d.Rejects(new Command { Type = CommandType.AmendOrder, AccountId = 1, OrderId = id, StopPriceTicks = 12_000 }, RejectReason.AccountHalted);
    }

    [Test]
    public void A_stop_waits_off_the_book_and_locks_what_it_will_need()
    {
        TradeAt(10_000);
        var before = _d.Balance(3, Btc);
        var events = _d.Ok(StopMarket(3, Side.Sell, 9_900, 5));

        var accepted = events.Single(e => e.Type == EventType.OrderAccepted);
        Assert.That(accepted.Trigger, Is.EqualTo(TriggerType.Stop));
        Assert.That(accepted.StopPriceTicks, Is.EqualTo(9_900));
        Assert.That(OfType(events, EventType.BookLevelChanged), Is.Empty, "a waiting order is not on the book");
        Assert.That(_d.Engine.EnumerateOrders(), Is.Empty);
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(1), "it is a live order");
        Assert.That(_d.Balance(3, Btc).Locked - before.Locked, Is.EqualTo(5 * 10_000L), "a sell stop locks its base");
    }

    [Test]
    public void A_sell_stop_triggers_on_a_trade_at_or_below_its_price_and_sells_into_the_book()
    {
        TradeAt(10_000);
        var stop = AcceptedId(_d.Ok(StopMarket(3, Side.Sell, 9_900, 2)));
        _d.Ok(Limit(4, Side.Buy, 9_950, 1));
        _d.Ok(Limit(4, Side.Buy, 9_800, 5));

        // A trade at 9,950 is above the stop: nothing.
        var above = _d.Ok(Market(1, Side.Sell, 1));
        Assert.That(OfType(above, EventType.OrderTriggered), Is.Empty);

        // A trade at 9,800 reaches it: it triggers and sells its 2 lots at 9,800.
        var events = _d.Ok(Market(1, Side.Sell, 1));
        var triggered = events.Single(e => e.Type == EventType.OrderTriggered);
        Assert.That(triggered.OrderId, Is.EqualTo(stop));
        Assert.That(triggered.OrderType, Is.EqualTo(OrderType.Market));
        var stopTrades = OfType(events, EventType.Trade).FindAll(t => t.OrderId == stop);
        Assert.That(stopTrades.Sum(t => t.TradeLots), Is.EqualTo(2));
        Assert.That(events.IndexOf(triggered), Is.GreaterThan(events.FindIndex(e => e.Type == EventType.Trade && e.AccountId == 1)),
            "the command's own order finishes matching before the triggered one enters");
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(1), "the stop is gone; the 9,800 bid has 2 lots left");
    }

    [Test]
    public void A_buy_stop_limit_triggers_at_or_above_and_rests_its_remainder_at_its_limit()
    {
        TradeAt(10_000);
        var stop = AcceptedId(_d.Ok(StopLimit(3, Side.Buy, 10_100, 10_150, 4)));
        _d.Ok(Limit(1, Side.Sell, 10_100, 1));
        var events = _d.Ok(Limit(2, Side.Buy, 10_100, 1));

        Assert.That(OfType(events, EventType.OrderTriggered).Single().OrderId, Is.EqualTo(stop));
        var resting = _d.Engine.EnumerateOrders().Single();
        Assert.That((resting.OrderId, resting.PriceTicks, resting.RemainingLots), Is.EqualTo((stop, 10_150L, 4L)));
    }

    [Test]
    public void Take_profit_triggers_in_the_other_direction()
    {
        TradeAt(10_000);
        var sellTp = AcceptedId(_d.Ok(StopLimit(3, Side.Sell, 10_200, 10_200, 1, TriggerType.TakeProfit)));
        var buyTp = AcceptedId(_d.Ok(StopLimit(4, Side.Buy, 9_800, 9_800, 1, TriggerType.TakeProfit)));

        var up = TradeAt(10_200);
        Assert.That(OfType(up, EventType.OrderTriggered).Select(e => e.OrderId), Is.EqualTo(new[] { sellTp }));
        var down = TradeAt(9_800);
        Assert.That(OfType(down, EventType.OrderTriggered).Select(e => e.OrderId), Is.EqualTo(new[] { buyTp }));
    }

    [Test]
    public void Stops_that_would_trigger_at_once_or_are_malformed_are_refused()
    {
        TradeAt(10_000);
        _d.Rejects(StopMarket(3, Side.Sell, 10_000, 1), RejectReason.WouldTriggerImmediately);
        _d.Rejects(StopMarket(3, Side.Buy, 9_999, 1), RejectReason.WouldTriggerImmediately);
        _d.Rejects(StopMarket(3, Side.Sell, 10_000, 1, TriggerType.TakeProfit), RejectReason.WouldTriggerImmediately);
        _d.Rejects(StopMarket(3, Side.Sell, 0, 1), RejectReason.InvalidTrigger);
        _d.Rejects(Limit(3, Side.Sell, 10_000, 1) with { StopPriceTicks = 9_000 }, RejectReason.InvalidTrigger);
        _d.Rejects(Limit(3, Side.Sell, 10_500, 1, postOnly: true) with { Trigger = TriggerType.Stop, StopPriceTicks = 9_000 }, RejectReason.InvalidTrigger);
        _d.Rejects(StopMarket(3, Side.Sell, 9_000, 1) with { Trigger = (TriggerType)9 }, RejectReason.InvalidTrigger);
        _d.Rejects(StopMarket(3, Side.Sell, 9_000, 1) with { TrailingOffsetTicks = 5 }, RejectReason.InvalidTrigger);
        _d.Rejects(StopMarket(3, Side.Sell, 9_000, 1_000_000_000), RejectReason.InsufficientFunds);
    }

    [Test]
    public void Before_the_first_trade_any_stop_price_is_accepted()
    {
        _d.Ok(StopMarket(3, Side.Sell, 50_000, 1));
        var events = TradeAt(10_000);
        Assert.That(OfType(events, EventType.OrderTriggered), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_cascade_runs_to_the_end_in_order_id_order_within_one_command()
    {
        TradeAt(10_000);

        // Bids at 9,900, 9,800, 9,700 (one lot each), and three sell stops: the first two
        // fire on the trade at 9,900, the third on the trade at 9,800 that the first makes.
        _d.Ok(Limit(4, Side.Buy, 9_900, 1));
        _d.Ok(Limit(4, Side.Buy, 9_800, 1));
        _d.Ok(Limit(4, Side.Buy, 9_700, 1));
        var s1 = AcceptedId(_d.Ok(StopMarket(3, Side.Sell, 9_900, 1)));
        var s2 = AcceptedId(_d.Ok(StopMarket(2, Side.Sell, 9_950, 1)));
        var s3 = AcceptedId(_d.Ok(StopMarket(3, Side.Sell, 9_800, 1)));

        var events = _d.Ok(Market(1, Side.Sell, 1));

        Assert.That(OfType(events, EventType.OrderTriggered).Select(e => e.OrderId), Is.EqualTo(new[] { s1, s2, s3 }));
        Assert.That(OfType(events, EventType.Trade).Select(t => (t.OrderId == 0 ? 0 : t.TradePriceTicks)),
            Is.EqualTo(new[] { 9_900L, 9_800L, 9_700L }));
        Assert.That(OfType(events, EventType.Trade).Skip(1).Select(t => t.OrderId), Is.EqualTo(new[] { s1, s2 }));
        Assert.That(OfType(events, EventType.OrderCancelled).Single(e => e.OrderId == s3).CancelReason,
            Is.EqualTo(CancelReason.ImmediateOrCancel), "the last one found no bid left");
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(0));
    }

    [Test]
    public void Stop_orders_can_be_cancelled_amended_and_mass_cancelled()
    {
        TradeAt(10_000);
        var stop = AcceptedId(_d.Ok(StopLimit(3, Side.Sell, 9_900, 9_850, 2) with { ClientOrderId = ClientOrderId.From("s-1") }));
        _d.Rejects(new Command { Type = CommandType.AmendOrder, AccountId = 3, OrderId = stop, StopPriceTicks = 10_000 }, RejectReason.WouldTriggerImmediately);
        var amended = _d.Ok(new Command { Type = CommandType.AmendOrder, AccountId = 3, OrderId = stop, StopPriceTicks = 9_500, PriceTicks = 9_450, QuantityLots = 3 });
        var e = amended.Single(x => x.Type == EventType.OrderAmended);
        Assert.That((e.StopPriceTicks, e.PriceTicks, e.QuantityLots), Is.EqualTo((9_500L, 9_450L, 3L)));
        Assert.That(_d.Balance(3, Btc).Locked, Is.EqualTo(3 * 10_000L));

        // The old stop price no longer fires it; the new one does.
        Assert.That(OfType(TradeAt(9_800), EventType.OrderTriggered), Is.Empty);
        _d.Ok(Cancel(3, 0, "s-1"));
        Assert.That(_d.Balance(3, Btc).Locked, Is.EqualTo(0));
        Assert.That(OfType(TradeAt(9_000), EventType.OrderTriggered), Is.Empty);

        _d.Ok(StopMarket(3, Side.Sell, 8_000, 1));
        var mass = _d.Ok(MassCancel(3));
        Assert.That(mass.Single(x => x.Type == EventType.MassCancelled).AffectedOrders, Is.EqualTo(1));
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(0));
    }

    [Test]
    public void A_stop_market_buy_by_quantity_locks_nothing_until_it_triggers()
    {
        TradeAt(10_000);
        var before = _d.Balance(3, Usdt);
        var stop = AcceptedId(_d.Ok(StopMarket(3, Side.Buy, 10_100, 2)));
        Assert.That(_d.Balance(3, Usdt), Is.EqualTo(before));

        _d.Ok(Limit(1, Side.Sell, 10_200, 5));
        var events = TradeAt(10_100);
        Assert.That(OfType(events, EventType.Trade).Single(t => t.OrderId == stop).TradePriceTicks, Is.EqualTo(10_200));
        Assert.That(_d.Balance(3, Usdt).Locked, Is.EqualTo(0), "what it did not spend is released");
    }

    [Test]
    public void A_triggered_stop_limit_outside_the_band_is_cancelled()
    {
        TradeAt(10_000);
        _d.Ok(new Command { Type = CommandType.SetPriceBand, InstrumentId = BtcUsdt, Amount = 100 });
        var stop = AcceptedId(_d.Ok(StopLimit(3, Side.Sell, 9_950, 9_000, 1)));
        var events = TradeAt(9_950);
        Assert.That(OfType(events, EventType.OrderCancelled).Single(e => e.OrderId == stop).CancelReason, Is.EqualTo(CancelReason.PriceBand));
    }

    [Test]
    public void A_trailing_sell_stop_follows_new_highs_and_fires_on_the_pullback()
    {
        TradeAt(10_000);
        _d.Rejects(Market(3, Side.Sell, 1) with { Trigger = TriggerType.TrailingStop }, RejectReason.InvalidTrigger);
        _d.Rejects(Market(3, Side.Sell, 1) with { Trigger = TriggerType.TrailingStop, TrailingOffsetTicks = 5, TrailingOffsetBps = 5 }, RejectReason.InvalidTrigger);
        _d.Rejects(Limit(3, Side.Sell, 9_000, 1) with { Trigger = TriggerType.TrailingStop, TrailingOffsetTicks = 5 }, RejectReason.InvalidTrigger);

        var trail = _d.Ok(Market(3, Side.Sell, 1) with { Trigger = TriggerType.TrailingStop, TrailingOffsetTicks = 200 });
        Assert.That(trail.Single(e => e.Type == EventType.OrderAccepted).StopPriceTicks, Is.EqualTo(9_800));

        TradeAt(10_500);
        Assert.That(OfType(TradeAt(10_301), EventType.OrderTriggered), Is.Empty, "the stop rose to 10,300");
        _d.Ok(Limit(4, Side.Buy, 10_000, 1));
        var events = TradeAt(10_300);
        var triggered = events.Single(e => e.Type == EventType.OrderTriggered);
        Assert.That(triggered.StopPriceTicks, Is.EqualTo(10_300));
    }

    [Test]
    public void A_trailing_buy_stop_in_basis_points_follows_new_lows()
    {
        _d.Rejects(Market(3, Side.Buy, 1) with { Trigger = TriggerType.TrailingStop, TrailingOffsetBps = 100 }, RejectReason.NoReferencePrice);
        TradeAt(10_000);
        var trail = _d.Ok(Market(3, Side.Buy, 1) with { Trigger = TriggerType.TrailingStop, TrailingOffsetBps = 100 });
        Assert.That(trail.Single(e => e.Type == EventType.OrderAccepted).StopPriceTicks, Is.EqualTo(10_100));

        TradeAt(9_000);
        Assert.That(OfType(TradeAt(9_089), EventType.OrderTriggered), Is.Empty, "the stop fell to 9,090");
        _d.Ok(Limit(1, Side.Sell, 9_500, 1));
        Assert.That(OfType(TradeAt(9_090), EventType.OrderTriggered), Has.Count.EqualTo(1));
    }

    [Test]
    public void Waiting_orders_survive_a_snapshot_with_their_trailing_state()
    {
        TradeAt(10_000);
        _d.Ok(Market(3, Side.Sell, 1) with { Trigger = TriggerType.TrailingStop, TrailingOffsetTicks = 200 });
        _d.Ok(StopLimit(4, Side.Buy, 10_400, 10_450, 2) with { TimeInForce = TimeInForce.GoodTillDate, ExpireTimeNs = _d.NowNs + 1_000_000 });
        TradeAt(10_300);

        using var stream = new MemoryStream();
        _d.Engine.WriteSnapshot(stream);
        stream.Position = 0;
        var copy = new CoreDriver(MatchingEngine.LoadSnapshot(stream), setUp: false);
        Assert.That(copy.Engine.ComputeStateHash(), Is.EqualTo(_d.Engine.ComputeStateHash()));

        // Both copies go on the same way: the trailing stop, now at 10,100, fires at 10,100.
        _d.Ok(Limit(4, Side.Buy, 9_000, 1));
        copy.Ok(Limit(4, Side.Buy, 9_000, 1));
        foreach (var driver in new[] { _d, copy })
        {
            driver.Ok(Limit(1, Side.Sell, 10_100, 1));
            var events = driver.Ok(Limit(2, Side.Buy, 10_100, 1));
            Assert.That(OfType(events, EventType.OrderTriggered), Has.Count.EqualTo(1));
        }

        Assert.That(copy.Engine.ComputeStateHash(), Is.EqualTo(_d.Engine.ComputeStateHash()));
    }
}
