using Matcher.Core.Commands;
using Matcher.Core.Events;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>Price bands around the last trade price (issue 9, "Protection").</summary>
public sealed class PriceBandTests
{
    private CoreDriver _d = null!;

    [SetUp]
    public void SetUp()
    {
        _d = new CoreDriver();
        _d.CreateFundedAccount(1);
        _d.CreateFundedAccount(2);
    }

    private static Command Band(long bps) => new() { Type = CommandType.SetPriceBand, InstrumentId = BtcUsdt, Amount = bps };

    /// <summary>A trade at 10,000 ticks: the band's reference.</summary>
    private void TradeAt10000()
    {
        _d.Ok(Limit(1, Side.Sell, 10_000, 1));
        _d.Ok(Limit(2, Side.Buy, 10_000, 1));
    }

    [Test]
    public void Without_a_trade_there_is_no_reference_and_no_band()
    {
        _d.Ok(Band(100));
        _d.Ok(Limit(1, Side.Sell, 50_000, 1));
        _d.Ok(Limit(1, Side.Buy, 1_000, 1));
    }

    [Test]
    public void A_limit_price_outside_the_band_is_refused()
    {
        TradeAt10000();
        _d.Ok(Band(500));

        _d.Ok(Limit(1, Side.Buy, 9_500, 1));
        _d.Ok(Limit(1, Side.Sell, 10_500, 1));
        _d.Rejects(Limit(1, Side.Buy, 9_499, 1), RejectReason.PriceOutsideBand);
        _d.Rejects(Limit(1, Side.Sell, 10_501, 1), RejectReason.PriceOutsideBand);
        _d.Ok(Band(0));
        _d.Ok(Limit(1, Side.Sell, 20_000, 1));
    }

    [Test]
    public void An_amend_to_a_price_outside_the_band_is_refused()
    {
        TradeAt10000();
        _d.Ok(Band(500));
        var order = _d.Ok(Limit(1, Side.Buy, 9_800, 5)).Single(e => e.Type == EventType.OrderAccepted).OrderId;

        _d.Rejects(new Command { Type = CommandType.AmendOrder, AccountId = 1, OrderId = order, PriceTicks = 9_000 }, RejectReason.PriceOutsideBand);
        _d.Ok(new Command { Type = CommandType.AmendOrder, AccountId = 1, OrderId = order, QuantityLots = 6 });
    }

    [Test]
    public void A_market_order_stops_at_the_band_and_its_rest_is_cancelled_with_the_reason()
    {
        TradeAt10000();
        _d.Ok(Limit(1, Side.Sell, 10_100, 2));
        _d.Ok(Limit(1, Side.Sell, 10_300, 1));
        _d.Ok(Limit(1, Side.Sell, 10_400, 2));
        _d.Ok(Band(300));

        var events = _d.Ok(Market(2, Side.Buy, 5));

        var trades = events.Where(e => e.Type == EventType.Trade).Select(e => (e.TradePriceTicks, e.TradeLots)).ToArray();
        Assert.That(trades, Is.EqualTo(new[] { (10_100L, 2L), (10_300L, 1L) }),
            "10,300 is exactly 3 % above the reference of 10,000; 10,400 is outside, and the fills at 10,100 do not move the reference");
        var cancel = events.Single(e => e.Type == EventType.OrderCancelled);
        Assert.That((cancel.CancelReason, cancel.FilledLots), Is.EqualTo((CancelReason.PriceBand, 3L)));
    }

    [Test]
    public void A_fill_or_kill_market_order_that_would_cross_the_band_is_killed_whole()
    {
        TradeAt10000();
        _d.Ok(Limit(1, Side.Sell, 10_100, 2));
        _d.Ok(Limit(1, Side.Sell, 10_600, 2));
        _d.Ok(Band(300));

        var events = _d.Ok(Market(2, Side.Buy, 3, tif: TimeInForce.FillOrKill));

        Assert.That(events.Where(e => e.Type == EventType.Trade), Is.Empty);
        Assert.That(events.Single(e => e.Type == EventType.OrderCancelled).CancelReason, Is.EqualTo(CancelReason.FillOrKill));
    }

    [Test]
    public void The_band_and_its_reference_are_in_snapshots_and_the_state_hash()
    {
        TradeAt10000();
        var before = _d.Engine.ComputeStateHash();
        _d.Ok(Band(200));
        Assert.That(_d.Engine.ComputeStateHash(), Is.Not.EqualTo(before));

        using var stream = new MemoryStream();
        _d.Engine.WriteSnapshot(stream);
        var restored = new CoreDriver(MatchingEngine.LoadSnapshot(new MemoryStream(stream.ToArray())), setUp: false);

        Assert.That(restored.Engine.ComputeStateHash(), Is.EqualTo(_d.Engine.ComputeStateHash()));
        restored.Rejects(Limit(1, Side.Sell, 10_201, 1) with { Sequence = restored.Engine.LastSequence + 1 }, RejectReason.PriceOutsideBand);
        _d.Rejects(Band(-1), RejectReason.InvalidLimit);
    }
}
