using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;

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
        var probe = new CoreProbe();
        probe.Account(1, 1_000_000_000, 0);
        var placed = probe.Ok(CoreProbe.Limit(1, Side.Sell, 1_001, 10));
        var orderId = placed.Single(e => e.Type == EventType.OrderAccepted).OrderId;

        var events = probe.Ok(new Command { Type = CommandType.AmendOrder, AccountId = 1, OrderId = orderId, QuantityLots = 20 });

        var levels = CoreProbe.OfType(events, EventType.BookLevelChanged);
        Assert.That(levels.Select(e => (e.Side, e.PriceTicks, e.LevelLots, e.LevelOrderCount)), Is.EqualTo(new[] { (Side.Sell, 1_001L, 20L, 1) }),
            "spec: BookLevelChanged once per command for each price level the command changed");
    }

    [Test]
    public void CancelReplace_OnlyClientIdChanges_ReportsNoLevelChange()
    {
        var probe = new CoreProbe();
        probe.Account(1, 1_000_000_000, 0);
        probe.Ok(CoreProbe.Limit(1, Side.Sell, 1_001, 10, clientId: "a"));

        var events = probe.Ok(new Command
        {
            Type = CommandType.CancelReplace,
            AccountId = 1,
            ClientOrderId = ClientOrderId.From("a"),
            NewClientOrderId = ClientOrderId.From("b"),
        });

        Assert.That(CoreProbe.OfType(events, EventType.OrderAmended), Has.Count.EqualTo(1));
        Assert.That(CoreProbe.OfType(events, EventType.BookLevelChanged), Is.Empty,
            "spec: BookLevelChanged only for levels the command changed; the level keeps its lots and count");
    }

    [Test]
    public void Place_MarketSellIntoEmptyBook_ReportsNoBalanceChange()
    {
        var probe = new CoreProbe();
        probe.Account(1, 1_000_000, 0);
        var before = probe.Balance(1, CoreProbe.Btc);

        var events = probe.Ok(CoreProbe.MarketSell(1, 5));

        Assert.That(probe.Balance(1, CoreProbe.Btc), Is.EqualTo(before));
        Assert.That(CoreProbe.OfType(events, EventType.BalanceChanged), Is.Empty,
            "spec: BalanceChanged for each (account, asset) the command changed; the lock was released in the same command");
    }

    [Test]
    public void Place_DecrementAndCancelUsesUpMaker_CancelledMakerReportsDecrementedQuantity()
    {
        var probe = new CoreProbe();
        probe.Account(1, 1_000_000_000, 1_000_000_000);
        probe.Ok(CoreProbe.Limit(1, Side.Sell, 1_000, 5));

        var events = probe.Ok(CoreProbe.Limit(1, Side.Buy, 1_000, 8, SelfTradePrevention.DecrementAndCancel));

        var makerCancel = CoreProbe.OfType(events, EventType.OrderCancelled).Single();
        Assert.That(makerCancel.CancelReason, Is.EqualTo(CancelReason.SelfTrade));
        Assert.That(makerCancel.QuantityLots, Is.EqualTo(makerCancel.FilledLots),
            "spec: both quantities are reduced by the smaller remaining quantity, and order events describe the order after the event "
            + "(the incoming order's own decrement is reported that way)");
    }

    [Test]
    public void UpdateInstrument_OnlyMinNotionalGiven_KeepsMinQuantity()
    {
        var probe = new CoreProbe();
        var update = new Command { Type = CommandType.UpdateInstrument, InstrumentId = CoreProbe.BtcUsdt };
        update.Instrument.MinNotional = 5_000;

        probe.Ok(update);

        var definition = probe.Engine.FindInstrument(CoreProbe.BtcUsdt)!.Definition;
        Assert.That((definition.MinQuantityLots, definition.MinNotional), Is.EqualTo((1L, 5_000L)), "spec: a zero minimum quantity keeps its value");
    }

    [Test]
    public void Deposit_BeyondAssetCap_IsRejected()
    {
        var probe = new CoreProbe();
        probe.Account(1, 0, 0);
        var reject = probe.Run(new Command { Type = CommandType.Deposit, AccountId = 1, AssetId = CoreProbe.Usdt, Amount = Matcher.Core.State.Asset.MaxTotalUnits + 1 });
        Assert.That(reject.Single().RejectReason, Is.EqualTo(RejectReason.ValueOverflow));
    }

    [Test]
    public void Trade_MakerRebateNearAssetCap_KeepsBalancesInRange()
    {
        var probe = new CoreProbe();
        probe.Ok(PropertyScenario.FeeTier(1, -1, 0));
        probe.Account(1, 100_000_000, Matcher.Core.State.Asset.MaxTotalUnits - 1_000_000_000_000, feeTier: 1);
        probe.Account(2, 0, 1_000_000_000_000);
        probe.Ok(CoreProbe.Limit(1, Side.Sell, 100_000_000, 10_000));

        var events = probe.Run(CoreProbe.Limit(2, Side.Buy, 100_000_000, 10_000));

        var (available, locked) = probe.Balance(1, CoreProbe.Usdt);
        Assert.That(available, Is.GreaterThanOrEqualTo(0),
            $"spec: ValueOverflow when an amount does not fit in 64 bits; instead the maker's USDT wrapped to {available} (locked {locked}). "
            + $"Events: {string.Join(", ", events.Select(e => e.Type))}");
    }
}
