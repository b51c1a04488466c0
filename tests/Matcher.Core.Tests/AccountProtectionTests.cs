using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>The account kill switch and account limits (issue 9, "Protection").</summary>
public sealed class AccountProtectionTests
{
    private CoreDriver _d = null!;

    [SetUp]
    public void SetUp()
    {
        _d = new CoreDriver();
        _d.CreateFundedAccount(1);
        _d.CreateFundedAccount(2);
    }

    private static Command Status(long account, InstrumentStatus status) =>
        new() { Type = CommandType.SetAccountStatus, AccountId = account, InstrumentStatus = status };

    private static Command Limits(long account, int openOrders, long lots, long notional) =>
        new() { Type = CommandType.SetAccountLimits, AccountId = account, MaxOpenOrders = openOrders, QuantityLots = lots, Amount = notional };

    [Test]
    public void The_kill_switch_cancels_every_open_order_and_refuses_new_ones_until_released()
    {
        var first = _d.Ok(Limit(1, Side.Buy, 9_000, 10)).Single(e => e.Type == EventType.OrderAccepted).OrderId;
        _d.Ok(Limit(1, Side.Sell, 11_000, 10));
        var other = _d.Ok(Limit(2, Side.Buy, 8_000, 10)).Single(e => e.Type == EventType.OrderAccepted).OrderId;

        var events = _d.Ok(Status(1, InstrumentStatus.Halted));

        Assert.Multiple(() =>
        {
            Assert.That(events.Where(e => e.Type == EventType.OrderCancelled).Select(e => e.CancelReason), Is.EqualTo(new[] { CancelReason.AccountHalted, CancelReason.AccountHalted }));
            Assert.That(events.Single(e => e.Type == EventType.AccountUpdated).InstrumentStatus, Is.EqualTo(InstrumentStatus.Halted));
            Assert.That(_d.Balance(1, Usdt).Locked, Is.Zero, "the locks are released");
            Assert.That(_d.Engine.EnumerateOrders().Select(o => o.OrderId), Is.EqualTo(new[] { other }), "another account's order stays");
        });
        _d.Rejects(Limit(1, Side.Buy, 9_000, 10), RejectReason.AccountHalted);
        _d.Rejects(new Command { Type = CommandType.AmendOrder, AccountId = 1, OrderId = first, PriceTicks = 9_100 }, RejectReason.UnknownOrder);

        _d.Ok(Status(1, InstrumentStatus.Trading));
        _d.Ok(Limit(1, Side.Buy, 9_000, 10));
    }

    [Test]
    public void A_halted_account_may_not_amend_but_may_cancel()
    {
        // An order on a halted instrument survives the kill switch (as in a mass cancel): it can be cancelled once trading resumes.
        var order = _d.Ok(Limit(1, Side.Buy, 9_000, 10)).Single(e => e.Type == EventType.OrderAccepted).OrderId;
        _d.Ok(new Command { Type = CommandType.SetInstrumentStatus, InstrumentId = BtcUsdt, InstrumentStatus = InstrumentStatus.Halted });
        _d.Ok(Status(1, InstrumentStatus.Halted));
        _d.Ok(new Command { Type = CommandType.SetInstrumentStatus, InstrumentId = BtcUsdt, InstrumentStatus = InstrumentStatus.Trading });

        _d.Rejects(new Command { Type = CommandType.AmendOrder, AccountId = 1, OrderId = order, PriceTicks = 9_100 }, RejectReason.AccountHalted);
        Assert.That(_d.Ok(new Command { Type = CommandType.CancelOrder, AccountId = 1, OrderId = order }).Count(e => e.Type == EventType.OrderCancelled), Is.EqualTo(1));
    }

    [Test]
    public void Limits_refuse_orders_beyond_them_and_leave_others_alone()
    {
        _d.Ok(Limits(1, openOrders: 2, lots: 50, notional: 4_000_000));
        _d.Ok(Limit(1, Side.Buy, 9_000, 10));
        _d.Rejects(Limit(1, Side.Buy, 9_000, 51), RejectReason.OrderQuantityLimit);
        _d.Rejects(Limit(1, Side.Buy, 90_000, 50), RejectReason.OrderNotionalLimit);
        var second = _d.Ok(Limit(1, Side.Buy, 9_000, 50)).Single(e => e.Type == EventType.OrderAccepted).OrderId;
        _d.Rejects(Limit(1, Side.Buy, 9_000, 1), RejectReason.OpenOrderLimit);
        _d.Rejects(new Command { Type = CommandType.AmendOrder, AccountId = 1, OrderId = second, QuantityLots = 60 }, RejectReason.OrderQuantityLimit);
        _d.Ok(new Command { Type = CommandType.AmendOrder, AccountId = 1, OrderId = second, QuantityLots = 40 });
        _d.Ok(Limit(2, Side.Buy, 9_000, 500));

        _d.Ok(Limits(1, 0, 0, 0));
        _d.Ok(Limit(1, Side.Buy, 9_000, 500));
        _d.Rejects(Limits(1, -1, 0, 0), RejectReason.InvalidLimit);
        _d.Rejects(Limits(99, 1, 1, 1), RejectReason.UnknownAccount);
        _d.Rejects(Status(1, InstrumentStatus.CancelOnly), RejectReason.InvalidStatus);
    }

    [Test]
    public void The_kill_switch_and_limits_are_in_snapshots_and_the_state_hash()
    {
        var before = _d.Engine.ComputeStateHash();
        _d.Ok(Limits(1, 3, 100, 0));
        var withLimits = _d.Engine.ComputeStateHash();
        _d.Ok(Status(2, InstrumentStatus.Halted));

        using var stream = new MemoryStream();
        _d.Engine.WriteSnapshot(stream);
        var restored = new CoreDriver(MatchingEngine.LoadSnapshot(new MemoryStream(stream.ToArray())), setUp: false);

        Assert.That(withLimits, Is.Not.EqualTo(before));
        Assert.That(restored.Engine.ComputeStateHash(), Is.EqualTo(_d.Engine.ComputeStateHash()));
        restored.Rejects(Limit(2, Side.Buy, 9_000, 1) with { Sequence = restored.Engine.LastSequence + 1 }, RejectReason.AccountHalted);
        restored.Rejects(Limit(1, Side.Buy, 9_000, 101) with { Sequence = restored.Engine.LastSequence + 1 }, RejectReason.OrderQuantityLimit);
    }
}
