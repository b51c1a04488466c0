namespace Matcher.Cli.Tests;

/// <summary>
/// The simulator's fields for stops, icebergs, OCO pairs, quotes, market-maker protection and
/// the circuit breaker: read from command lines, and printed on the events (docs/SIM.md).
/// </summary>
public class ConditionalSimTests
{
    private const string StopBuy =
        """{"type":"place_order","account":2,"instrument":"BTC-USDT","side":"buy","order_type":"market","trigger":"stop","stop_price":"30000","quantity":"0.1","client_order_id":"stop-1"}""";

    [Test]
    public void Run_StopOrderThenATradeAtItsPrice_PrintsTheTriggerAndItsFill()
    {
        var run = SimRun.OfLines(
            StopBuy,
            Lines.Limit(1, "sell", "30000", "0.5"),
            Lines.Limit(3, "buy", "30000", "0.2"));

        var accepted = run.OfType("order_accepted")[0];
        var triggered = run.Single("order_triggered");
        var trades = run.OfType("trade");
        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(accepted, "trigger"), Is.EqualTo("stop"));
            Assert.That(SimRun.Text(accepted, "stop_price"), Is.EqualTo("30000"));
            Assert.That(SimRun.Text(triggered, "client_order_id"), Is.EqualTo("stop-1"));
            Assert.That(triggered.GetProperty("line").GetInt32(), Is.EqualTo(3), "the trade on line 3 fires it");
            Assert.That(trades, Has.Count.EqualTo(2));
            Assert.That(SimRun.Text(trades[1], "taker_client_order_id"), Is.EqualTo("stop-1"));
            Assert.That(SimRun.Text(trades[1], "quantity"), Is.EqualTo("0.1"));
        });
    }

    [Test]
    public void Run_StopThatWouldFireAtOnce_IsRejectedEchoingItsStopPrice()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "sell", "30000", "0.5"),
            Lines.Limit(3, "buy", "30000", "0.1"),
            StopBuy);

        var rejected = run.Single("rejected");
        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(rejected, "reason"), Is.EqualTo("would_trigger_immediately"));
            Assert.That(SimRun.Text(rejected, "trigger"), Is.EqualTo("stop"));
            Assert.That(SimRun.Text(rejected, "stop_price"), Is.EqualTo("30000"));
        });
    }

    [Test]
    public void Run_IcebergAndOcoLink_ShowTheirDisplayQuantityAndLink()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "sell", "31000", "1", clientId: "ice", extra: "\"display_quantity\":\"0.1\""),
            Lines.Limit(2, "sell", "32000", "0.1", clientId: "tp"),
            """{"type":"place_order","account":2,"instrument":"BTC-USDT","side":"sell","order_type":"market","trigger":"stop","stop_price":"29000","quantity":"0.1","contingency":"one_cancels_other","linked_client_order_id":"tp"}""");

        var accepted = run.OfType("order_accepted");
        var iceLevel = run.OfType("book_level_changed")[0];
        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(accepted[0], "display_quantity"), Is.EqualTo("0.1"));
            Assert.That(SimRun.Text(iceLevel, "quantity"), Is.EqualTo("0.1"), "the book shows only the display quantity");
            Assert.That(accepted[2].GetProperty("linked_order_id").GetInt64(), Is.EqualTo(accepted[1].GetProperty("order_id").GetInt64()));
        });
    }

    [Test]
    public void Run_QuoteThenProtectionTrips_PrintsTheQuoteAndThePulledLegs()
    {
        var run = SimRun.OfLines(
            """{"type":"set_market_maker_protection","account":1,"window_ns":1000000000,"max_fills":0,"max_lots":1000}""",
            """{"type":"quote","account":1,"instrument":"BTC-USDT","bid_price":"29990","bid_quantity":"0.5","ask_price":"30010","ask_quantity":"0.5","client_order_id":"q1"}""",
            Lines.Limit(2, "buy", "30010", "0.2"));

        var quote = run.Single("quote_accepted");
        var protection = run.OfType("market_maker_protection_updated");
        var pulled = run.OfType("order_cancelled");
        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(quote, "bid_price"), Is.EqualTo("29990"));
            Assert.That(SimRun.Text(quote, "ask_quantity"), Is.EqualTo("0.5"));
            Assert.That(quote.GetProperty("ask_order_id").GetInt64(), Is.GreaterThan(quote.GetProperty("bid_order_id").GetInt64()));
            Assert.That(protection.ConvertAll(p => p.GetProperty("tripped").GetBoolean()), Is.EqualTo(new[] { false, true }));
            Assert.That(protection[1].GetProperty("window_lots").GetInt64(), Is.EqualTo(2000));
            Assert.That(pulled.ConvertAll(p => SimRun.Text(p, "reason")), Is.EqualTo(new[] { "market_maker_protection", "market_maker_protection" }));
            Assert.That(pulled.TrueForAll(p => p.GetProperty("quote").GetBoolean()));
        });
    }

    [Test]
    public void Run_TradeBeyondTheBreaker_StopsTheInstrumentNamingTheReference()
    {
        var run = SimRun.OfLines(
            """{"type":"set_circuit_breaker","instrument":"BTC-USDT","limit_bps":100,"window_ns":60000000000}""",
            Lines.Limit(1, "sell", "30000", "0.1"),
            Lines.Limit(2, "buy", "30000", "0.1"),
            Lines.Limit(1, "sell", "31000", "0.1"),
            Lines.Limit(2, "buy", "31000", "0.1"));

        var defined = run.Single("instrument_defined");
        var status = run.Single("instrument_status_changed");
        Assert.Multiple(() =>
        {
            Assert.That(defined.GetProperty("circuit_breaker_bps").GetInt64(), Is.EqualTo(100));
            Assert.That(defined.GetProperty("circuit_breaker_window_ns").GetInt64(), Is.EqualTo(60_000_000_000));
            Assert.That(run.OfType("trade"), Has.Count.EqualTo(1), "the 31000 trade never happens");
            Assert.That(SimRun.Text(status, "status"), Is.EqualTo("cancel_only"));
            Assert.That(SimRun.Text(status, "reason"), Is.EqualTo("circuit_breaker"));
            Assert.That(SimRun.Text(status, "reference_price"), Is.EqualTo("30000"));
        });
    }
}
