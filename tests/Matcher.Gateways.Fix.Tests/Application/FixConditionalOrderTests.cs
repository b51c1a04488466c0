using Matcher.Core.Commands;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Application;

/// <summary>
/// NewOrderSingle and OrderCancelReplaceRequest with stop, stop-limit, market-if-touched,
/// trailing stop, iceberg and one-cancels-other fields: what each becomes in the command,
/// and what the gateway refuses (with a reason, publishing nothing).
/// </summary>
public class FixConditionalOrderTests
{
    private const int StopPx = 99, MaxFloor = 111, PegOffsetValue = 211, PegOffsetType = 836, ClOrdLinkID = 583, ContingencyTag = 1385;

    /// <summary>A buy of 0.5 BTC-USD with OrdType <paramref name="ordType"/> and the extra fields.</summary>
    private static Action<FixBodyWriter> Order(string clOrdId, char ordType, params (int Tag, string Value)[] extra) => body =>
    {
        body.Add(FixTags.ClOrdID, clOrdId).Add(FixTags.Symbol, "BTC-USD").Add(FixTags.Side, (byte)'1').Add(FixTags.OrderQty, "0.5")
            .Add(FixTags.OrdType, (byte)ordType);
        foreach (var (tag, value) in extra)
        {
            body.Add(tag, value);
        }
    };

