using Matcher.Protocol;

namespace Matcher.Server.Tests.WebSocket;

/// <summary>
/// Schema 2 of the binary protocol in a real server over real sockets: stop orders, icebergs,
/// one-cancels-other and quotes, end to end through the journal and the core (docs/WEBSOCKET.md).
/// </summary>
public sealed class ConditionalOrderTests
{
    private const byte Buy = 1, Sell = 2;

    private static PlaceOrder Limit(ulong requestId, byte side, long priceTicks, long lots, string clOrdId) =>
        WebSocketServer.Limit(requestId, side, priceTicks, lots, clOrdId);

    /// <summary>A stop-market order on BTC-USD: it waits until a trade reaches <paramref name="stopPriceTicks"/>.</summary>
    private static PlaceOrder StopMarket(ulong requestId, byte side, long stopPriceTicks, long lots, string clOrdId) => new()
    {
        RequestId = requestId,
        InstrumentId = WebSocketServer.BtcUsd,
        Side = side,
        OrderType = 2,
        QuantityLots = lots,
        TriggerType = 1,
        StopPriceTicks = stopPriceTicks,
        ClOrdId = Chars32.From(clOrdId),
    };

    private static async Task<RawClient> LoggedInAsync(WebSocketServer running, string key, string secret)
    {
        var client = await RawClient.ConnectAsync(running.Http.Address);
        await client.LoginAsync(key, secret);
        return client;
    }

    private static Task<ExecutionReport> NewAsync(RawClient client, ulong requestId) =>
        client.WaitForAsync<ExecutionReport>(r => r.RequestId == requestId && r.ExecType == (byte)'0');

    /// <summary>The ExecutionReports of one order, in the order they arrived.</summary>
    private static List<ExecutionReport> ReportsOf(RawClient client, long orderId) =>
        client.All<ExecutionReport>().Where(r => r.OrderId == orderId).ToList();

    /// <summary>Subscribes again and returns the fresh snapshot's levels: (price, lots, order count) per side, best first.</summary>
    private static async Task<((long, long, int)[] Bids, (long, long, int)[] Asks)> SnapshotAsync(RawClient watcher, ulong requestId)
    {
        await watcher.SendAsync(new Subscribe { RequestId = requestId, InstrumentId = WebSocketServer.BtcUsd, Channels = 7 });
        var frame = await watcher.WaitForFrameAsync(TemplateId.BookSnapshot, f => Codec.TryReadBookSnapshot(f, out var s, out _, out _) && s.RequestId == requestId);
        Assert.That(Codec.TryReadBookSnapshot(frame, out _, out var bids, out var asks), Is.True);
        return (Levels(frame, bids), Levels(frame, asks));
    }

    private static (long, long, int)[] Levels(byte[] frame, Group<LevelEntry> group)
    {
        var levels = new (long, long, int)[group.Count];
        for (var i = 0; i < levels.Length; i++)
        {
            var level = group.Read(frame, i);
            levels[i] = (level.PriceTicks, level.Lots, level.OrderCount);
        }

        return levels;
    }

    [Test]
    public async Task A_stop_order_is_triggered_by_a_trade_reported_L_then_filled()
    {
        await using var running = await WebSocketServer.StartAsync();
        await using var a = await LoggedInAsync(running, WebSocketServer.KeyA, WebSocketServer.SecretA);
        await using var b = await LoggedInAsync(running, WebSocketServer.KeyB, WebSocketServer.SecretB);

        await b.SendAsync(Limit(1, Buy, 2_990_000, 20, "bid"));
        await NewAsync(b, 1);
        await a.SendAsync(StopMarket(1, Sell, 2_990_000, 5, "stop"));
        var waiting = await NewAsync(a, 1);
        Assert.Multiple(() =>
        {
            Assert.That(waiting.TriggerType, Is.EqualTo(1));
            Assert.That(waiting.StopPriceTicks, Is.EqualTo(2_990_000));
            Assert.That(waiting.OrdStatus, Is.EqualTo((byte)'0'));
            Assert.That(waiting.LeavesLots, Is.EqualTo(5));
        });

        // A trade at the stop price (A's own limit sell against B's bid) triggers the stop, which then sells into the rest of the bid.
        await a.SendAsync(Limit(2, Sell, 2_990_000, 5, "sell"));
        var filled = await a.WaitForAsync<ExecutionReport>(r => r.OrderId == waiting.OrderId && r.ExecType == (byte)'F');

        var reports = ReportsOf(a, waiting.OrderId);
        Assert.That(reports.Select(r => (char)r.ExecType), Is.EqualTo(new[] { '0', 'L', 'F' }), "accepted, triggered, then filled");
        var triggered = reports[1];
        Assert.Multiple(() =>
        {
            Assert.That(triggered.ClOrdId.ToString(), Is.EqualTo("stop"));
            Assert.That(triggered.TriggerType, Is.EqualTo(1), "the trigger type stays on the reports after the trigger");
            Assert.That(triggered.CumLots, Is.Zero);
            Assert.That(filled.OrdStatus, Is.EqualTo((byte)'2'));
            Assert.That(filled.LastPriceTicks, Is.EqualTo(2_990_000));
            Assert.That(filled.LastLots, Is.EqualTo(5));
        });
        var makerFills = b.All<ExecutionReport>().Where(r => r.ExecType == (byte)'F').ToList();
        Assert.That(makerFills.Select(r => r.CumLots), Is.EqualTo(new long[] { 5, 10 }), "B's bid traded with the sell, then with the triggered stop");
    }

