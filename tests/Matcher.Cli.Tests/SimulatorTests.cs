using System.Text;
using Matcher.Cli.Sim;

namespace Matcher.Cli.Tests;

public sealed class SimulatorTests
{
    [Test]
    public void Run_CrossingLimitOrder_PrintsTradeWithDecimalStrings()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "sell", "30000.00", "0.5", clientId: "ask-1"),
            Lines.Limit(2, "buy", "30005", "0.6", clientId: "bid-1"));

        var trade = run.Single("trade");
        Assert.That(trade.GetRawText(), Is.EqualTo(
            """{"type":"trade","seq":20,"line":2,"time":"2024-01-01T00:00:00.000000020Z","command":"place_order","instrument":"BTC-USDT","trade_id":1,"price":"30000","quantity":"0.5","notional":"15000","taker_side":"buy","taker_account":2,"taker_order_id":2,"taker_client_order_id":"bid-1","taker_filled":"0.5","taker_remaining":"0.1","taker_fee":"0.00025","taker_fee_asset":"BTC","maker_account":1,"maker_order_id":1,"maker_client_order_id":"ask-1","maker_filled":"0.5","maker_remaining":"0","maker_fee":"-1.5","maker_fee_asset":"USDT"}"""));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void Run_CrossingLimitOrder_RestsRemainderAndSettlesBalances()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "sell", "30000.00", "0.5"),
            Lines.Limit(2, "buy", "30005", "0.6"));

        var lastLevel = run.OfType("book_level_changed")[^1];
        var buyerUsdt = run.OfType("balance_changed").FindLast(l => l.GetProperty("account").GetInt64() == 2 && SimRun.Text(l, "asset") == "USDT");
        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(lastLevel, "side"), Is.EqualTo("buy"));
            Assert.That(SimRun.Text(lastLevel, "price"), Is.EqualTo("30005"));
            Assert.That(SimRun.Text(lastLevel, "quantity"), Is.EqualTo("0.1"));

            // 1000000 less 15000 paid for the fill and 3000.5 locked by the resting 0.1 at 30005.
            Assert.That(SimRun.Text(buyerUsdt, "available"), Is.EqualTo("981999.5"));
            Assert.That(SimRun.Text(buyerUsdt, "locked"), Is.EqualTo("3000.5"));
        });
    }

    [Test]
    public void Run_OffTickPrice_PrintsInputErrorAndChangesNothing()
    {
        var resting = Lines.Limit(1, "sell", "30000", "0.5");
        var offTick = Lines.Limit(2, "buy", "30000.015", "0.1");
        var withBadLine = SimRun.OfLines(resting, offTick, Lines.StateHash);
        var without = SimRun.OfLines(resting, Lines.StateHash);

        var error = withBadLine.Single("input_error");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetRawText(), Is.EqualTo(
                """{"type":"input_error","line":2,"error":"price 30000.015 is not a multiple of tick 0.01 (BTC-USDT)"}"""));
            Assert.That(withBadLine.LastHash(), Is.EqualTo(without.LastHash()));
            Assert.That(withBadLine.OfType("trade"), Is.Empty);
            Assert.That(withBadLine.ExitCode, Is.EqualTo(ExitCodes.InputErrors));
        });
    }

    [Test]
    public void Run_OffLotQuantity_PrintsInputErrorAndChangesNothing()
    {
        var resting = Lines.Limit(1, "sell", "30000", "0.5");
        var offLot = Lines.Limit(2, "buy", "30000", "0.00005");
        var withBadLine = SimRun.OfLines(resting, offLot, Lines.StateHash);
        var without = SimRun.OfLines(resting, Lines.StateHash);

        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(withBadLine.Single("input_error"), "error"),
                Is.EqualTo("quantity 0.00005 is not a multiple of lot 0.0001 (BTC-USDT)"));
            Assert.That(withBadLine.LastHash(), Is.EqualTo(without.LastHash()));
        });
    }

    [Test]
    public void Run_OffGridAmount_PrintsInputErrorAndChangesNothing()
    {
        var withBadLine = SimRun.OfLines("""{"type":"deposit","account":1,"asset":"USDT","amount":"1.0000001"}""", Lines.StateHash);
        var without = SimRun.OfLines(Lines.StateHash);

        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(withBadLine.Single("input_error"), "error"),
                Is.EqualTo("amount 1.0000001 is not a multiple of 0.000001 (USDT has 6 decimals)"));
            Assert.That(withBadLine.LastHash(), Is.EqualTo(without.LastHash()));
        });
    }

    [Test]
    public void Run_MalformedJson_PrintsErrorWithLineNumberAndContinues()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "sell", "30000", "0.5"),
            "",
            """{"type":"place_order","account":2,""",
            Lines.Limit(2, "buy", "30000", "0.5"));

        var error = run.Single("input_error");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("line").GetInt32(), Is.EqualTo(3));
            Assert.That(SimRun.Text(error, "error"), Does.StartWith("malformed JSON: "));
            Assert.That(run.Single("trade").GetProperty("line").GetInt32(), Is.EqualTo(4));
        });
    }

    [TestCase("""[1,2]""", "the line must be a JSON object, not an array")]
    [TestCase("""{"type":"fly"}""", "type \"fly\" is not a command type: one of place_order, cancel_order, amend_order, cancel_replace, mass_cancel, expire_orders, cancel_session_orders, quote, reset_market_maker_protection, add_asset, add_instrument, update_instrument, set_instrument_status, set_fee_tier, create_account, set_account_fee_tier, set_account_limits, set_account_status, set_price_band, set_circuit_breaker, set_market_maker_protection, deposit, request_withdrawal, complete_withdrawal, fail_withdrawal, query_state_hash")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"BTC-USDT","qty":"1"}""", "unknown field \"qty\" for place_order")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"DOGE-USDT"}""", "instrument \"DOGE-USDT\" is not a known instrument")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"BTC-USDT","side":"long"}""", "side \"long\" is not one of: none, buy, sell")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"BTC-USDT","price":30000}""", "price must be a decimal string such as \"1.25\", not the number 30000")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"BTC-USDT","price":"3e4"}""", "price \"3e4\" is not a decimal (digits, an optional point, no exponent)")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"BTC-USDT","price":"0"}""", "price 0 is not positive")]
    [TestCase("""{"type":"place_order","account":1,"account":2,"instrument":"BTC-USDT"}""", "field account is given twice")]
    [TestCase("""{"type":"place_order","instrument":"BTC-USDT"}""", "missing field account")]
    [TestCase("""{"type":"place_order","account":1.5,"instrument":"BTC-USDT"}""", "account must be an integer, not the number 1.5")]
    [TestCase("""{"type":"deposit","account":1,"asset":"DOGE","amount":"1"}""", "asset \"DOGE\" is not a known asset")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"BTC-USDT","client_order_id":"0123456789012345678901234567890123"}""", "client_order_id \"0123456789012345678901234567890123\" is not a client order id (up to 32 printable ASCII characters)")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"BTC-USDT","trigger":"sometimes"}""", "trigger \"sometimes\" is not one of: none, stop, take_profit, trailing_stop")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"BTC-USDT","stop_price":"1.001"}""", "stop_price 1.001 is not a multiple of tick 0.01 (BTC-USDT)")]
    [TestCase("""{"type":"place_order","account":1,"instrument":"BTC-USDT","contingency":"both"}""", "contingency \"both\" is not one of: none, one_cancels_other")]
    [TestCase("""{"type":"quote","account":1,"instrument":"BTC-USDT","bid_quantity":"0.00001"}""", "bid_quantity 0.00001 is not a multiple of lot 0.0001 (BTC-USDT)")]
    [TestCase("""{"type":"set_market_maker_protection","account":1,"max_fills":1.5}""", "max_fills must be an integer, not the number 1.5")]
    [TestCase("""{"type":"set_circuit_breaker","instrument":"BTC-USDT","limit":500}""", "unknown field \"limit\" for set_circuit_breaker")]
    public void Run_InvalidLine_PrintsInputErrorNamingTheProblem(string line, string expected)
    {
        var run = SimRun.OfLines(line, Lines.StateHash);

        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(run.Single("input_error"), "error"), Is.EqualTo(expected));
            Assert.That(run.Single("state_hash").GetProperty("seq").GetInt64(), Is.EqualTo(Setups.CommandCount + 1), "the bad line took no sequence");
        });
    }

    [Test]
    public void Run_CancelSessionOrders_CancelsTheAccountsOrdersWithReasonSessionDisconnected()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "buy", "29000", "0.1"),
            Lines.Limit(1, "sell", "31000", "0.2", instrument: "BTC-USDT"),
            Lines.Limit(2, "buy", "29000", "0.1"),
            """{"type":"cancel_session_orders","account":1}""");

        var cancels = run.OfType("order_cancelled");
        Assert.Multiple(() =>
        {
            Assert.That(cancels.Select(c => (c.GetProperty("account").GetInt64(), SimRun.Text(c, "reason"), SimRun.Text(c, "command"))),
                Is.EqualTo(new[] { (1L, "session_disconnected", "cancel_session_orders"), (1L, "session_disconnected", "cancel_session_orders") }));
            Assert.That(run.Single("mass_cancelled").GetRawText(), Is.EqualTo(
                """{"type":"mass_cancelled","seq":22,"line":4,"time":"2024-01-01T00:00:00.000000022Z","command":"cancel_session_orders","account":1,"orders":2}"""));
        });
    }

    [Test]
    public void Run_CoreRejectsOrder_PrintsRejectedWithReasonNameAndEcho()
    {
        var run = SimRun.OfLines(Lines.Limit(3, "buy", "30000", "100"));

        Assert.That(run.Single("rejected").GetRawText(), Is.EqualTo(
            """{"type":"rejected","seq":19,"line":1,"time":"2024-01-01T00:00:00.000000019Z","command":"place_order","reason":"insufficient_funds","account":3,"instrument":"BTC-USDT","side":"buy","order_type":"limit","price":"30000","quantity":"100"}"""));
    }

    [Test]
    public void Run_SameInputTwice_GivesIdenticalBytes()
    {
        var commands = RandomFlow.Generate(seed: 7, count: 2_000);

        var first = SimRun.Of(Setups.BtcUsdt, commands, setupEvents: true);
        var second = SimRun.Of(Setups.BtcUsdt, commands, setupEvents: true);

        Assert.Multiple(() =>
        {
            Assert.That(first.OfType("trade"), Has.Count.GreaterThan(100), "the flow trades");
            Assert.That(Encoding.UTF8.GetBytes(second.Output), Is.EqualTo(Encoding.UTF8.GetBytes(first.Output)));
        });
    }

    [Test]
    public void Run_LinesWithoutTime_GetStartTimePlusSequence()
    {
        var run = SimRun.OfLines(
            Lines.StateHash,
            """{"type":"query_state_hash","time":"2024-06-01T12:00:00.123456789Z"}""",
            Lines.StateHash,
            """{"type":"query_state_hash","time":1717243200999999999}""");

        var times = run.OfType("state_hash").ConvertAll(l => SimRun.Text(l, "time"));
        Assert.That(times, Is.EqualTo(new[]
        {
            "2024-01-01T00:00:00.000000019Z",
            "2024-06-01T12:00:00.123456789Z",
            "2024-06-01T12:00:00.123456789Z",
            "2024-06-01T12:00:00.999999999Z",
        }));
    }

    [Test]
    public void Run_TimeGoingBackwards_PrintsInputError()
    {
        var run = SimRun.OfLines(
            """{"type":"query_state_hash","time":"2024-06-01T00:00:00Z"}""",
            """{"type":"query_state_hash","time":"2024-05-31T23:59:59.999999999Z"}""");

        Assert.That(SimRun.Text(run.Single("input_error"), "error"), Is.EqualTo(
            "time 2024-05-31T23:59:59.999999999Z is before the previous command's 2024-06-01T00:00:00.000000000Z: times must not decrease"));
    }

    [Test]
    public void Run_AmendByClientIdWithoutInstrument_ConvertsWithTheOrdersInstrument()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "sell", "2000.5", "1.5", instrument: "ETH-USDT", clientId: "e1"),
            """{"type":"amend_order","account":1,"client_order_id":"e1","price":"2001.2","quantity":"1.25"}""");

        var amended = run.Single("order_amended");
        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(amended, "instrument"), Is.EqualTo("ETH-USDT"));
            Assert.That(SimRun.Text(amended, "price"), Is.EqualTo("2001.2"));
            Assert.That(SimRun.Text(amended, "quantity"), Is.EqualTo("1.25"));
        });
    }

    [Test]
    public void Run_AmendPriceOffTheOrdersTick_PrintsInputError()
    {
        // 2001.25 is on BTC-USDT's 0.01 grid but not on ETH-USDT's 0.1 grid.
        var run = SimRun.OfLines(
            Lines.Limit(1, "sell", "2000.5", "1.5", instrument: "ETH-USDT"),
            """{"type":"amend_order","account":1,"order_id":1,"price":"2001.25"}""");

        Assert.That(SimRun.Text(run.Single("input_error"), "error"), Is.EqualTo("price 2001.25 is not a multiple of tick 0.1 (ETH-USDT)"));
    }

    [Test]
    public void Run_AmendNamingAnotherInstrument_PrintsInputError()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "sell", "2000.5", "1.5", instrument: "ETH-USDT"),
            """{"type":"amend_order","account":1,"order_id":1,"instrument":"BTC-USDT","price":"2001"}""");

        Assert.That(SimRun.Text(run.Single("input_error"), "error"), Is.EqualTo("order 1 is on ETH-USDT, not BTC-USDT"));
    }

    [Test]
    public void Run_AmendOfFilledOrder_IsRejectedByCoreAsUnknownOrder()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "sell", "30000", "0.5", clientId: "a"),
            Lines.Limit(2, "buy", "30000", "0.5"),
            """{"type":"amend_order","account":1,"client_order_id":"a","price":"30001"}""");

        Assert.Multiple(() =>
        {
            Assert.That(run.OfType("input_error"), Is.Empty);
            Assert.That(SimRun.Text(run.Single("rejected"), "reason"), Is.EqualTo("unknown_order"));
        });
    }

    [Test]
    public void Run_CancelReplace_MovesClientOrderIdForLaterCommands()
    {
        var run = SimRun.OfLines(
            Lines.Limit(1, "buy", "29000", "0.5", clientId: "old"),
            """{"type":"cancel_replace","account":1,"client_order_id":"old","new_client_order_id":"new","quantity":"0.4"}""",
            """{"type":"amend_order","account":1,"client_order_id":"new","price":"29000.5"}""",
            """{"type":"cancel_order","account":1,"client_order_id":"old"}""");

        var amended = run.OfType("order_amended");
        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(amended[0], "client_order_id"), Is.EqualTo("new"));
            Assert.That(SimRun.Text(amended[0], "orig_client_order_id"), Is.EqualTo("old"));
            Assert.That(SimRun.Text(amended[1], "price"), Is.EqualTo("29000.5"));
            Assert.That(SimRun.Text(run.Single("rejected"), "reason"), Is.EqualTo("unknown_order"));
        });
    }

    [Test]
    public void Run_UpdateInstrumentWithOnlyTickSize_KeepsMinimums()
    {
        var setup = Setups.BtcUsdt.Replace(
            "\"lot_size\": \"0.0001\" }",
            "\"lot_size\": \"0.0001\", \"min_quantity\": \"0.001\", \"min_notional\": \"10\" }",
            StringComparison.Ordinal);
        var run = SimRun.Of(setup, """{"type":"update_instrument","instrument":"BTC-USDT","tick_size":"0.1"}""");

        var defined = run.Single("instrument_defined");
        Assert.Multiple(() =>
        {
            Assert.That(SimRun.Text(defined, "tick_size"), Is.EqualTo("0.1"));
            Assert.That(SimRun.Text(defined, "min_quantity"), Is.EqualTo("0.001"));
            Assert.That(SimRun.Text(defined, "min_notional"), Is.EqualTo("10"));
        });
    }

    [Test]
    public void Run_ScenarioWithEveryCommandType_PrintsEveryEventType()
    {
        var run = SimRun.Of(Setups.BtcUsdt, EveryCommand.Lines, setupEvents: true);

        var types = run.Lines.ConvertAll(l => SimRun.Text(l, "type")).ToHashSet();
        var commands = run.Lines.ConvertAll(l => l.TryGetProperty("command", out var c) ? c.GetString()! : "").ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(run.OfType("input_error"), Is.Empty, run.Output);
            foreach (var type in EnumNames<Core.Events.EventType>.Values)
            {
                if (type != Core.Events.EventType.None)
                {
                    Assert.That(types, Does.Contain(EnumNames<Core.Events.EventType>.Name(type)));
                }
            }

            foreach (var type in EnumNames<Core.Commands.CommandType>.Values)
            {
                if (type != Core.Commands.CommandType.None)
                {
                    Assert.That(commands, Does.Contain(EnumNames<Core.Commands.CommandType>.Name(type)));
                }
            }
        });
    }

    [Test]
    public void Run_LiveOrdersDuringRandomFlow_MatchTheCoresOrders()
    {
        using var output = new StringWriter();
        using var simulator = new Simulator(output);
        Assert.That(simulator.RunSetup(Setups.BtcUsdt), Is.Null);
        var lines = RandomFlow.Generate(seed: 11, count: 3_000).Split('\n');
        var mostResting = 0;

        for (var i = 0; i < lines.Length; i++)
        {
            simulator.RunLine(lines[i], i + 1);
            if (i % 50 == 0 || i == lines.Length - 1)
            {
                var core = simulator.Engine.EnumerateOrders().ToList();
                var coreOrders = core.Select(o => o.OrderId).Order().ToList();
                var coreClientIds = core.Where(o => !o.ClientOrderId.IsEmpty)
                    .Select(o => $"{o.AccountId}/{o.ClientOrderId}/{o.OrderId}").Order().ToList();
                var followedClientIds = simulator.LiveOrders.ClientOrderIds
                    .Select(c => $"{c.AccountId}/{c.ClientOrderId}/{c.OrderId}").Order().ToList();
                Assert.That(simulator.LiveOrders.OrderIds.Order().ToList(), Is.EqualTo(coreOrders), $"order ids after line {i + 1}");
                Assert.That(followedClientIds, Is.EqualTo(coreClientIds), $"client order ids after line {i + 1}");
                mostResting = Math.Max(mostResting, coreOrders.Count);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(mostResting, Is.GreaterThan(20), "the flow leaves orders resting");
            Assert.That(simulator.InputErrors, Is.Zero, output.ToString());
        });
    }
}
