using Matcher.Cli.WsLoad;
using Matcher.Client;
using Matcher.Protocol;

namespace Matcher.Cli.Tests.WsLoad;

public sealed class WsOrderFlowTests
{
    // BTC-USD: tick 0.01, lot 0.0001.
    private static readonly InstrumentInfo _btc = new(new InstrumentEntry
    {
        InstrumentId = 1,
        Status = 1,
        TickMantissa = 1,
        TickScale = 2,
        LotMantissa = 1,
        LotScale = 4,
        Symbol = Chars16.From("BTC-USD"),
    });

    private static WsOrderFlow Flow(decimal price = 100m, decimal quantity = 0.02m, int levels = 5, int resting = 10) =>
        new(new WsOrderFlowSettings("LT", "BTC-USD", price, quantity, levels, resting), _btc);

    [Test]
    public void PriceTicksOf_BuysBelowAndSellsAboveTheMidOverTheLevels()
    {
        var flow = Flow(levels: 3);
        var prices = Enumerable.Range(0, 12).Select(k => flow.PriceTicksOf(k)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(prices, Is.EqualTo(new long[] { 9999, 10001, 9998, 10002, 9997, 10003, 9999, 10001, 9998, 10002, 9997, 10003 }));
            Assert.That(flow.QuantityLots, Is.EqualTo(200));
            Assert.That(flow.InstrumentId, Is.EqualTo(1));
            Assert.That(WsOrderFlow.IsBuy(4), Is.True);
            Assert.That(WsOrderFlow.IsBuy(5), Is.False);
        });
    }

    [Test]
    public void FormatClOrdId_RunTagConnectionAndOrderNumber_FitThirtyTwoCharacters()
    {
        var flow = new WsOrderFlow(new WsOrderFlowSettings("L123456789AB", "BTC-USD", 100m, 0.02m, 5, 10), _btc);
        Span<char> text = stackalloc char[WsOrderFlow.MaxClOrdIdLength];

        var small = text[..Flow().FormatClOrdId(text, 2, 17)].ToString();
        var large = text[..flow.FormatClOrdId(text, 1000, 99_999_999_999_999)].ToString();

        Assert.Multiple(() =>
        {
            Assert.That(small, Is.EqualTo("LT2-17"));
            Assert.That(large, Is.EqualTo("L123456789AB1000-99999999999999"));
            Assert.That(large.Length, Is.LessThanOrEqualTo(32));
        });
    }

    [Test]
    public void CancelDueAfter_RestingN_CancelsTheOrderNBefore()
    {
        var flow = Flow(resting: 3);

        Assert.Multiple(() =>
        {
            Assert.That(flow.CancelDueAfter(2, out _), Is.False);
            Assert.That(flow.CancelDueAfter(3, out var first), Is.True);
            Assert.That(first, Is.Zero);
            Assert.That(flow.CancelDueAfter(10, out var later) && later == 7, Is.True);
            Assert.That(Flow(resting: 0).CancelDueAfter(1000, out _), Is.False);
        });
    }

    [TestCase(100.001, 0.02, "not a whole number of BTC-USD's tick 0.01")]
    [TestCase(100, 0.00001, "not a whole number of BTC-USD's lot 0.0001")]
    [TestCase(0.05, 0.02, "more than --levels ticks")]
    public void Constructor_PricesThatDoNotFitTheInstrument_Throw(decimal price, decimal quantity, string message) =>
        Assert.That(() => Flow(price, quantity), Throws.InstanceOf<WsLoadException>().With.Message.Contains(message));
}
