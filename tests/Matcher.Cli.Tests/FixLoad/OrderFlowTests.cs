using System.Text;
using Matcher.Cli.FixLoad;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Cli.Tests.FixLoad;

public sealed class OrderFlowTests
{
    private const long TransactTimeNs = 1_767_225_600_000_000_000; // 2026-01-01T00:00:00Z

    private static OrderFlowSettings Settings(int crossPercent = 0, int cancelEvery = 1000, int levels = 5) =>
        new("LTEST", "BTC-USD", 100m, 0.01m, 0.001m, levels, crossPercent, cancelEvery);

    [Test]
    public void IsBuy_Alternates_EvenBuysOddSells()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OrderFlow.IsBuy(0), Is.True);
            Assert.That(OrderFlow.IsBuy(1), Is.False);
            Assert.That(OrderFlow.IsBuy(1000), Is.True);
        });
    }

    [Test]
    public void PriceTicksOf_NoCrossing_BuysBelowAndSellsAboveTheMidOverTheLevels()
    {
        var flow = new OrderFlow(Settings(levels: 5));
        var buys = new HashSet<long>();
        var sells = new HashSet<long>();
        for (var k = 0; k < 1_000; k++)
        {
            (OrderFlow.IsBuy(k) ? buys : sells).Add(flow.PriceTicksOf(k));
        }

        Assert.Multiple(() =>
        {
            Assert.That(buys, Is.EquivalentTo(new[] { 9_999L, 9_998, 9_997, 9_996, 9_995 }));
            Assert.That(sells, Is.EquivalentTo(new[] { 10_001L, 10_002, 10_003, 10_004, 10_005 }));
            Assert.That(Enumerable.Range(0, 1_000).Any(k => flow.Crosses(k)), Is.False);
        });
    }

    [TestCase(0, 0)]
    [TestCase(10, 100)]
    [TestCase(25, 250)]
    [TestCase(100, 1000)]
    public void Crosses_OverAThousandOrders_CrossesExactlyThePercentage(int percent, int expected)
    {
        var flow = new OrderFlow(Settings(crossPercent: percent));

        Assert.That(Enumerable.Range(0, 1_000).Count(k => flow.Crosses(k)), Is.EqualTo(expected));
    }

    [Test]
    public void PriceTicksOf_CrossingOrders_GoThroughEveryRestingLevel()
    {
        var flow = new OrderFlow(Settings(crossPercent: 100, levels: 5));

        Assert.Multiple(() =>
        {
            Assert.That(flow.PriceTicksOf(0), Is.EqualTo(10_005), "a crossing buy reaches the highest resting sell");
            Assert.That(flow.PriceTicksOf(1), Is.EqualTo(9_995), "a crossing sell reaches the lowest resting buy");
        });
    }

    [Test]
    public void CancelDueAfter_EveryThousand_AfterOrders999And1999()
    {
        var flow = new OrderFlow(Settings(cancelEvery: 1000));
        var never = new OrderFlow(Settings(cancelEvery: 0));

        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, 3_000).Where(k => flow.CancelDueAfter(k)), Is.EqualTo(new[] { 999, 1999, 2999 }));
            Assert.That(Enumerable.Range(0, 3_000).Any(k => never.CancelDueAfter(k)), Is.False);
        });
    }

    [Test]
    public void WriteOrder_FramedAndParsed_CarriesTheOrdersFields()
    {
        var flow = new OrderFlow(Settings());
        var body = new FixBodyWriter();

        flow.WriteOrder(body, 3, TransactTimeNs);
        var message = Frame("D", body);

        Assert.Multiple(() =>
        {
            Assert.That(Text(message, FixTags.ClOrdID), Is.EqualTo("LTEST3"));
            Assert.That(Text(message, FixTags.Symbol), Is.EqualTo("BTC-USD"));
            Assert.That(Text(message, FixTags.Side), Is.EqualTo("2"));
            Assert.That(Text(message, FixTags.OrderQty), Is.EqualTo("0.001"));
            Assert.That(Text(message, FixTags.OrdType), Is.EqualTo("2"));
            Assert.That(Text(message, FixTags.Price), Is.EqualTo("100.02"));
            Assert.That(Text(message, FixTags.TimeInForce), Is.EqualTo("1"));
            Assert.That(Text(message, FixTags.TransactTime), Is.EqualTo("20260101-00:00:00.000"));
        });
    }

    [Test]
    public void WriteMassCancel_FramedAndParsed_CancelsAllOrdersUnderAnIdThatIsNoOrder()
    {
        var flow = new OrderFlow(Settings());
        var body = new FixBodyWriter();

        flow.WriteMassCancel(body, 999, TransactTimeNs);
        var message = Frame("q", body);

        Assert.Multiple(() =>
        {
            Assert.That(Text(message, FixTags.ClOrdID), Is.EqualTo("LTESTC999"));
            Assert.That(Text(message, FixTags.MassCancelRequestType), Is.EqualTo("7"));
            Assert.That(flow.TryParseOrderNumber("LTESTC999"u8, out _), Is.False);
        });
    }

    [TestCase("LTEST0", true, 0)]
    [TestCase("LTEST123456789", true, 123456789)]
    [TestCase("LTEST", false, -1)]
    [TestCase("LTEST012", false, -1)]
    [TestCase("LTEST-1", false, -1)]
    [TestCase("LOTHER12", false, -1)]
    [TestCase("12", false, -1)]
    public void TryParseOrderNumber_Ids_OnlyThisRunsOrders(string clOrdId, bool parsed, long expected)
    {
        var flow = new OrderFlow(Settings());

        var result = flow.TryParseOrderNumber(Encoding.ASCII.GetBytes(clOrdId), out var k);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(parsed));
            Assert.That(k, Is.EqualTo(expected));
        });
    }

    [Test]
    public void Unscale_Decimals_IntegerAndScale()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OrderFlow.Unscale(0.01m), Is.EqualTo((1L, 2)));
            Assert.That(OrderFlow.Unscale(100m), Is.EqualTo((100L, 0)));
            Assert.That(OrderFlow.Unscale(0.0010m), Is.EqualTo((10L, 4)));
        });
    }

    [TestCase("", "run tag")]
    [TestCase("BAD-TAG", "run tag")]
    [TestCase("ABCDEFGHIJKLM", "run tag")]
    public void Validate_BadRunTag_SaysSo(string runTag, string expected)
    {
        Assert.That((Settings() with { RunTag = runTag }).Validate(), Does.Contain(expected));
    }

    [Test]
    public void Validate_OffTickPriceOrTooManyLevels_SaysSo()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Settings().Validate(), Is.Null);
            Assert.That((Settings() with { Price = 100.005m }).Validate(), Does.Contain("not a multiple of --tick"));
            Assert.That((Settings() with { Price = 0.05m }).Validate(), Does.Contain("--levels"));
            Assert.That((Settings() with { CrossPercent = 101 }).Validate(), Does.Contain("--cross-percent"));
        });
    }

    internal static FixMessage Frame(string msgType, FixBodyWriter body)
    {
        var buffer = new byte[1024];
        var length = FixEncoder.Encode(buffer, Encoding.ASCII.GetBytes(msgType), "LOAD1"u8, "MATCHER"u8, 7, TransactTimeNs, body.Written);
        var message = new FixMessage();
        Assert.That(FixParser.TryParse(buffer.AsMemory(0, length), message, out var consumed), Is.EqualTo(FixParseStatus.Complete));
        Assert.That(consumed, Is.EqualTo(length));
        return message;
    }

    internal static string Text(FixMessage message, int tag) =>
        message.TryGet(tag, out var value) ? Encoding.ASCII.GetString(value) : "<absent>";
}
