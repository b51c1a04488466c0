using System.Globalization;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Application;

/// <summary>
/// What a FIX client is told about its stop, take-profit, trailing, iceberg and
/// one-cancels-other orders: the rig runs the real core on what the gateway published, and
/// the other side of each trade (accounts 8 and 9) is entered straight into the core.
/// </summary>
public class FixConditionalReportTests
{
    private const int StopPx = 99, MaxFloor = 111, PegOffsetValue = 211, PegOffsetType = 836, ClOrdLinkID = 583, ContingencyTag = 1385;
    private const int MsgSeqNumOfFirstRequest = 2;

    /// <summary>An order of the session's account on BTC-USD: side 1 buy or 2 sell, OrdType, quantity, then the extra fields.</summary>
    private static Action<FixBodyWriter> Order(string clOrdId, char side, char ordType, string quantity, params (int Tag, string Value)[] extra) => body =>
    {
        body.Add(FixTags.ClOrdID, clOrdId).Add(FixTags.Symbol, "BTC-USD").Add(FixTags.Side, (byte)side).Add(FixTags.OrderQty, quantity)
            .Add(FixTags.OrdType, (byte)ordType);
        foreach (var (tag, value) in extra)
        {
            body.Add(tag, value);
        }
    };

    /// <summary>A trade of 0.1 BTC at <paramref name="priceTicks"/> between accounts 8 (resting sell of 1 BTC) and 9.</summary>
    private static void TradeAt(GatewayRig rig, long priceTicks)
    {
        rig.Admin(GatewayRig.OtherOrder(8, Side.Sell, priceTicks, 10_000));
        rig.Admin(GatewayRig.OtherOrder(9, Side.Buy, priceTicks, 1_000, TimeInForce.ImmediateOrCancel));
    }

    private static decimal Number(ReceivedMessage m, int tag) =>
        decimal.Parse(m.Get(tag) ?? throw new AssertionException($"tag {tag} missing in {m}"), CultureInfo.InvariantCulture);

    /// <summary>A rig whose core knows the session's account and accounts 8 and 9, all funded.</summary>
    private static GatewayRig StartRig()
    {
        var rig = new GatewayRig();
        rig.FundAccounts(8, 9);
        return rig;
    }