    [Test]
    public async Task An_iceberg_shows_only_its_display_quantity_in_market_data_and_refills()
    {
        await using var running = await WebSocketServer.StartAsync();
        await using var a = await LoggedInAsync(running, WebSocketServer.KeyA, WebSocketServer.SecretA);
        await using var b = await LoggedInAsync(running, WebSocketServer.KeyB, WebSocketServer.SecretB);
        await using var watcher = await RawClient.ConnectAsync(running.Http.Address);

        var iceberg = Limit(1, Sell, 3_100_000, 100, "ice");
        iceberg.DisplayLots = 10;
        await a.SendAsync(iceberg);
        var accepted = await NewAsync(a, 1);
        Assert.That(accepted.DisplayLots, Is.EqualTo(10));
        Assert.That(accepted.LeavesLots, Is.EqualTo(100));

        var before = await SnapshotAsync(watcher, 1);
        Assert.That(before.Asks, Is.EqualTo(new[] { (3_100_000L, 10L, 1) }), "only the display quantity shows");

        await b.SendAsync(Limit(1, Buy, 3_100_000, 10, "lift"));
        await b.WaitForAsync<ExecutionReport>(r => r.RequestId == 1 && r.ExecType == (byte)'F');
        var partial = await a.WaitForAsync<ExecutionReport>(r => r.OrderId == accepted.OrderId && r.ExecType == (byte)'F');
        Assert.That(partial.LeavesLots, Is.EqualTo(90));

        var after = await SnapshotAsync(watcher, 2);
        Assert.That(after.Asks, Is.EqualTo(new[] { (3_100_000L, 10L, 1) }), "a new slice of the display quantity shows");
        var trade = await watcher.WaitForAsync<Trade>(t => t.PriceTicks == 3_100_000);
        Assert.That(trade.Lots, Is.EqualTo(10));
        Assert.That(watcher.All<BookUpdate>().Where(u => u.Side == Sell).Select(u => u.Lots), Has.All.LessThanOrEqualTo(10L), "no update showed more than a slice");
    }

    [Test]
    public async Task In_a_one_cancels_other_pair_a_fill_of_one_cancels_the_other()
    {
        await using var running = await WebSocketServer.StartAsync();
        await using var a = await LoggedInAsync(running, WebSocketServer.KeyA, WebSocketServer.SecretA);
        await using var b = await LoggedInAsync(running, WebSocketServer.KeyB, WebSocketServer.SecretB);

        await a.SendAsync(Limit(1, Sell, 3_050_000, 5, "take-profit"));
        var takeProfit = await NewAsync(a, 1);
        var stop = StopMarket(2, Sell, 2_950_000, 5, "stop-loss");
        stop.ContingencyType = 1;
        stop.LinkedClOrdId = Chars32.From("take-profit");
        await a.SendAsync(stop);
        var stopLoss = await NewAsync(a, 2);
        Assert.That(stopLoss.LinkedOrderId, Is.EqualTo(takeProfit.OrderId), "the link names the partner");

        await b.SendAsync(Limit(1, Buy, 3_050_000, 5, "buy"));
        var filled = await a.WaitForAsync<ExecutionReport>(r => r.OrderId == takeProfit.OrderId && r.ExecType == (byte)'F');
        var cancelled = await a.WaitForAsync<ExecutionReport>(r => r.OrderId == stopLoss.OrderId && r.ExecType == (byte)'4');

        Assert.Multiple(() =>
        {
            Assert.That(filled.OrdStatus, Is.EqualTo((byte)'2'));
            Assert.That(cancelled.CancelReason, Is.EqualTo(11), "Contingency");
            Assert.That(cancelled.OrdStatus, Is.EqualTo((byte)'4'));
            Assert.That(cancelled.ClOrdId.ToString(), Is.EqualTo("stop-loss"));
            Assert.That(ReportsOf(a, stopLoss.OrderId).Any(r => r.ExecType == (byte)'L'), Is.False, "the stop never triggered");
        });
    }

