using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>Market-maker quotes and protection, and the circuit breaker (issue 9).</summary>
public sealed class QuoteAndBreakerTests
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

    private static Command Quote(long account, long bid, long bidLots, long ask, long askLots, string id = "q") => new()
    {
        Type = CommandType.Quote,
        AccountId = account,
        InstrumentId = BtcUsdt,
        ClientOrderId = ClientOrderId.From(id),
        PriceTicks = bid,
        QuantityLots = bidLots,
        AskPriceTicks = ask,
        AskQuantityLots = askLots,
    };

    private static Command Protection(long account, long windowNs, long lots, int fills) => new()
    {
        Type = CommandType.SetMarketMakerProtection,
        AccountId = account,
        WindowNs = windowNs,
        QuantityLots = lots,
        MaxFills = fills,
    };

    private static Command Breaker(long bps, long windowNs) =>
        new() { Type = CommandType.SetCircuitBreaker, InstrumentId = BtcUsdt, Amount = bps, WindowNs = windowNs };

    [Test]
    public void A_quote_places_both_legs_and_the_next_replaces_them_atomically()
    {
        var first = _d.Ok(Quote(1, 9_900, 5, 10_100, 5));
        var ack = first.Single(e => e.Type == EventType.QuoteAccepted);
        Assert.That(ack.OrderId, Is.Not.Zero);
        Assert.That(ack.AskOrderId, Is.Not.Zero);
        Assert.That(OfType(first, EventType.OrderAccepted).All(e => e.IsQuote && e.ClientOrderId == ClientOrderId.From("q")));

        var second = _d.Ok(Quote(1, 9_950, 3, 10_050, 3, "q2"));
        Assert.That(OfType(second, EventType.OrderCancelled).Select(e => (e.OrderId, e.CancelReason)),
            Is.EqualTo(new[] { (ack.OrderId, CancelReason.QuoteReplaced), (ack.AskOrderId, CancelReason.QuoteReplaced) }));
        var book = _d.Engine.EnumerateOrders().Select(o => (o.Side, o.PriceTicks, o.RemainingLots)).ToList();
        Assert.That(book, Is.EqualTo(new[] { (Side.Buy, 9_950L, 3L), (Side.Sell, 10_050L, 3L) }));
        Assert.That(_d.Balance(1, Btc).Locked, Is.EqualTo(3 * 10_000L));
        Assert.That(_d.Balance(1, Usdt).Locked, Is.EqualTo(9_950L * 3));
    }

    [Test]
    public void A_bad_quote_changes_nothing_and_the_previous_quote_stays()
    {
        _d.Ok(Quote(1, 9_900, 5, 10_100, 5));
        _d.Rejects(Quote(1, 10_100, 5, 10_100, 5), RejectReason.InvalidQuote);
        _d.Rejects(Quote(1, 9_900, 0, 10_100, 5), RejectReason.InvalidQuote);
        _d.Rejects(Quote(1, 0, 5, 10_100, 5), RejectReason.InvalidQuote);
        _d.Rejects(Quote(1, 9_900, -1, 10_100, 5), RejectReason.InvalidQuantity);
        _d.Rejects(Quote(1, 9_900, 5, 10_100, 1_000_000_000), RejectReason.InsufficientFunds);
        _d.Rejects(Quote(99, 9_900, 5, 10_100, 5), RejectReason.UnknownAccount);
        _d.Rejects(Quote(1, 9_900, 5, 10_100, 5) with { InstrumentId = 9 }, RejectReason.UnknownInstrument);
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(2));
    }

    [Test]
    public void Funds_count_what_the_previous_legs_release()
    {
        _d.Ok(CreateAccount(7));
        _d.Ok(Deposit(7, Btc, 5 * 10_000L));
        _d.Ok(Quote(7, 0, 0, 10_100, 5));
        _d.Ok(Quote(7, 0, 0, 10_050, 5));
        _d.Rejects(Quote(7, 0, 0, 10_050, 6), RejectReason.InsufficientFunds);
    }

    [Test]
    public void A_quote_with_no_legs_withdraws_the_previous_one()
    {
        _d.Ok(Quote(1, 9_900, 5, 10_100, 5));
        var events = _d.Ok(Quote(1, 0, 0, 0, 0));
        Assert.That(OfType(events, EventType.OrderCancelled), Has.Count.EqualTo(2));
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(0));
    }

    [Test]
    public void Withdrawing_a_quote_is_a_cancel_so_cancel_only_and_a_halted_account_allow_it_and_a_halt_does_not()
    {
        _d.Ok(Quote(1, 9_900, 5, 10_100, 5));
        _d.Ok(Status(BtcUsdt, InstrumentStatus.CancelOnly));
        _d.Rejects(Quote(1, 9_800, 5, 10_200, 5), RejectReason.InstrumentCancelOnly);
        Assert.That(OfType(_d.Ok(Quote(1, 0, 0, 0, 0)), EventType.OrderCancelled), Has.Count.EqualTo(2));

        _d.Ok(Status(BtcUsdt, InstrumentStatus.Trading));
        _d.Ok(Quote(2, 9_900, 5, 10_100, 5));
        _d.Ok(new Command { Type = CommandType.SetAccountStatus, AccountId = 2, InstrumentStatus = InstrumentStatus.Halted });
        _d.Ok(Quote(2, 0, 0, 0, 0));
        _d.Ok(Quote(3, 9_900, 5, 10_100, 5));
        _d.Ok(Status(BtcUsdt, InstrumentStatus.Halted));
        _d.Rejects(Quote(3, 0, 0, 0, 0), RejectReason.InstrumentHalted);
        Assert.That(_d.Engine.EnumerateOrders().Select(o => o.AccountId), Is.EqualTo(new[] { 3L, 3L }));
    }

    [Test]
    public void Quote_legs_change_only_by_the_next_quote()
    {
        _d.Ok(Limit(1, Side.Sell, 20_000, 1, clientId: "q"));
        var quote = _d.Ok(Quote(1, 9_900, 5, 10_100, 5)).Single(e => e.Type == EventType.QuoteAccepted);

        _d.Rejects(Amend(1, quote.OrderId, priceTicks: 10_000), RejectReason.InvalidQuote);
        _d.Rejects(new Command { Type = CommandType.CancelReplace, AccountId = 1, OrderId = quote.OrderId, NewClientOrderId = ClientOrderId.From("z") }, RejectReason.InvalidQuote);
        var cancelled = _d.Ok(Cancel(1, 0, "q"));

        Assert.That(OfType(cancelled, EventType.OrderCancelled).Single().IsQuote, Is.False, "the ordinary order keeps its client order id");
    }

    [Test]
    public void A_fill_or_kill_that_would_need_a_trade_beyond_the_breaker_does_not_trade()
    {
        _d.Ok(Limit(2, Side.Sell, 10_000, 1));
        _d.Ok(Limit(3, Side.Buy, 10_000, 1));
        _d.Ok(Breaker(100, 1_000_000_000_000));
        _d.Ok(Limit(2, Side.Sell, 10_000, 1));
        _d.Ok(Limit(2, Side.Sell, 10_500, 1));

        var events = _d.Ok(Limit(3, Side.Buy, 10_500, 2, TimeInForce.FillOrKill));

        Assert.That(OfType(events, EventType.Trade), Is.Empty);
        Assert.That(OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.FillOrKill));
        Assert.That(OfType(events, EventType.InstrumentStatusChanged), Is.Empty, "nothing reached the breaker");
    }

    [Test]
    public void A_fill_or_kill_on_a_fresh_instrument_measures_the_breaker_from_its_first_level()
    {
        _d.Ok(Breaker(100, 1_000_000_000_000));
        _d.Ok(Limit(2, Side.Sell, 10_000, 1));
        _d.Ok(Limit(2, Side.Sell, 10_500, 1));

        var events = _d.Ok(Limit(3, Side.Buy, 10_500, 2, TimeInForce.FillOrKill));

        Assert.That(OfType(events, EventType.Trade), Is.Empty);
    }

    [Test]
    public void An_amended_quote_leg_that_trips_the_protection_is_refused_before_it_moves()
    {
        _d.Ok(Protection(1, 1_000_000_000, 1, 0));
        var quote = _d.Ok(Quote(1, 9_900, 5, 10_100, 5)).Single(e => e.Type == EventType.QuoteAccepted);
        _d.Ok(Limit(2, Side.Sell, 10_000, 5));

        _d.Rejects(Amend(1, quote.OrderId, priceTicks: 10_000), RejectReason.InvalidQuote);

        Assert.That(_d.Engine.EnumerateOrders().Count(), Is.EqualTo(3));
    }

    [Test]
    public void A_crossing_quote_leg_trades_as_a_taker()
    {
        _d.Ok(Limit(2, Side.Sell, 9_900, 2));
        var events = _d.Ok(Quote(1, 9_900, 5, 10_100, 5));
        Assert.That(OfType(events, EventType.Trade).Single().TradeLots, Is.EqualTo(2));
        Assert.That(_d.Engine.EnumerateOrders().Select(o => o.RemainingLots), Is.EqualTo(new[] { 3L, 5L }));
    }

    [Test]
    public void Protection_trips_on_quantity_pulls_every_quote_and_refuses_new_ones_until_reset()
    {
        _d.Ok(Protection(1, 1_000_000_000, lots: 4, fills: 0));
        _d.Ok(Quote(1, 9_900, 3, 10_100, 3));
        _d.Ok(Limit(1, Side.Buy, 9_000, 1)); // an ordinary order: not a quote

        _d.Ok(Market(2, Side.Sell, 3));
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(2), "3 lots do not exceed 4");
        var events = _d.Ok(Market(3, Side.Buy, 2));

        var tripped = events.Single(e => e.Type == EventType.MarketMakerProtectionUpdated);
        Assert.That(tripped.InstrumentStatus, Is.EqualTo(InstrumentStatus.Halted));
        Assert.That(OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.MarketMakerProtection));
        Assert.That(_d.Engine.EnumerateOrders().Single().PriceTicks, Is.EqualTo(9_000), "the ordinary order stays");
        _d.Rejects(Quote(1, 9_900, 3, 10_100, 3), RejectReason.MarketMakerProtection);

        _d.Ok(new Command { Type = CommandType.ResetMarketMakerProtection, AccountId = 1 });
        _d.Ok(Quote(1, 9_900, 3, 10_100, 3));
    }

    [Test]
    public void Protection_trips_in_the_middle_of_a_sweep_so_the_sweep_misses_the_other_legs()
    {
        _d.Ok(Protection(1, 1_000_000_000, lots: 0, fills: 1));
        _d.Ok(Quote(1, 9_900, 1, 10_000, 1));
        _d.Ok(new Command { Type = CommandType.Quote, AccountId = 1, InstrumentId = BtcUsdt, AskPriceTicks = 10_001, AskQuantityLots = 1 } with { PriceTicks = 9_000, QuantityLots = 1 });
        _d.Ok(Limit(4, Side.Sell, 10_002, 5));

        // The first fill is allowed, the second trips it: the quotes left go at once, and the
        // buyer's sweep goes on to account 4's ask.
        var events = _d.Ok(Limit(3, Side.Buy, 10_002, 2));
        Assert.That(OfType(events, EventType.Trade).Select(t => t.MakerAccountId), Is.EqualTo(new[] { 1L, 4L }));
    }

    [Test]
    public void Protection_counts_fills_in_windows()
    {
        _d.Ok(Protection(1, windowNs: 10, lots: 0, fills: 1));
        _d.Ok(Quote(1, 9_900, 10, 10_100, 10));
        _d.Ok(Market(2, Side.Sell, 1));
        _d.Ok(Market(2, Side.Sell, 1) with { TimestampNs = _d.NowNs + 100 });
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(2), "one fill per window");
        _d.Ok(Market(2, Side.Sell, 1) with { TimestampNs = _d.NowNs + 101 });
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(0));
    }

    [Test]
    public void Quote_legs_cannot_be_linked_and_bad_protection_is_refused()
    {
        var ack = _d.Ok(Quote(1, 9_900, 1, 10_100, 1)).Single(e => e.Type == EventType.QuoteAccepted);
        _d.Rejects(Limit(1, Side.Sell, 11_000, 1) with { Contingency = ContingencyType.OneCancelsOther, LinkedOrderId = ack.OrderId }, RejectReason.InvalidContingency);
        _d.Rejects(Protection(1, -1, 1, 1), RejectReason.InvalidLimit);
        _d.Rejects(Protection(99, 1, 1, 1), RejectReason.UnknownAccount);
    }

    [Test]
    public void The_circuit_breaker_stops_a_trade_beyond_its_limit_and_leaves_the_instrument_cancel_only()
    {
        _d.Ok(Limit(1, Side.Sell, 10_000, 1));
        _d.Ok(Limit(2, Side.Buy, 10_000, 1));
        _d.Ok(Breaker(500, 1_000_000_000));
        _d.Ok(Limit(1, Side.Sell, 10_400, 1));
        _d.Ok(Limit(1, Side.Sell, 10_600, 1));

        var events = _d.Ok(Limit(2, Side.Buy, 10_600, 3));
        Assert.That(OfType(events, EventType.Trade).Single().TradePriceTicks, Is.EqualTo(10_400));
        var halted = events.Single(e => e.Type == EventType.InstrumentStatusChanged);
        Assert.That((halted.InstrumentStatus, halted.CancelReason), Is.EqualTo((InstrumentStatus.CancelOnly, CancelReason.CircuitBreaker)));
        Assert.That(events.Single(e => e.Type == EventType.OrderCancelled).CancelReason, Is.EqualTo(CancelReason.CircuitBreaker));

        _d.Rejects(Limit(2, Side.Buy, 10_600, 1), RejectReason.InstrumentCancelOnly);
        var resting = _d.Engine.EnumerateOrders().Single();
        _d.Ok(Cancel(1, resting.OrderId));

        _d.Ok(Status(BtcUsdt, InstrumentStatus.Trading));
        _d.Ok(Limit(1, Side.Sell, 10_600, 1));
        Assert.That(OfType(_d.Ok(Limit(2, Side.Buy, 10_600, 1)), EventType.Trade), Has.Count.EqualTo(1),
            "after the resume a new window starts from the last trade, 10,400");
    }

    [Test]
    public void The_breaker_reference_moves_with_each_new_window()
    {
        _d.Ok(Limit(1, Side.Sell, 10_000, 1));
        _d.Ok(Limit(2, Side.Buy, 10_000, 1));
        _d.Ok(Breaker(500, 10));
        var later = 0L;
        foreach (var price in new[] { 10_400L, 10_800, 11_200 })
        {
            _d.Ok(Limit(1, Side.Sell, price, 1));
            later += 1_000;
            var events = _d.Ok(Limit(2, Side.Buy, price, 1) with { TimestampNs = _d.NowNs + later });
            Assert.That(OfType(events, EventType.Trade), Has.Count.EqualTo(1), $"{price} is within 5% of the window's reference");
        }

        _d.Ok(Limit(1, Side.Sell, 11_800, 1));
        Assert.That(OfType(_d.Ok(Limit(2, Side.Buy, 11_800, 1) with { TimestampNs = _d.NowNs + later }), EventType.Trade), Is.Empty,
            "within the window that began at 11,200, 11,800 is more than 5% away");
        _d.Rejects(Breaker(-1, 10), RejectReason.InvalidLimit);
        _d.Rejects(Breaker(100, 0), RejectReason.InvalidLimit);
    }

    [Test]
    public void Stops_queued_when_the_breaker_trips_wait_again()
    {
        _d.Ok(Limit(1, Side.Sell, 10_000, 1));
        _d.Ok(Limit(2, Side.Buy, 10_000, 1));
        _d.Ok(Breaker(300, 1_000_000_000));
        _d.Ok(Limit(4, Side.Buy, 9_900, 1));
        _d.Ok(Limit(4, Side.Buy, 9_500, 1));
        var first = AcceptedId(_d.Ok(Market(3, Side.Sell, 1) with { Trigger = TriggerType.Stop, StopPriceTicks = 9_900 }));
        var second = AcceptedId(_d.Ok(Market(3, Side.Sell, 1) with { Trigger = TriggerType.Stop, StopPriceTicks = 9_900 }));

        // The trade at 9,900 fires both; the first would sell at 9,500, 5% off: the breaker trips.
        var events = _d.Ok(Market(1, Side.Sell, 1));
        Assert.That(OfType(events, EventType.OrderTriggered).Select(e => e.OrderId), Is.EqualTo(new[] { first }));
        Assert.That(events.Single(e => e.Type == EventType.InstrumentStatusChanged).CancelReason, Is.EqualTo(CancelReason.CircuitBreaker));
        Assert.That(events.Single(e => e.Type == EventType.OrderCancelled).OrderId, Is.EqualTo(first));
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(2), "the 9,500 bid and the second stop, waiting again");
        var stop = second;

        using var stream = new MemoryStream();
        _d.Engine.WriteSnapshot(stream);
        stream.Position = 0;
        Assert.That(MatchingEngine.LoadSnapshot(stream).ComputeStateHash(), Is.EqualTo(_d.Engine.ComputeStateHash()));
        _d.Ok(Cancel(3, stop));
    }
}
