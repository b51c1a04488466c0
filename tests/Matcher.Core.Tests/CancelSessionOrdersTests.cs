using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>
/// <see cref="CommandType.CancelSessionOrders"/>: a gateway's cancel-on-disconnect cancels
/// the account's orders whose origin has the command's gateway and session id, and no others.
/// </summary>
public class CancelSessionOrdersTests
{
    private static readonly Origin _sessionA = new(1, 10, 100);
    private static readonly Origin _sessionB = new(1, 11, 200);

    // Same session id as A on another gateway: a different session.
    private static readonly Origin _otherGatewayA = new(2, 10, 300);

    private CoreDriver _d = null!;

    [SetUp]
    public void SetUp()
    {
        _d = new CoreDriver();
        _d.CreateFundedAccount(1);
        _d.CreateFundedAccount(2);
    }

    private long Place(long accountId, Side side, long priceTicks, Origin origin, int instrumentId = BtcUsdt) =>
        AcceptedId(_d.Ok(Limit(accountId, side, priceTicks, 2, instrumentId: instrumentId) with { Origin = origin }));

    private long[] LiveOrderIds() => _d.Engine.EnumerateOrders().Select(o => o.OrderId).Order().ToArray();

    [Test]
    public void CancelSession_CancelsOnlyThatSessionsOrders_InOrderIdOrder()
    {
        var a1 = Place(1, Side.Buy, 2_990_000, _sessionA);
        var b1 = Place(1, Side.Buy, 2_990_000, _sessionB);
        var a2 = Place(1, Side.Sell, 3_010_000, _sessionA);
        var g2 = Place(1, Side.Sell, 3_010_000, _otherGatewayA);

        // The correlation id differs from the orders': it is ignored.
        var command = CancelSession(1, _sessionA with { CorrelationId = 999 });
        var events = _d.Ok(command);

        var cancels = OfType(events, EventType.OrderCancelled);
        Assert.That(cancels.Select(e => (e.OrderId, e.CancelReason, e.OrderOrigin)),
            Is.EqualTo(new[] { (a1, CancelReason.SessionDisconnected, _sessionA), (a2, CancelReason.SessionDisconnected, _sessionA) }));
        Assert.That(cancels.Select(e => e.RemainingLots), Is.All.Zero);
        var done = events[cancels.Count];
        Assert.That((done.Type, done.AccountId, done.InstrumentId, done.Side, done.AffectedOrders),
            Is.EqualTo((EventType.MassCancelled, 1L, 0, Side.None, 2)));
        Assert.That(events.Skip(cancels.Count + 1).Select(e => e.Type), Is.All.AnyOf(EventType.BookLevelChanged, EventType.BalanceChanged));
        Assert.That(events.Select(e => (e.CommandType, e.Origin)), Is.All.EqualTo((CommandType.CancelSessionOrders, command.Origin)));
        Assert.That(LiveOrderIds(), Is.EqualTo(new[] { b1, g2 }));
    }

    [Test]
    public void CancelSession_OtherSessionOfTheSameAccount_IsUntouched()
    {
        var b1 = Place(1, Side.Buy, 2_990_000, _sessionB);
        var b2 = Place(1, Side.Sell, 3_010_000, _sessionB);
        var levelsBefore = _d.Engine.EnumerateOrders().ToList();
        var balanceBefore = (_d.Balance(1, Btc), _d.Balance(1, Usdt));

        var events = _d.Ok(CancelSession(1, _sessionA));

        Assert.That(events.Single().AffectedOrders, Is.Zero);
        Assert.That(LiveOrderIds(), Is.EqualTo(new[] { b1, b2 }));
        Assert.That(_d.Engine.EnumerateOrders().ToList(), Is.EqualTo(levelsBefore));
        Assert.That((_d.Balance(1, Btc), _d.Balance(1, Usdt)), Is.EqualTo(balanceBefore));
    }

