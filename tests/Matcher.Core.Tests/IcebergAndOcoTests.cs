using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>Icebergs and one-cancels-other pairs (issue 9, "Orders").</summary>
public sealed class IcebergAndOcoTests
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

    private static Command Iceberg(long account, Side side, long price, long lots, long display) =>
        Limit(account, side, price, lots) with { DisplayLots = display };

    private static Command Oco(Command order, long partnerId) =>
        order with { Contingency = ContingencyType.OneCancelsOther, LinkedOrderId = partnerId };

    [Test]
    public void An_iceberg_shows_only_its_display_quantity()
    {
        var events = _d.Ok(Iceberg(1, Side.Sell, 10_000, 10, 3));
        var level = events.Single(e => e.Type == EventType.BookLevelChanged);
        Assert.That((level.LevelLots, level.LevelOrderCount), Is.EqualTo((3L, 1)));
        Assert.That(events.Single(e => e.Type == EventType.OrderAccepted).DisplayLots, Is.EqualTo(3));
        Assert.That(_d.Balance(1, Btc).Locked, Is.EqualTo(10 * 10_000L), "the whole order is locked");
    }

    [Test]
    public void A_refill_goes_to_the_back_of_its_level()
    {
        var iceberg = AcceptedId(_d.Ok(Iceberg(1, Side.Sell, 10_000, 10, 3)));
        var plain = AcceptedId(_d.Ok(Limit(2, Side.Sell, 10_000, 2)));

        // 3 lots use up the visible slice; the refill queues behind the plain order.
        var first = _d.Ok(Market(3, Side.Buy, 3));
        Assert.That(OfType(first, EventType.Trade).Select(t => (t.MakerOrderId, t.TradeLots)), Is.EqualTo(new[] { (iceberg, 3L) }));
        Assert.That(OfType(first, EventType.BookLevelChanged), Is.Empty, "still 2 plain + a new slice of 3: the level looks the same");

        var second = _d.Ok(Market(3, Side.Buy, 4));
        Assert.That(OfType(second, EventType.Trade).Select(t => (t.MakerOrderId, t.TradeLots)),
            Is.EqualTo(new[] { (plain, 2L), (iceberg, 2L) }));
    }

    [Test]
    public void An_incoming_order_keeps_taking_refilled_slices_and_the_iceberg_fills_in_full()
    {
        var iceberg = AcceptedId(_d.Ok(Iceberg(1, Side.Sell, 10_000, 7, 3)));
        var events = _d.Ok(Limit(3, Side.Buy, 10_000, 8));
        Assert.That(OfType(events, EventType.Trade).Select(t => t.TradeLots), Is.EqualTo(new[] { 3L, 3L, 1L }));
        Assert.That(OfType(events, EventType.Trade).Last().MakerRemainingLots, Is.EqualTo(0));
        var bid = _d.Engine.EnumerateOrders().Single();
        Assert.That((bid.Side, bid.RemainingLots), Is.EqualTo((Side.Buy, 1L)));
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(1), $"iceberg {iceberg} is gone");
    }

    [Test]
    public void An_incoming_iceberg_trades_its_whole_quantity_then_rests_a_slice()
    {
        _d.Ok(Limit(1, Side.Sell, 10_000, 4));
        var events = _d.Ok(Iceberg(3, Side.Buy, 10_000, 10, 2));
        Assert.That(OfType(events, EventType.Trade).Single().TradeLots, Is.EqualTo(4));
        var bid = OfType(events, EventType.BookLevelChanged).Single(e => e.Side == Side.Buy);
        Assert.That(bid.LevelLots, Is.EqualTo(2));
    }

    [Test]
    public void Amending_an_iceberg_down_shrinks_its_slice_only_when_needed()
    {
        var iceberg = AcceptedId(_d.Ok(Iceberg(1, Side.Sell, 10_000, 10, 3)));
        Assert.That(_d.Ok(Amend(1, iceberg, quantityLots: 5)).Where(e => e.Type == EventType.BookLevelChanged), Is.Empty);
        var events = _d.Ok(Amend(1, iceberg, quantityLots: 2));
        Assert.That(events.Single(e => e.Type == EventType.BookLevelChanged).LevelLots, Is.EqualTo(2));
    }

    [Test]
    public void Bad_display_quantities_are_refused()
    {
        _d.Rejects(Iceberg(1, Side.Sell, 10_000, 10, -1), RejectReason.InvalidOrderOption);
        _d.Rejects(Iceberg(1, Side.Sell, 10_000, 10, 3) with { TimeInForce = TimeInForce.ImmediateOrCancel }, RejectReason.InvalidOrderOption);
        _d.Rejects(Market(1, Side.Sell, 10) with { DisplayLots = 3 }, RejectReason.InvalidOrderOption);
    }

    [Test]
    public void A_fill_of_one_leg_cancels_the_other()
    {
        var takeProfit = AcceptedId(_d.Ok(Limit(3, Side.Sell, 11_000, 2)));
        _d.Ok(Limit(1, Side.Sell, 10_000, 1));
        _d.Ok(Limit(2, Side.Buy, 10_000, 1));
        var stopLoss = AcceptedId(_d.Ok(Oco(Market(3, Side.Sell, 2) with { Trigger = TriggerType.Stop, StopPriceTicks = 9_000 }, takeProfit)));

        var events = _d.Ok(Limit(4, Side.Buy, 11_000, 1));
        var cancelled = events.Single(e => e.Type == EventType.OrderCancelled);
        Assert.That((cancelled.OrderId, cancelled.CancelReason), Is.EqualTo((stopLoss, CancelReason.Contingency)));
        Assert.That(_d.Balance(3, Btc).Locked, Is.EqualTo(10_000L), "one lot of the take-profit is left locked");
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(1));
    }

    [Test]
    public void Cancelling_one_leg_cancels_the_other_and_reports_the_partner()
    {
        var first = AcceptedId(_d.Ok(Limit(3, Side.Buy, 9_000, 1, clientId: "a")));
        var accepted = _d.Ok(Oco(Limit(3, Side.Sell, 11_000, 1), 0) with { LinkedClientOrderId = ClientOrderId.From("a") })
            .Single(e => e.Type == EventType.OrderAccepted);
        Assert.That(accepted.LinkedOrderId, Is.EqualTo(first));

        var events = _d.Ok(Cancel(3, first));
        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => (e.OrderId, e.CancelReason)),
            Is.EqualTo(new[] { (first, CancelReason.User), (accepted.OrderId, CancelReason.Contingency) }));
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(0));
    }

    [Test]
    public void An_unfilled_ioc_leg_cancels_its_partner()
    {
        var resting = AcceptedId(_d.Ok(Limit(3, Side.Buy, 9_000, 1)));
        var events = _d.Ok(Oco(Limit(3, Side.Sell, 11_000, 1, TimeInForce.ImmediateOrCancel), resting));
        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => e.CancelReason),
            Is.EqualTo(new[] { CancelReason.ImmediateOrCancel, CancelReason.Contingency }));
    }

    [Test]
    public void A_partner_in_the_middle_of_a_sweep_is_cancelled_before_the_sweep_reaches_it()
    {
        // Account 3 asks at 10,000 and, tied to it, at 10,100: a buyer sweeping both levels
        // fills the first and finds the second gone.
        var near = AcceptedId(_d.Ok(Limit(3, Side.Sell, 10_000, 1)));
        var far = AcceptedId(_d.Ok(Oco(Limit(3, Side.Sell, 10_100, 1), near)));
        _d.Ok(Limit(1, Side.Sell, 10_200, 1));
        var events = _d.Ok(Limit(4, Side.Buy, 10_200, 2));
        Assert.That(OfType(events, EventType.Trade).Select(t => t.MakerOrderId), Does.Not.Contain(far));
        Assert.That(OfType(events, EventType.OrderCancelled).Single().OrderId, Is.EqualTo(far));
        Assert.That(OfType(events, EventType.Trade).Select(t => t.TradePriceTicks), Is.EqualTo(new[] { 10_000L, 10_200L }));
    }

    [Test]
    public void A_mass_cancel_covering_both_legs_cancels_each_for_its_own_reason_once()
    {
        var first = AcceptedId(_d.Ok(Limit(1, Side.Sell, 10_100, 1)));
        _d.Ok(Oco(Limit(1, Side.Sell, 10_200, 1), first));
        _d.Ok(Limit(1, Side.Buy, 9_000, 1));

        var events = _d.Ok(MassCancel(1));

        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => e.CancelReason), Is.EqualTo(new[] { CancelReason.MassCancel, CancelReason.MassCancel, CancelReason.MassCancel }));
        Assert.That(events.Single(e => e.Type == EventType.MassCancelled).AffectedOrders, Is.EqualTo(3));
        Assert.That(_d.Engine.OpenOrderCount, Is.Zero);
    }

    [Test]
    public void A_mass_cancel_of_one_side_takes_the_partner_on_the_other_side_as_a_contingency()
    {
        var sell = AcceptedId(_d.Ok(Limit(1, Side.Sell, 10_100, 1)));
        var buy = AcceptedId(_d.Ok(Oco(Limit(1, Side.Buy, 9_900, 1), sell)));
        _d.Ok(Limit(1, Side.Sell, 10_300, 1));

        var events = _d.Ok(MassCancel(1, BtcUsdt, Side.Sell));

        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => (e.OrderId, e.CancelReason)), Is.EqualTo(new[]
        {
            (sell, CancelReason.MassCancel),
            (buy, CancelReason.Contingency),
            (sell + 2, CancelReason.MassCancel),
        }));
        Assert.That(events.Single(e => e.Type == EventType.MassCancelled).AffectedOrders, Is.EqualTo(2), "the partner is not one the mass cancel chose");
        Assert.That(_d.Engine.OpenOrderCount, Is.Zero);
    }

    [Test]
    public void The_kill_switch_with_a_linked_pair_cancels_everything()
    {
        var first = AcceptedId(_d.Ok(Limit(1, Side.Sell, 10_100, 1)));
        _d.Ok(Oco(Limit(1, Side.Sell, 10_200, 1), first));

        _d.Ok(new Command { Type = CommandType.SetAccountStatus, AccountId = 1, InstrumentStatus = InstrumentStatus.Halted });

        Assert.That(_d.Engine.OpenOrderCount, Is.Zero);
    }

    [Test]
    public void An_amend_that_crosses_into_its_expired_partner_keeps_matching_and_only_loses_the_tie()
    {
        var partner = AcceptedId(_d.Ok(Limit(1, Side.Buy, 9_900, 1, TimeInForce.GoodTillDate, expireTimeNs: _d.NowNs + 3)));
        var amended = AcceptedId(_d.Ok(Oco(Limit(1, Side.Sell, 10_100, 1), partner)));
        _d.Ok(Limit(2, Side.Buy, 9_800, 1));
        _d.Ok(Limit(2, Side.Buy, 9_700, 1));

        var events = _d.Ok(Amend(1, amended, priceTicks: 9_800));

        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => (e.OrderId, e.CancelReason)), Is.EqualTo(new[] { (partner, CancelReason.Expired) }));
        Assert.That(OfType(events, EventType.Trade).Single().OrderId, Is.EqualTo(amended), "the amended order, now a taker, trades on");
    }

    [Test]
    public void An_amend_that_meets_its_own_partner_with_cancel_maker_cancels_the_partner_and_rests()
    {
        var partner = AcceptedId(_d.Ok(Limit(1, Side.Buy, 9_900, 1)));
        var amended = AcceptedId(_d.Ok(Oco(Limit(1, Side.Sell, 10_100, 1, stp: SelfTradePrevention.CancelMaker), partner)));

        var events = _d.Ok(Amend(1, amended, priceTicks: 9_900));

        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => (e.OrderId, e.CancelReason)), Is.EqualTo(new[] { (partner, CancelReason.SelfTrade) }));
        Assert.That(_d.Engine.EnumerateOrders().Single().OrderId, Is.EqualTo(amended));
    }

    [Test]
    public void Bad_links_are_refused()
    {
        var own = AcceptedId(_d.Ok(Limit(3, Side.Buy, 9_000, 1)));
        var others = AcceptedId(_d.Ok(Limit(4, Side.Buy, 9_000, 1)));
        _d.Rejects(Oco(Limit(3, Side.Sell, 11_000, 1), others), RejectReason.UnknownLinkedOrder);
        _d.Rejects(Oco(Limit(3, Side.Sell, 11_000, 1), 999), RejectReason.UnknownLinkedOrder);
        _d.Rejects(Oco(Limit(3, Side.Sell, 11_000, 1), 0), RejectReason.InvalidContingency);
        _d.Rejects(Limit(3, Side.Sell, 11_000, 1) with { LinkedOrderId = own }, RejectReason.InvalidContingency);
        _d.Rejects(Oco(Limit(3, Side.Sell, 11_000, 1), own) with { Contingency = (ContingencyType)7 }, RejectReason.InvalidContingency);
        _d.Ok(Oco(Limit(3, Side.Sell, 11_000, 1), own));
        _d.Rejects(Oco(Limit(3, Side.Sell, 12_000, 1), own), RejectReason.InvalidContingency);
    }

    [Test]
    public void Icebergs_and_links_survive_a_snapshot()
    {
        var iceberg = AcceptedId(_d.Ok(Iceberg(1, Side.Sell, 10_000, 10, 3)));
        _d.Ok(Market(3, Side.Buy, 2));
        _d.Ok(Oco(Limit(1, Side.Buy, 9_000, 1), iceberg));

        using var stream = new MemoryStream();
        _d.Engine.WriteSnapshot(stream);
        stream.Position = 0;
        var copy = new CoreDriver(MatchingEngine.LoadSnapshot(stream), setUp: false);
        foreach (var driver in new[] { _d, copy })
        {
            var events = driver.Ok(Market(3, Side.Buy, 2));
            Assert.That(OfType(events, EventType.Trade).Select(t => t.TradeLots), Is.EqualTo(new[] { 1L, 1L }), "the slice of 1, then a refill");
            Assert.That(OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.Contingency));
        }

        Assert.That(copy.Engine.ComputeStateHash(), Is.EqualTo(_d.Engine.ComputeStateHash()));
    }
}
