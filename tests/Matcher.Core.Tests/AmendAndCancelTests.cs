using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

public class AmendAndCancelTests
{
    private CoreDriver _d = null!;

    [SetUp]
    public void SetUp()
    {
        _d = new CoreDriver();
        _d.CreateFundedAccount(1);
        _d.CreateFundedAccount(2);
    }

    private long[] QueueAt(long priceTicks) =>
        _d.Engine.EnumerateOrders().Where(o => o.PriceTicks == priceTicks).Select(o => o.OrderId).ToArray();

    [Test]
    public void Cancel_ByOrderId_ReleasesLockAndLevel()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 2)));
        var events = _d.Ok(Cancel(1, id));
        Assert.That(events[0].Type, Is.EqualTo(EventType.OrderCancelled));
        Assert.That(events[0].CancelReason, Is.EqualTo(CancelReason.User));
        Assert.That(OfType(events, EventType.BookLevelChanged).Single().LevelOrderCount, Is.Zero);
        Assert.That(_d.Balance(1, Usdt).Locked, Is.Zero);
    }

    [Test]
    public void Cancel_ByClientOrderId_FindsTheAccountsOrder()
    {
        _d.Ok(Limit(2, Side.Buy, 3_000_000, 2, clientId: "same"));
        var mine = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 2, clientId: "same")));
        Assert.That(_d.Ok(Cancel(1, 0, "same"))[0].OrderId, Is.EqualTo(mine));
        _d.Rejects(Cancel(1, 0, "same"), RejectReason.UnknownOrder);
    }

    [Test]
    public void Cancel_AnotherAccountsOrder_IsUnknown()
    {
        var id = AcceptedId(_d.Ok(Limit(2, Side.Buy, 3_000_000, 2)));
        _d.Rejects(Cancel(1, id), RejectReason.UnknownOrder);
    }

    [Test]
    public void ClientOrderId_ReusableOnceTheOrderIsDone()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 2, clientId: "c1")));
        _d.Rejects(Limit(1, Side.Buy, 3_000_000, 2, clientId: "c1"), RejectReason.DuplicateClientOrderId);
        _d.Ok(Cancel(1, id));
        _d.Ok(Limit(1, Side.Buy, 3_000_000, 2, clientId: "c1"));
    }

    [Test]
    public void Amend_QuantityDown_KeepsTimePriority()
    {
        var first = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5)));
        var second = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5)));
        var events = _d.Ok(Amend(1, first, quantityLots: 3));
        Assert.That(events[0].Type, Is.EqualTo(EventType.OrderAmended));
        Assert.That(QueueAt(3_000_000), Is.EqualTo(new[] { first, second }));
        Assert.That(OfType(events, EventType.BookLevelChanged).Single().LevelLots, Is.EqualTo(8));
        Assert.That(_d.Balance(1, Usdt).Locked, Is.EqualTo(8 * 3_000_000));
    }

    [Test]
    public void Amend_QuantityUp_LosesTimePriority()
    {
        var first = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5)));
        var second = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5)));
        _d.Ok(Amend(1, first, quantityLots: 6));
        Assert.That(QueueAt(3_000_000), Is.EqualTo(new[] { second, first }));
        Assert.That(_d.Balance(1, Usdt).Locked, Is.EqualTo(11 * 3_000_000));
    }

    [Test]
    public void Amend_QuantityUpOfALevelsOnlyOrder_ReportsTheLevelOnce()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 5)));
        var levels = OfType(_d.Ok(Amend(1, id, quantityLots: 6)), EventType.BookLevelChanged);
        Assert.That(levels.Select(l => (l.PriceTicks, l.LevelLots, l.LevelOrderCount)), Is.EqualTo(new[] { (3_000_000L, 6L, 1) }));
    }

    [Test]
    public void CancelReplace_Rejected_AnswersWithNewIdAndOriginalId()
    {
        _d.Ok(Limit(1, Side.Buy, 3_000_000, 5, clientId: "a"));
        var reject = _d.Run(Replace(1, "a", "b", quantityLots: -1)).Single();
        Assert.That((reject.RejectReason, reject.ClientOrderId.ToString(), reject.OrigClientOrderId.ToString()),
            Is.EqualTo((RejectReason.InvalidQuantity, "b", "a")));
    }

    [Test]
    public void Amend_PriceChange_MovesToBackOfNewLevel()
    {
        var moved = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5)));
        var there = AcceptedId(_d.Ok(Limit(1, Side.Buy, 2_999_000, 5)));
        var events = _d.Ok(Amend(1, moved, priceTicks: 2_999_000));
        Assert.That(QueueAt(2_999_000), Is.EqualTo(new[] { there, moved }));
        Assert.That(OfType(events, EventType.BookLevelChanged).Select(l => (l.PriceTicks, l.LevelOrderCount)),
            Is.EqualTo(new[] { (3_000_000L, 0), (2_999_000L, 2) }));
        Assert.That(_d.Balance(1, Usdt).Locked, Is.EqualTo(10 * 2_999_000));
    }

    [Test]
    public void Amend_PriceCrosses_TradesAfterTheAmendedEvent()
    {
        var maker = AcceptedId(_d.Ok(Limit(2, Side.Sell, 3_000_100, 2)));
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5)));
        var events = _d.Ok(Amend(1, id, priceTicks: 3_000_100));
        Assert.That(events[0].Type, Is.EqualTo(EventType.OrderAmended));
        Assert.That(events[1].Type, Is.EqualTo(EventType.Trade));
        Assert.That((events[1].MakerOrderId, events[1].TradeLots, events[1].OrderId), Is.EqualTo((maker, 2L, id)));
        var resting = _d.Engine.EnumerateOrders().Single();
        Assert.That((resting.OrderId, resting.RemainingLots), Is.EqualTo((id, 3L)));
    }

    [Test]
    public void Amend_FromAnotherSession_RoutesLaterFillsToThatSession()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_000_000, 5) with { Origin = new Origin(1, 10, 1) }));
        _d.Ok(Amend(1, id, quantityLots: 4) with { Origin = new Origin(1, 11, 2) });
        var trade = OfType(_d.Ok(Limit(2, Side.Buy, 3_000_000, 1)), EventType.Trade).Single();
        Assert.That(trade.MakerOrigin, Is.EqualTo(new Origin(1, 11, 2)));
    }

    [Test]
    public void Amend_BelowFilledQuantity_IsRejected()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5)));
        _d.Ok(Limit(2, Side.Sell, 3_000_000, 3));
        _d.Rejects(Amend(1, id, quantityLots: 3), RejectReason.InvalidQuantity);
        _d.Ok(Amend(1, id, quantityLots: 4));
        Assert.That(_d.Engine.EnumerateOrders().Single().RemainingLots, Is.EqualTo(1));
    }

    [Test]
    public void Amend_NoChange_IsRejected()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5)));
        _d.Rejects(Amend(1, id, priceTicks: 3_000_000, quantityLots: 5), RejectReason.AmendNoChange);
    }

    [Test]
    public void Amend_NeedsMoreFundsThanAvailable_IsRejected()
    {
        _d.CreateFundedAccount(3, btcUnits: 0, usdtUnits: 10_000_000);
        var id = AcceptedId(_d.Ok(Limit(3, Side.Buy, 3_000_000, 3)));
        _d.Rejects(Amend(3, id, quantityLots: 4), RejectReason.InsufficientFunds);
    }

    [Test]
    public void CancelReplace_TakesNewClientIdAndReportsTheOld()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5, clientId: "a")));
        var amended = _d.Ok(Replace(1, "a", "b", quantityLots: 4))[0];
        Assert.That((amended.OrderId, amended.ClientOrderId.ToString(), amended.OrigClientOrderId.ToString()), Is.EqualTo((id, "b", "a")));
        _d.Rejects(Cancel(1, 0, "a"), RejectReason.UnknownOrder);
        Assert.That(_d.Ok(Cancel(1, 0, "b"))[0].OrderId, Is.EqualTo(id));
    }

    [Test]
    public void CancelReplace_RejectedWhenNamedByOrderId_AnswersWithTheOrdersClientId()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5, clientId: "a")));
        var command = Replace(1, "a", "b", quantityLots: -1) with { OrderId = id, ClientOrderId = default };
        var reject = _d.Run(command).Single();
        Assert.That((reject.ClientOrderId.ToString(), reject.OrigClientOrderId.ToString()), Is.EqualTo(("b", "a")));
    }

    [Test]
    public void CancelReplace_ToAnotherLiveClientId_IsRejected()
    {
        _d.Ok(Limit(1, Side.Buy, 3_000_000, 5, clientId: "a"));
        _d.Ok(Limit(1, Side.Buy, 3_000_000, 5, clientId: "b"));
        _d.Rejects(Replace(1, "a", "b", quantityLots: 4), RejectReason.DuplicateClientOrderId);
    }

    [Test]
    public void PostOnly_AmendThatWouldCross_IsRejected()
    {
        _d.Ok(Limit(2, Side.Sell, 3_000_100, 2));
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 5, postOnly: true)));
        _d.Rejects(Amend(1, id, priceTicks: 3_000_100), RejectReason.PostOnlyWouldTake);
    }

    [Test]
    public void MassCancel_NarrowedByInstrumentAndSide_CancelsOnlyThose()
    {
        _d.Ok(AddInstrument(2, "ETH-USDT", Btc, Usdt, "0.01", "0.001"));
        var buy = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 1)));
        var sell = AcceptedId(_d.Ok(Limit(1, Side.Sell, 3_100_000, 1)));
        var eth = AcceptedId(_d.Ok(Limit(1, Side.Buy, 200_000, 1, instrumentId: 2)));
        var other = AcceptedId(_d.Ok(Limit(2, Side.Buy, 3_000_000, 1)));

        var events = _d.Ok(MassCancel(1, BtcUsdt, Side.Buy));
        Assert.That(OfType(events, EventType.OrderCancelled).Select(c => (c.OrderId, c.CancelReason)), Is.EqualTo(new[] { (buy, CancelReason.MassCancel) }));
        Assert.That(OfType(events, EventType.MassCancelled).Single().AffectedOrders, Is.EqualTo(1));

        events = _d.Ok(MassCancel(1));
        Assert.That(OfType(events, EventType.OrderCancelled).Select(c => c.OrderId), Is.EqualTo(new[] { sell, eth }));
        Assert.That(_d.Engine.EnumerateOrders().Select(o => o.OrderId), Is.EqualTo(new[] { other }));
    }

    [Test]
    public void Status_CancelOnly_AllowsCancelsButNotOrders()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 1)));
        _d.Ok(Status(BtcUsdt, InstrumentStatus.CancelOnly));
        _d.Rejects(Limit(1, Side.Buy, 3_000_000, 1), RejectReason.InstrumentCancelOnly);
        _d.Rejects(Amend(1, id, quantityLots: 2), RejectReason.InstrumentCancelOnly);
        _d.Ok(Cancel(1, id));
    }

    [Test]
    public void Status_Halted_FreezesTheBookButExpiryRuns()
    {
        var id = AcceptedId(_d.Ok(Limit(1, Side.Buy, 3_000_000, 1)));
        var gtd = AcceptedId(_d.Ok(Limit(1, Side.Buy, 2_000_000, 1, TimeInForce.GoodTillDate, expireTimeNs: _d.NowNs + 100)));
        _d.Ok(Status(BtcUsdt, InstrumentStatus.Halted));
        _d.Rejects(Cancel(1, id), RejectReason.InstrumentHalted);
        Assert.That(OfType(_d.Ok(MassCancel(1)), EventType.MassCancelled).Single().AffectedOrders, Is.Zero);
        Assert.That(OfType(_d.Ok(Expire(_d.NowNs + 1_000)), EventType.OrderCancelled).Single().OrderId, Is.EqualTo(gtd));
        _d.Ok(Status(BtcUsdt, InstrumentStatus.Trading));
        _d.Ok(Cancel(1, id));
    }
}