    [Test]
    public void CancelSession_SameSessionOnAnotherAccount_IsUntouched()
    {
        var mine = Place(1, Side.Buy, 2_990_000, _sessionA);
        var theirs = Place(2, Side.Buy, 2_990_000, _sessionA);

        var events = _d.Ok(CancelSession(1, _sessionA));

        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => e.OrderId), Is.EqualTo(new[] { mine }));
        Assert.That(LiveOrderIds(), Is.EqualTo(new[] { theirs }));
        Assert.That(_d.Balance(2, Usdt).Locked, Is.EqualTo(2 * 2_990_000));
    }

    [Test]
    public void CancelSession_HaltedInstrument_IsSkipped()
    {
        _d.Ok(AddInstrument(2, "ETH-USDT", Btc, Usdt, "0.01", "0.001"));
        var trading = Place(1, Side.Buy, 2_990_000, _sessionA);
        var halted = Place(1, Side.Buy, 200_000, _sessionA, instrumentId: 2);
        _d.Ok(Status(2, InstrumentStatus.Halted));

        var events = _d.Ok(CancelSession(1, _sessionA));

        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => e.OrderId), Is.EqualTo(new[] { trading }));
        Assert.That(OfType(events, EventType.MassCancelled).Single().AffectedOrders, Is.EqualTo(1));
        Assert.That(LiveOrderIds(), Is.EqualTo(new[] { halted }));

        // Cancel-only does not stop it (as with a mass cancel).
        _d.Ok(Status(2, InstrumentStatus.CancelOnly));
        Assert.That(OfType(_d.Ok(CancelSession(1, _sessionA)), EventType.OrderCancelled).Select(e => e.OrderId), Is.EqualTo(new[] { halted }));
        Assert.That(_d.Engine.OpenOrderCount, Is.Zero);
    }

    [Test]
    public void CancelSession_UnknownAccount_IsRejectedAndChangesNothing()
    {
        Place(1, Side.Buy, 2_990_000, _sessionA);
        _d.Rejects(CancelSession(99, _sessionA), RejectReason.UnknownAccount);
        Assert.That(_d.Engine.OpenOrderCount, Is.EqualTo(1));
    }

    [Test]
    public void CancelSession_NothingToCancel_ReportsMassCancelledWithZero()
    {
        var events = _d.Ok(CancelSession(1, _sessionA));

        var done = events.Single();
        Assert.That((done.Type, done.AccountId, done.AffectedOrders, done.Origin), Is.EqualTo((EventType.MassCancelled, 1L, 0, _sessionA)));
    }

    [Test]
    public void CancelSession_UnlocksFundsAndRemovesLevels()
    {
        var before = (_d.Balance(1, Btc), _d.Balance(1, Usdt));
        Place(1, Side.Buy, 2_990_000, _sessionA);
        Place(1, Side.Buy, 2_980_000, _sessionA);
        Place(1, Side.Sell, 3_010_000, _sessionA);
        Assert.That(_d.Balance(1, Usdt).Locked, Is.EqualTo(2 * (2_990_000 + 2_980_000)));
        Assert.That(_d.Balance(1, Btc).Locked, Is.EqualTo(2 * 10_000));

        var events = _d.Ok(CancelSession(1, _sessionA));

        Assert.That((_d.Balance(1, Btc), _d.Balance(1, Usdt)), Is.EqualTo(before));
        Assert.That(OfType(events, EventType.BookLevelChanged).Select(e => (e.PriceTicks, e.LevelLots, e.LevelOrderCount)),
            Is.EqualTo(new[] { (2_990_000L, 0L, 0), (2_980_000L, 0L, 0), (3_010_000L, 0L, 0) }));
        Assert.That(OfType(events, EventType.BalanceChanged).Select(e => (e.AccountId, e.AssetId, e.Locked)),
            Is.EquivalentTo(new[] { (1L, Usdt, 0L), (1L, Btc, 0L) }));
    }

    [Test]
    public void CancelSession_PartlyFilledOrder_UnlocksOnlyItsRemainder()
    {
        var id = Place(1, Side.Sell, 3_000_000, _sessionA);
        _d.Ok(Limit(2, Side.Buy, 3_000_000, 1) with { Origin = _sessionB });
        Assert.That(_d.Balance(1, Btc).Locked, Is.EqualTo(10_000));

        var cancelled = OfType(_d.Ok(CancelSession(1, _sessionA)), EventType.OrderCancelled).Single();

        Assert.That((cancelled.OrderId, cancelled.FilledLots, cancelled.RemainingLots), Is.EqualTo((id, 1L, 0L)));
        Assert.That(_d.Balance(1, Btc).Locked, Is.Zero);
    }

    [Test]
    public void CancelSession_AmendedOrder_BelongsToTheAmendingSession()
    {
        var amended = Place(1, Side.Buy, 2_990_000, _sessionA);
        var replaced = AcceptedId(_d.Ok(Limit(1, Side.Buy, 2_980_000, 2, clientId: "r1") with { Origin = _sessionA }));
        _d.Ok(Amend(1, amended, quantityLots: 1) with { Origin = _sessionB });
        _d.Ok(Replace(1, "r1", "r2", quantityLots: 1) with { Origin = _sessionB });

        Assert.That(_d.Ok(CancelSession(1, _sessionA)).Single().AffectedOrders, Is.Zero, "the amends moved both orders to session B");
        var events = _d.Ok(CancelSession(1, _sessionB));

        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => (e.OrderId, e.OrderOrigin.SessionId)),
            Is.EqualTo(new[] { (amended, 11), (replaced, 11) }), "cancel-replace keeps the order id and takes the replacing session");
    }

    [Test]
    public void CancelSession_AdminOrigin_CancelsOrdersEnteredWithoutASession()
    {
        var adminOrder = AcceptedId(_d.Ok(Limit(1, Side.Buy, 2_990_000, 2)));
        var sessionOrder = Place(1, Side.Buy, 2_990_000, _sessionA);

        var events = _d.Ok(CancelSession(1, default));

        Assert.That(OfType(events, EventType.OrderCancelled).Select(e => e.OrderId), Is.EqualTo(new[] { adminOrder }));
        Assert.That(LiveOrderIds(), Is.EqualTo(new[] { sessionOrder }));
    }
}
