using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.State;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// Minimal reproductions of bugs the random property tests found where the core departed
/// from docs/CORE.md. Each bug is fixed; the reproductions stay as regression tests.
/// </summary>
[TestFixture]
public class CoreRegressionTests
{
    [Test]
    public void Amend_QuantityUpOfOnlyOrderAtLevel_ReportsLevelOnce()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1, 1_000_000_000, 0);
        var orderId = CoreDriver.AcceptedId(d.Ok(CoreDriver.Limit(1, Side.Sell, 1_001, 10)));

        var events = d.Ok(CoreDriver.Amend(1, orderId, quantityLots: 20));

        var levels = CoreDriver.OfType(events, EventType.BookLevelChanged);
        Assert.That(levels.Select(e => (e.Side, e.PriceTicks, e.LevelLots, e.LevelOrderCount)), Is.EqualTo(new[] { (Side.Sell, 1_001L, 20L, 1) }),
            "spec: BookLevelChanged once per command for each price level the command changed");
    }

    [Test]
    public void CancelReplace_OnlyClientIdChanges_ReportsNoLevelChange()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1, 1_000_000_000, 0);
        d.Ok(CoreDriver.Limit(1, Side.Sell, 1_001, 10, clientId: "a"));

        var events = d.Ok(CoreDriver.Replace(1, "a", "b"));

        Assert.That(CoreDriver.OfType(events, EventType.OrderAmended), Has.Count.EqualTo(1));
        Assert.That(CoreDriver.OfType(events, EventType.BookLevelChanged), Is.Empty,
            "spec: BookLevelChanged only for levels the command changed; the level keeps its lots and count");
    }

    [Test]
    public void Place_MarketSellIntoEmptyBook_ReportsNoBalanceChange()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1, 1_000_000, 0);
        var before = d.Balance(1, CoreDriver.Btc);

        var events = d.Ok(CoreDriver.Market(1, Side.Sell, 5));

        Assert.That(d.Balance(1, CoreDriver.Btc), Is.EqualTo(before));
        Assert.That(CoreDriver.OfType(events, EventType.BalanceChanged), Is.Empty,
            "spec: BalanceChanged for each (account, asset) the command changed; the lock was released in the same command");
    }

    [Test]
    public void Place_DecrementAndCancelUsesUpMaker_CancelledMakerReportsDecrementedQuantity()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1, 1_000_000_000, 1_000_000_000);
        d.Ok(CoreDriver.Limit(1, Side.Sell, 1_000, 5));

        var events = d.Ok(CoreDriver.Limit(1, Side.Buy, 1_000, 8, stp: SelfTradePrevention.DecrementAndCancel));

        var makerCancel = CoreDriver.OfType(events, EventType.OrderCancelled).Single();
        Assert.That(makerCancel.CancelReason, Is.EqualTo(CancelReason.SelfTrade));
        Assert.That(makerCancel.QuantityLots, Is.EqualTo(makerCancel.FilledLots),
            "spec: both quantities are reduced by the smaller remaining quantity, and order events describe the order after the event "
            + "(the incoming order's own decrement is reported that way)");
    }

    [Test]
    public void UpdateInstrument_OnlyMinNotionalGiven_KeepsMinQuantity()
    {
        var d = new CoreDriver();
        var update = new Command { Type = CommandType.UpdateInstrument, InstrumentId = CoreDriver.BtcUsdt };
        update.Instrument.MinNotional = 5_000;

        d.Ok(update);

        var definition = d.Engine.FindInstrument(CoreDriver.BtcUsdt)!.Definition;
        Assert.That((definition.MinQuantityLots, definition.MinNotional), Is.EqualTo((1L, 5_000L)), "spec: a zero minimum quantity keeps its value");
    }

    [Test]
    public void Deposit_BeyondAssetCap_IsRejected()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1, 0, 0);
        var reject = d.Run(CoreDriver.Deposit(1, CoreDriver.Usdt, Asset.MaxTotalUnits + 1));
        Assert.That(reject.Single().RejectReason, Is.EqualTo(RejectReason.ValueOverflow));
    }

    [Test]
    public void Trade_MakerRebateNearAssetCap_KeepsBalancesInRange()
    {
        var d = new CoreDriver();
        d.Ok(CoreDriver.FeeTier(1, -1, 0));
        d.CreateFundedAccount(1, 100_000_000, Asset.MaxTotalUnits - 1_000_000_000_000, feeTier: 1);
        d.CreateFundedAccount(2, 0, 1_000_000_000_000);
        d.Ok(CoreDriver.Limit(1, Side.Sell, 100_000_000, 10_000));

        var events = d.Run(CoreDriver.Limit(2, Side.Buy, 100_000_000, 10_000));

        var (available, locked) = d.Balance(1, CoreDriver.Usdt);
        Assert.That(available, Is.GreaterThanOrEqualTo(0),
            $"spec: ValueOverflow when an amount does not fit in 64 bits; instead the maker's USDT wrapped to {available} (locked {locked}). "
            + $"Events: {string.Join(", ", events.Select(e => e.Type))}");
    }

    // Found by the property tests with the conditional-order and iceberg generator (issue 9).

    [Test]
    public void Trigger_StopLimitRestsAtLevelEmptiedInSameCommand_ReportsLevelOnce()
    {
        var d = new CoreDriver();
        for (var account = 1; account <= 3; account++)
        {
            d.CreateFundedAccount(account);
        }

        d.Ok(CoreDriver.Limit(1, Side.Sell, 999, 4) with { Trigger = TriggerType.TakeProfit, StopPriceTicks = 997 });
        d.Ok(CoreDriver.Limit(2, Side.Sell, 999, 8));

        // Takes the whole ask level at 999; the trade triggers the take-profit, which rests at 999 again.
        var events = d.Ok(CoreDriver.Limit(3, Side.Buy, 999, 8));

        var levels = CoreDriver.OfType(events, EventType.BookLevelChanged);
        Assert.That(levels.Select(e => (e.Side, e.PriceTicks, e.LevelLots, e.LevelOrderCount)), Is.EqualTo(new[] { (Side.Sell, 999L, 4L, 1) }),
            "spec: BookLevelChanged once per command for each price level the command changed, with its final value");
    }

    [Test]
    public void Place_FillOrKillMeetsOwnOrderBehindIcebergSlice_DoesNotTrade()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1);
        d.CreateFundedAccount(2);
        d.Ok(CoreDriver.Limit(2, Side.Sell, 1_003, 40) with { DisplayLots = 3 });
        d.Ok(CoreDriver.Limit(1, Side.Sell, 1_003, 6));

        // 9 lots need the iceberg's second slice, which refills behind account 1's own ask.
        var events = d.Ok(CoreDriver.Limit(1, Side.Buy, 1_003, 9, TimeInForce.FillOrKill, stp: SelfTradePrevention.CancelTaker));

        Assert.That(CoreDriver.OfType(events, EventType.Trade), Is.Empty,
            "spec: a fill-or-kill order that the crossing liquidity, counting own orders as self-trade prevention treats them, "
            + "cannot fill in full is cancelled (FillOrKill) without trading; the iceberg's refill goes behind the own order");
        Assert.That(CoreDriver.OfType(events, EventType.OrderCancelled).Single().CancelReason, Is.EqualTo(CancelReason.FillOrKill));
    }

    [Test]
    public void Amend_WaitingStopBuyWithQuoteBudget_NewStopPriceIsAccepted()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1);
        d.CreateFundedAccount(2);
        d.Ok(CoreDriver.Limit(1, Side.Sell, 1_000, 1));
        d.Ok(CoreDriver.Limit(2, Side.Buy, 1_000, 1));
        var stop = CoreDriver.AcceptedId(d.Ok(CoreDriver.Market(1, Side.Buy, 0, quoteBudget: 50_000) with { Trigger = TriggerType.Stop, StopPriceTicks = 1_010 }));

        var events = d.Run(new Command { Type = CommandType.AmendOrder, AccountId = 1, OrderId = stop, StopPriceTicks = 1_020 });

        Assert.That(events.Select(e => e.Type), Does.Not.Contain(EventType.Rejected),
            $"spec: a waiting order's stop price can be amended; a budget buy has no quantity for the minimum quantity to apply to (got {events[0].RejectReason})");
    }
}