    private static async Task<Command> PlaceAsync(char ordType, params (int Tag, string Value)[] extra)
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();
        await client.SendAsync("D", Order("c1", ordType, extra));
        await rig.WaitForPublished(1);
        return rig.Published().Single();
    }

    [Test]
    public async Task NewOrderSingle_OrdType3_IsAStopMarketWithItsStopPrice()
    {
        var command = await PlaceAsync('3', (StopPx, "29000"));

        Assert.That((command.Trigger, command.OrderType), Is.EqualTo((TriggerType.Stop, OrderType.Market)));
        Assert.That(command.StopPriceTicks, Is.EqualTo(2_900_000));
        Assert.That(command.PriceTicks, Is.Zero);
        Assert.That(command.Contingency, Is.EqualTo(ContingencyType.None));
    }

    [TestCase('3', null, TimeInForce.None)]
    [TestCase('3', "1", TimeInForce.None)]
    [TestCase('J', "1", TimeInForce.None)]
    [TestCase('3', "4", TimeInForce.FillOrKill)]
    public async Task NewOrderSingle_MarketTriggerWithGtc_WaitsUntilTriggered_ThenRunsAsTheCoresMarketDefault(char ordType, string? tif, TimeInForce expected)
    {
        var command = tif is null
            ? await PlaceAsync(ordType, (StopPx, "29000"))
            : await PlaceAsync(ordType, (StopPx, "29000"), (FixTags.TimeInForce, tif));

        Assert.That(command.TimeInForce, Is.EqualTo(expected));
    }

    [Test]
    public async Task NewOrderSingle_StopLimitWithGtc_StaysGtc()
    {
        var command = await PlaceAsync('4', (FixTags.Price, "28990"), (StopPx, "29000"), (FixTags.TimeInForce, "1"));

        Assert.That(command.TimeInForce, Is.EqualTo(TimeInForce.GoodTillCancel));
    }

    [Test]
    public async Task NewOrderSingle_OrdType4_IsAStopLimit()
    {
        var command = await PlaceAsync('4', (FixTags.Price, "28990.5"), (StopPx, "29000.01"));

        Assert.That((command.Trigger, command.OrderType), Is.EqualTo((TriggerType.Stop, OrderType.Limit)));
        Assert.That((command.PriceTicks, command.StopPriceTicks), Is.EqualTo((2_899_050L, 2_900_001L)));
    }

    [Test]
    public async Task NewOrderSingle_OrdTypeJ_IsATakeProfit_MarketWithoutPrice()
    {
        var command = await PlaceAsync('J', (StopPx, "31000"));

        Assert.That((command.Trigger, command.OrderType, command.StopPriceTicks), Is.EqualTo((TriggerType.TakeProfit, OrderType.Market, 3_100_000L)));
    }

    [Test]
    public async Task NewOrderSingle_OrdTypeJWithPrice_IsATakeProfitLimit()
    {
        var command = await PlaceAsync('J', (FixTags.Price, "31005"), (StopPx, "31000"));

        Assert.That((command.Trigger, command.OrderType), Is.EqualTo((TriggerType.TakeProfit, OrderType.Limit)));
        Assert.That((command.PriceTicks, command.StopPriceTicks), Is.EqualTo((3_100_500L, 3_100_000L)));
    }

    [TestCase("50.5", "0", 5_050L, 0L)]
    [TestCase("-50", null, 5_000L, 0L)]
    [TestCase("25", "1", 0L, 25L)]
    [TestCase("7", "2", 7L, 0L)]
    public async Task NewOrderSingle_TrailingStopPeg_OffsetInTicksOrBasisPoints(string offset, string? offsetType, long ticks, long bps)
    {
        var command = offsetType is null
            ? await PlaceAsync('3', (FixTags.ExecInst, "a"), (PegOffsetValue, offset))
            : await PlaceAsync('3', (FixTags.ExecInst, "a"), (PegOffsetValue, offset), (PegOffsetType, offsetType));

        Assert.That((command.Trigger, command.OrderType), Is.EqualTo((TriggerType.TrailingStop, OrderType.Market)));
        Assert.That((command.TrailingOffsetTicks, command.TrailingOffsetBps), Is.EqualTo((ticks, bps)));
        Assert.That(command.StopPriceTicks, Is.Zero);
    }

    [TestCase("6")]
    [TestCase("G 6")]
    public async Task NewOrderSingle_ExecInst6_IsPostOnly(string execInst)
    {
        var command = await PlaceAsync('2', (FixTags.Price, "30000"), (FixTags.ExecInst, execInst));

        Assert.That(command.PostOnly, Is.True);
        Assert.That(command.Trigger, Is.EqualTo(TriggerType.None));
    }

    [Test]
    public async Task NewOrderSingle_MaxFloor_IsTheDisplayQuantityInLots()
    {
        var command = await PlaceAsync('2', (FixTags.Price, "30000"), (MaxFloor, "0.1"));

        Assert.That(command.DisplayLots, Is.EqualTo(1_000));
        Assert.That(command.QuantityLots, Is.EqualTo(5_000));
    }

    [Test]
    public async Task NewOrderSingle_ContingencyType1_TiesTheOrderToClOrdLinkID()
    {
        var command = await PlaceAsync('3', (StopPx, "29000"), (ContingencyTag, "1"), (ClOrdLinkID, "take-profit-1"));

        Assert.That(command.Contingency, Is.EqualTo(ContingencyType.OneCancelsOther));
        Assert.That(command.LinkedClientOrderId, Is.EqualTo(ClientOrderId.From("take-profit-1")));
        Assert.That(command.LinkedOrderId, Is.Zero);
    }

    /// <summary>Replaces order c1 (a buy stop) by c2 with a new StopPx, price and quantity unchanged.</summary>
    private static Action<FixBodyWriter> ReplaceStop(string stopPx) => body => body.Add(FixTags.ClOrdID, "c2").Add(FixTags.OrigClOrdID, "c1")
        .Add(FixTags.Symbol, "BTC-USD").Add(FixTags.Side, (byte)'1').Add(FixTags.OrdType, (byte)'3').Add(StopPx, stopPx);

    [Test]
    public async Task CancelReplace_StopPx_MovesTheTrigger()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("G", ReplaceStop("28500"));
        await rig.WaitForPublished(1);

        var command = rig.Published().Single();
        Assert.That(command.Type, Is.EqualTo(CommandType.CancelReplace));
        Assert.That(command.StopPriceTicks, Is.EqualTo(2_850_000));
        Assert.That((command.PriceTicks, command.QuantityLots), Is.EqualTo((0L, 0L)), "price and quantity unchanged");
    }

    [Test]
    public async Task CancelReplace_OffTickStopPx_CancelRejectNothingPublished()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("G", ReplaceStop("28500.001"));
        var reject = await client.ExpectAsync("9");

        Assert.That(reject.Get(FixTags.CxlRejResponseTo), Is.EqualTo("2"));
        Assert.That(reject.Get(FixTags.Text), Does.Contain("StopPx").And.Contain("tick size"));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }

    /// <summary>Refused with an ExecutionReport 39=8 whose Text names the problem.</summary>
    private static IEnumerable<TestCaseData> RejectedOrders()
    {
        yield return new TestCaseData('3', new[] { (StopPx, "29000.001") }, "StopPx must be a positive multiple of the tick size").SetName("OffTickStopPx");
        yield return new TestCaseData('3', new[] { (StopPx, "-29000") }, "StopPx must be a positive multiple").SetName("NegativeStopPx");
        yield return new TestCaseData('2', new[] { (FixTags.Price, "30000"), (StopPx, "29000") }, "StopPx (99) applies only").SetName("StopPxOnALimitOrder");
        yield return new TestCaseData('2', new[] { (FixTags.Price, "30000"), (PegOffsetValue, "5") }, "apply only to a trailing stop").SetName("PegOffsetValueWithoutExecInstA");
        yield return new TestCaseData('3', new[] { (StopPx, "29000"), (PegOffsetType, "1") }, "apply only to a trailing stop").SetName("PegOffsetTypeWithoutExecInstA");
        yield return new TestCaseData('2', new[] { (FixTags.Price, "30000"), (FixTags.ExecInst, "a"), (PegOffsetValue, "5") }, "needs OrdType 3").SetName("TrailingLimit");
        yield return new TestCaseData('3', new[] { (FixTags.ExecInst, "a"), (PegOffsetValue, "5"), (StopPx, "29000") }, "not StopPx").SetName("TrailingWithStopPx");
        yield return new TestCaseData('3', new[] { (FixTags.ExecInst, "a"), (PegOffsetValue, "5.001") }, "tick size").SetName("TrailingOffTickOffset");
        yield return new TestCaseData('3', new[] { (FixTags.ExecInst, "a"), (PegOffsetValue, "0") }, "non-zero").SetName("TrailingZeroOffset");
        yield return new TestCaseData('3', new[] { (FixTags.ExecInst, "a"), (PegOffsetValue, "2.5"), (PegOffsetType, "1") }, "whole number of basis points").SetName("TrailingFractionalBps");
        yield return new TestCaseData('3', new[] { (FixTags.ExecInst, "a"), (PegOffsetValue, "5"), (PegOffsetType, "3") }, "PegOffsetType (836) must be").SetName("TrailingPriceTierOffset");
        yield return new TestCaseData('2', new[] { (FixTags.Price, "30000"), (MaxFloor, "0.00005") }, "MaxFloor must be a positive multiple of the lot size").SetName("MaxFloorOffLot");
        yield return new TestCaseData('2', new[] { (FixTags.Price, "30000"), (MaxFloor, "0") }, "MaxFloor must be").SetName("MaxFloorZero");
        yield return new TestCaseData('2', new[] { (FixTags.Price, "30000"), (ContingencyTag, "2"), (ClOrdLinkID, "x") }, "ContingencyType (1385) must be 1").SetName("UnknownContingencyType");
        yield return new TestCaseData('2', new[] { (FixTags.Price, "30000"), (ClOrdLinkID, "x") }, "needs ContingencyType").SetName("ClOrdLinkIDWithoutContingencyType");
        yield return new TestCaseData('2', new[] { (FixTags.Price, "30000"), (ContingencyTag, "1"), (ClOrdLinkID, new string('x', 33)) }, "ClOrdLinkID must be").SetName("ClOrdLinkIDTooLong");
    }

    [TestCaseSource(nameof(RejectedOrders))]
    public async Task NewOrderSingle_BadConditionalField_RejectedWithAReason_NothingPublished(char ordType, (int Tag, string Value)[] fields, string reason)
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("bad", ordType, fields));
        var report = await client.ExpectAsync("8");

        Assert.That((report.Get(FixTags.ExecType), report.Get(FixTags.OrdStatus)), Is.EqualTo(("8", "8")));
        Assert.That(report.Get(FixTags.ClOrdID), Is.EqualTo("bad"));
        Assert.That(report.Get(FixTags.Text), Does.Contain(reason));
        Assert.That(report.Has(FixTags.OrdRejReason), Is.True);
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1), "nothing reached the core");
        Assert.That(rig.Gateway.GatewayRejects, Is.EqualTo(1));
    }

    /// <summary>A conditionally required tag missing: a session Reject (373=1) naming it.</summary>
    [TestCase('3', 99, new int[0], new string[0])]
    [TestCase('4', 99, new[] { FixTags.Price }, new[] { "28990" })]
    [TestCase('J', 99, new int[0], new string[0])]
    [TestCase('4', FixTags.Price, new[] { StopPx }, new[] { "29000" })]
    [TestCase('3', PegOffsetValue, new[] { FixTags.ExecInst }, new[] { "a" })]
    [TestCase('2', ClOrdLinkID, new[] { FixTags.Price, ContingencyTag }, new[] { "30000", "1" })]
    public async Task NewOrderSingle_RequiredConditionalTagMissing_SessionRejectNamesIt(char ordType, int missingTag, int[] tags, string[] values)
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("bad", ordType, [.. tags.Zip(values)]));
        var reject = await client.ExpectAsync("3");

        Assert.That(reject.GetLong(FixTags.RefTagID), Is.EqualTo(missingTag));
        Assert.That(reject.GetLong(FixTags.SessionRejectReason), Is.EqualTo(1));
        Assert.That(reject.Get(FixTags.Text), Does.Contain("required"));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }

    [Test]
    public async Task NewOrderSingle_UnknownOrdType_SessionRejectValueIncorrect()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("bad", 'P', (FixTags.Price, "30000")));
        var reject = await client.ExpectAsync("3");

        Assert.That((reject.GetLong(FixTags.RefTagID), reject.GetLong(FixTags.SessionRejectReason)), Is.EqualTo((FixTags.OrdType, 5L)));
        Assert.That(reject.Get(FixTags.Text), Does.Contain("J (market if touched)"));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }
}