    [Test]
    public async Task StopOrder_TriggeredByATrade_ReportsExecTypeL_ThenItsFill()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("stop1", '1', '3', "0.5", (StopPx, "30000")));
        await rig.RunCoreAsync(1);
        var accepted = await client.ExpectAsync("8");
        TradeAt(rig, 3_000_000);
        var triggered = await client.ExpectAsync("8");
        var fill = await client.ExpectAsync("8");

        Assert.That((accepted.Get(FixTags.ExecType), accepted.Get(FixTags.OrdStatus), accepted.Get(FixTags.OrdType)), Is.EqualTo(("0", "0", "3")));
        Assert.That(Number(accepted, StopPx), Is.EqualTo(30000m));
        Assert.That(accepted.Has(FixTags.Price), Is.False, "a stop (market) has no limit price");

        Assert.That((triggered.Get(FixTags.ExecType), triggered.Get(FixTags.OrdStatus)), Is.EqualTo(("L", "0")));
        Assert.That((triggered.Get(FixTags.ClOrdID), triggered.Get(FixTags.OrderID)), Is.EqualTo(("stop1", accepted.Get(FixTags.OrderID))));
        Assert.That((triggered.Get(FixTags.OrdType), Number(triggered, StopPx), Number(triggered, FixTags.LeavesQty)), Is.EqualTo(("3", 30000m, 0.5m)));

        Assert.That((fill.Get(FixTags.ExecType), fill.Get(FixTags.OrdStatus)), Is.EqualTo(("F", "2")));
        Assert.That((Number(fill, FixTags.LastQty), Number(fill, FixTags.LastPx), Number(fill, FixTags.CumQty)), Is.EqualTo((0.5m, 30000m, 0.5m)));
    }

    [Test]
    public async Task TakeProfitLimit_Accepted_ReportsOrdTypeJWithPriceAndStopPx()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("tp1", '2', 'J', "0.5", (FixTags.Price, "31005"), (StopPx, "31000")));
        await rig.RunCoreAsync(1);
        var accepted = await client.ExpectAsync("8");

        Assert.That((accepted.Get(FixTags.ExecType), accepted.Get(FixTags.OrdType)), Is.EqualTo(("0", "J")));
        Assert.That((Number(accepted, FixTags.Price), Number(accepted, StopPx)), Is.EqualTo((31005m, 31000m)));
    }

    [Test]
    public async Task TrailingStop_Accepted_ReportsThePegAndTheCurrentStopPrice()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();
        TradeAt(rig, 3_000_000);

        await client.SendAsync("D", Order("trail", '2', '3', "0.5", (FixTags.ExecInst, "a"), (PegOffsetValue, "0.5"), (PegOffsetType, "0")));
        await rig.RunCoreAsync(1);
        var accepted = await client.ExpectAsync("8");

        Assert.That((accepted.Get(FixTags.ExecType), accepted.Get(FixTags.OrdType), accepted.Get(FixTags.ExecInst)), Is.EqualTo(("0", "3", "a")));
        Assert.That((Number(accepted, PegOffsetValue), accepted.Get(PegOffsetType)), Is.EqualTo((0.5m, "0")));
        Assert.That(Number(accepted, StopPx), Is.EqualTo(29999.5m), "the last trade price less the offset");
    }

    [Test]
    public async Task Iceberg_Accepted_ReportsMaxFloor()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("ice", '1', '2', "0.5", (FixTags.Price, "29000"), (MaxFloor, "0.1")));
        await rig.RunCoreAsync(1);
        var accepted = await client.ExpectAsync("8");

        Assert.That(accepted.Get(FixTags.ExecType), Is.EqualTo("0"));
        Assert.That((Number(accepted, MaxFloor), Number(accepted, FixTags.OrderQty)), Is.EqualTo((0.1m, 0.5m)));
    }

    [Test]
    public async Task OneCancelsOther_ReportsTheLink_AndCancellingOneCancelsTheOtherWithTextContingency()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("tp", '2', '2', "0.5", (FixTags.Price, "31000")));
        await client.SendAsync("D", Order("sl", '2', '3', "0.5", (StopPx, "29000"), (ContingencyTag, "1"), (ClOrdLinkID, "tp")));
        await rig.RunCoreAsync(2);
        await client.ExpectAsync("8");
        var linked = await client.ExpectAsync("8");
        await client.SendAsync("F", body => body.Add(FixTags.ClOrdID, "cx").Add(FixTags.OrigClOrdID, "tp").Add(FixTags.Symbol, "BTC-USD")
            .Add(FixTags.Side, (byte)'2'));
        await rig.RunCoreAsync(3);
        var cancelled = await client.ExpectAsync("8");
        var partner = await client.ExpectAsync("8");

        Assert.That((linked.Get(FixTags.ClOrdID), linked.Get(ClOrdLinkID)), Is.EqualTo(("sl", "tp")));
        Assert.That((cancelled.Get(FixTags.OrigClOrdID), cancelled.Get(FixTags.ExecType), cancelled.Get(FixTags.Text)), Is.EqualTo(("tp", "4", "User")));
        Assert.That((partner.Get(FixTags.ClOrdID), partner.Get(FixTags.ExecType), partner.Get(FixTags.OrdStatus)), Is.EqualTo(("sl", "4", "4")));
        Assert.That(partner.Get(FixTags.Text), Is.EqualTo("Contingency"));
    }

    [Test]
    public async Task OrderStatusRequest_OfAWaitingStop_ReportsItsTrigger()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("stop1", '2', '4', "0.5", (FixTags.Price, "28990"), (StopPx, "29000")));
        await rig.RunCoreAsync(1);
        await client.ExpectAsync("8");
        await client.SendAsync("H", body => body.Add(FixTags.ClOrdID, "stop1").Add(FixTags.Symbol, "BTC-USD").Add(FixTags.Side, (byte)'2'));
        var status = await client.ExpectAsync("8");

        Assert.That((status.Get(FixTags.ExecType), status.Get(FixTags.OrdStatus), status.Get(FixTags.OrdType)), Is.EqualTo(("I", "0", "4")));
        Assert.That((Number(status, FixTags.Price), Number(status, StopPx)), Is.EqualTo((28990m, 29000m)));
    }

    /// <summary>Orders the core refuses with one of its conditional reject reasons, as the client sends them; <c>trade</c>: a trade at 30000 first.</summary>
    private static IEnumerable<TestCaseData> CoreRejects()
    {
        yield return new TestCaseData(false, Order("r", '2', '3', "0.5", (FixTags.ExecInst, "a"), (PegOffsetValue, "25"), (PegOffsetType, "1")),
            "NoReferencePrice", 99L).SetName("TrailingStopBeforeAnyTrade_NoReferencePrice");
        yield return new TestCaseData(true, Order("r", '1', '3', "0.5", (StopPx, "29000")), "WouldTriggerImmediately", 99L)
            .SetName("BuyStopBelowTheLastTrade_WouldTriggerImmediately");
        yield return new TestCaseData(false, Order("r", '2', '3', "0.5", (StopPx, "29000"), (ContingencyTag, "1"), (ClOrdLinkID, "nope")),
            "UnknownLinkedOrder", 5L).SetName("LinkToNoOrder_UnknownLinkedOrder");
        yield return new TestCaseData(false, Order("r", '1', '4', "0.5", (FixTags.Price, "30000"), (StopPx, "30000"), (FixTags.ExecInst, "6")),
            "InvalidTrigger", 11L).SetName("PostOnlyStopLimit_InvalidTrigger");
        yield return new TestCaseData(false, Order("r", '1', '2', "0.5", (FixTags.Price, "29000"), (FixTags.TimeInForce, "3"), (MaxFloor, "0.1")),
            "InvalidOrderOption", 11L).SetName("IcebergIoc_InvalidOrderOption");
    }

    [TestCaseSource(nameof(CoreRejects))]
    public async Task NewOrderSingle_RejectedByTheCore_ExecutionReportWithTheReasonAsText(bool trade, Action<FixBodyWriter> order, string text, long ordRejReason)
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();
        if (trade)
        {
            TradeAt(rig, 3_000_000);
        }

        await client.SendAsync("D", order);
        var events = await rig.RunCoreAsync(1);
        var report = await client.ExpectAsync("8");

        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { EventType.Rejected }));
        Assert.That((report.Get(FixTags.ExecType), report.Get(FixTags.OrdStatus), report.Get(FixTags.ClOrdID)), Is.EqualTo(("8", "8", "r")));
        Assert.That(report.Get(FixTags.Text), Is.EqualTo(text));
        Assert.That(report.GetLong(FixTags.OrdRejReason), Is.EqualTo(ordRejReason));
    }

    [Test]
    public async Task SecondOrderTiedToAnAlreadyTiedOrder_RejectedInvalidContingency()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("a", '2', '2', "0.5", (FixTags.Price, "31000")));
        await client.SendAsync("D", Order("b", '2', '3', "0.5", (StopPx, "29000"), (ContingencyTag, "1"), (ClOrdLinkID, "a")));
        await client.SendAsync("D", Order("c", '2', '3', "0.5", (StopPx, "28000"), (ContingencyTag, "1"), (ClOrdLinkID, "a")));
        await rig.RunCoreAsync(3);
        await client.ExpectAsync("8");
        await client.ExpectAsync("8");
        var report = await client.ExpectAsync("8");

        Assert.That((report.Get(FixTags.ClOrdID), report.Get(FixTags.OrdStatus), report.Get(FixTags.Text)), Is.EqualTo(("c", "8", "InvalidContingency")));
        Assert.That(report.Get(ClOrdLinkID), Is.Null, "the order was never tied");
    }

    /// <summary>Every reject reason the conditional orders and quotes brought: the Text is the reason's name, as for the older ones.</summary>
    [TestCase(RejectReason.InvalidTrigger)]
    [TestCase(RejectReason.UnknownLinkedOrder)]
    [TestCase(RejectReason.InvalidContingency)]
    [TestCase(RejectReason.MarketMakerProtection)]
    [TestCase(RejectReason.NoReferencePrice)]
    [TestCase(RejectReason.WouldTriggerImmediately)]
    [TestCase(RejectReason.InvalidQuote)]
    public async Task RejectedPlaceOrder_NewReasons_TextIsTheReasonName(RejectReason reason)
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();
        var rejected = GatewayRig.OrderEvent(EventType.Rejected, 0, "r");
        rejected.RejectReason = reason;
        rejected.Origin = GatewayRig.SessionOrigin(MsgSeqNumOfFirstRequest);

        rig.Deliver(rejected);
        var report = await client.ExpectAsync("8");

        Assert.That((report.Get(FixTags.ExecType), report.Get(FixTags.Text)), Is.EqualTo(("8", reason.ToString())));
    }

    /// <summary>The new cancel reasons reach the order's owner as the Text of its cancel report.</summary>
    [TestCase(CancelReason.Contingency, false)]
    [TestCase(CancelReason.CircuitBreaker, false)]
    [TestCase(CancelReason.MarketMakerProtection, true)]
    public async Task OrderCancelled_NewReasons_TextIsTheReasonName(CancelReason reason, bool quoteLeg)
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();
        var accepted = GatewayRig.OrderEvent(EventType.OrderAccepted, 41, "o1");
        accepted.IsQuote = quoteLeg;
        var cancelled = accepted;
        cancelled.Type = EventType.OrderCancelled;
        cancelled.RemainingLots = 0;
        cancelled.CancelReason = reason;

        rig.Deliver(accepted);
        rig.Deliver(cancelled);
        var report = await client.ExpectAsync("8");
        if (!quoteLeg)
        {
            Assert.That(report.Get(FixTags.ExecType), Is.EqualTo("0"), "an order's acceptance comes first");
            report = await client.ExpectAsync("8");
        }

        Assert.That((report.Get(FixTags.ExecType), report.Get(FixTags.OrdStatus), report.Get(FixTags.Text)), Is.EqualTo(("4", "4", reason.ToString())));
        Assert.That(rig.Gateway.TrackedOrders, Is.Zero);
    }

    [Test]
    public async Task QuoteLegReplacedByTheNextQuote_NoExecutionReport()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();
        var leg = GatewayRig.OrderEvent(EventType.OrderAccepted, 41, "q1");
        leg.IsQuote = true;
        var replaced = leg;
        replaced.Type = EventType.OrderCancelled;
        replaced.RemainingLots = 0;
        replaced.CancelReason = CancelReason.QuoteReplaced;
        var other = GatewayRig.OrderEvent(EventType.OrderAccepted, 42, "after");

        rig.Deliver(leg);
        rig.Deliver(replaced);
        rig.Deliver(other);
        var next = await client.ExpectAsync("8");

        Assert.That(next.Get(FixTags.ClOrdID), Is.EqualTo("after"), "neither the leg's acceptance nor its replacement is reported");
    }
}