    [Test]
    public async Task A_quote_replaces_the_previous_one_and_a_bad_quote_leaves_it_standing()
    {
        await using var running = await WebSocketServer.StartAsync();
        await using var a = await LoggedInAsync(running, WebSocketServer.KeyA, WebSocketServer.SecretA);
        await using var watcher = await RawClient.ConnectAsync(running.Http.Address);

        static Quote Quote(ulong requestId, long bid, long bidLots, long ask, long askLots, string id) => new()
        {
            RequestId = requestId,
            InstrumentId = WebSocketServer.BtcUsd,
            BidPriceTicks = bid,
            BidLots = bidLots,
            AskPriceTicks = ask,
            AskLots = askLots,
            QuoteId = Chars32.From(id),
        };

        await a.SendAsync(Quote(1, 2_980_000, 10, 3_020_000, 10, "q1"));
        var first = await a.WaitForAsync<QuoteAck>(q => q.RequestId == 1);
        Assert.Multiple(() =>
        {
            Assert.That(first.RejectCode, Is.Zero);
            Assert.That(first.BidOrderId, Is.Positive);
            Assert.That(first.AskOrderId, Is.Positive);
            Assert.That(first.QuoteId.ToString(), Is.EqualTo("q1"));
        });
        var legs = a.All<ExecutionReport>().Where(r => r.ExecType == (byte)'0' && r.ClOrdId.ToString() == "q1").ToList();
        Assert.That(legs.Select(r => r.OrderId), Is.EquivalentTo(new[] { first.BidOrderId, first.AskOrderId }));
        Assert.That(legs.Select(r => r.Flags & ExecutionReport.QuoteFlag), Has.All.EqualTo(ExecutionReport.QuoteFlag), "legs are flagged as quote legs");

        await a.SendAsync(Quote(2, 2_985_000, 7, 3_015_000, 7, "q2"));
        var second = await a.WaitForAsync<QuoteAck>(q => q.RequestId == 2);
        Assert.That(second.RejectCode, Is.Zero);
        Assert.That(new[] { second.BidOrderId, second.AskOrderId }, Has.None.AnyOf(first.BidOrderId, first.AskOrderId), "new legs");
        foreach (var old in new[] { first.BidOrderId, first.AskOrderId })
        {
            var cancel = ReportsOf(a, old).Single(r => r.ExecType == (byte)'4');
            Assert.That(cancel.CancelReason, Is.EqualTo(13), "QuoteReplaced");
        }

        var replaced = await SnapshotAsync(watcher, 1);
        Assert.That(replaced.Bids, Is.EqualTo(new[] { (2_985_000L, 7L, 1) }));
        Assert.That(replaced.Asks, Is.EqualTo(new[] { (3_015_000L, 7L, 1) }));

        await a.SendAsync(Quote(3, 3_020_000, 5, 3_010_000, 5, "crossed"));
        var refused = await a.WaitForAsync<QuoteAck>(q => q.RequestId == 3);
        Assert.Multiple(() =>
        {
            Assert.That(refused.RejectCode, Is.EqualTo(48), "InvalidQuote: the bid is at or above the ask");
            Assert.That(refused.BidOrderId, Is.Zero);
            Assert.That(refused.AskOrderId, Is.Zero);
        });
        var standing = await SnapshotAsync(watcher, 2);
        Assert.That(standing.Bids, Is.EqualTo(replaced.Bids), "the previous quote stands");
        Assert.That(standing.Asks, Is.EqualTo(replaced.Asks));
        Assert.That(ReportsOf(a, second.BidOrderId).Any(r => r.ExecType == (byte)'4'), Is.False);
    }
}
