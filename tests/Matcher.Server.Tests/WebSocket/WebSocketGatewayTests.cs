using System.Net;
using System.Net.WebSockets;
using Matcher.Protocol;
using Matcher.Server.Configuration;

namespace Matcher.Server.Tests.WebSocket;

/// <summary>The binary WebSocket gateway in a real server over real sockets (docs/WEBSOCKET.md).</summary>
public sealed class WebSocketGatewayTests
{
    private const int BtcUsd = WebSocketServer.BtcUsd;
    private const string KeyA = WebSocketServer.KeyA, SecretA = WebSocketServer.SecretA, KeyB = WebSocketServer.KeyB, SecretB = WebSocketServer.SecretB;

    private static Task<WebSocketServer> StartAsync(Action<WebSocketSettings>? configure = null) => WebSocketServer.StartAsync(configure);

    private static PlaceOrder Limit(ulong requestId, byte side, long priceTicks, long lots, string clOrdId) =>
        WebSocketServer.Limit(requestId, side, priceTicks, lots, clOrdId);

    [Test]
    public async Task Login_then_ping_and_instruments()
    {
        await using var running = await StartAsync();
        await using var client = await RawClient.ConnectAsync(running.Http.Address);

        var accepted = await client.LoginAsync(KeyA, SecretA);
        await client.SendAsync(new Ping { RequestId = 77 });
        var pong = await client.WaitForAsync<Pong>(p => p.RequestId == 77);
        await client.SendAsync(new InstrumentListRequest { RequestId = 78 });
        var list = await client.WaitForFrameAsync(TemplateId.InstrumentList, _ => true);

        Assert.Multiple(() =>
        {
            Assert.That(accepted.AccountId, Is.EqualTo(1001));
            Assert.That(accepted.ConnectionId, Is.Positive);
            Assert.That(accepted.SchemaVersion, Is.EqualTo(Codec.SchemaVersion), "the version the client logged in with");
            Assert.That(pong.ServerTimeNs, Is.Positive);
        });
        Assert.That(Codec.TryReadInstrumentList(list, out var header, out var instruments), Is.True);
        Assert.That(header.RequestId, Is.EqualTo(78));
        Assert.That(instruments.Count, Is.EqualTo(2));
        var btc = instruments.Read(list, 0);
        Assert.Multiple(() =>
        {
            Assert.That(btc.Symbol.ToString(), Is.EqualTo("BTC-USD"));
            Assert.That((btc.TickMantissa, btc.TickScale), Is.EqualTo((1L, (byte)2)));
            Assert.That((btc.LotMantissa, btc.LotScale), Is.EqualTo((1L, (byte)4)));
            Assert.That(btc.QuoteAsset.ToString(), Is.EqualTo("USD"));
        });
    }

    [Test]
    public async Task Logins_with_a_wrong_secret_an_unknown_key_a_stale_timestamp_or_a_replayed_nonce_are_refused()
    {
        await using var running = await StartAsync();

        async Task<ushort> Attempt(byte[] frame)
        {
            await using var client = await RawClient.ConnectAsync(running.Http.Address);
            await client.SendRawAsync(frame);
            var reject = await client.WaitForAsync<Reject>(_ => true);
            await client.WaitClosedAsync();
            Assert.That(client.All<LoginAccepted>(), Is.Empty);
            return reject.Code;
        }

        var now = RawClient.NowNs();
        Assert.That(await Attempt(RawClient.LoginFrame(KeyA, "not-the-secret", now, 1)), Is.EqualTo((ushort)RejectCode.AuthenticationFailed));
        Assert.That(await Attempt(RawClient.LoginFrame("nobody", SecretA, now, 2)), Is.EqualTo((ushort)RejectCode.AuthenticationFailed));
        Assert.That(await Attempt(RawClient.LoginFrame(KeyA, SecretA, now - 120_000_000_000, 3)), Is.EqualTo((ushort)RejectCode.StaleTimestamp));
        Assert.That(await Attempt(RawClient.LoginFrame(KeyA, SecretA, now + 120_000_000_000, 4)), Is.EqualTo((ushort)RejectCode.StaleTimestamp));

        var captured = RawClient.LoginFrame(KeyA, SecretA, now, 5);
        await using (var first = await RawClient.ConnectAsync(running.Http.Address))
        {
            await first.SendRawAsync(captured);
            await first.WaitForAsync<LoginAccepted>(_ => true);
        }

        Assert.That(await Attempt(captured), Is.EqualTo((ushort)RejectCode.NonceReused));
    }

    [Test]
    public async Task Order_entry_needs_a_login_and_a_second_login_is_refused()
    {
        await using var running = await StartAsync();
        await using var client = await RawClient.ConnectAsync(running.Http.Address);

        await client.SendAsync(Limit(1, 1, 3_000_000, 100, "early"));
        var notLoggedIn = await client.WaitForAsync<Reject>(r => r.RequestId == 1);
        await client.LoginAsync(KeyA, SecretA);
        await client.SendRawAsync(RawClient.LoginFrame(KeyA, SecretA, RawClient.NowNs(), 999));
        var again = await client.WaitForAsync<Reject>(r => r.RefTemplateId == TemplateId.Login);

        Assert.That(notLoggedIn.Code, Is.EqualTo((ushort)RejectCode.NotLoggedIn));
        Assert.That(again.Code, Is.EqualTo((ushort)RejectCode.AlreadyLoggedIn));
    }

    [Test]
    public async Task A_cross_gives_both_sides_their_fills_and_balances_with_fix_order_states()
    {
        await using var running = await StartAsync();
        await using var a = await RawClient.ConnectAsync(running.Http.Address);
        await using var b = await RawClient.ConnectAsync(running.Http.Address);
        await a.LoginAsync(KeyA, SecretA);
        await b.LoginAsync(KeyB, SecretB);

        await a.SendAsync(Limit(10, 2, 3_000_000, 100, "sell-1"));
        var resting = await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 10);
        await b.SendAsync(Limit(20, 1, 3_000_100, 40, "buy-1"));
        var taker = await b.WaitForAsync<ExecutionReport>(r => r.RequestId == 20 && r.ExecType == 'F');
        var maker = await a.WaitForAsync<ExecutionReport>(r => r.ExecType == 'F');
        var balance = await b.WaitForAsync<BalanceUpdate>(u => u.AssetId == 1);

        Assert.Multiple(() =>
        {
            Assert.That((char)resting.ExecType, Is.EqualTo('0'));
            Assert.That((char)resting.OrdStatus, Is.EqualTo('0'));
            Assert.That(resting.OrderId, Is.Positive);
            Assert.That(resting.ClOrdId.ToString(), Is.EqualTo("sell-1"));
            Assert.That(resting.LeavesLots, Is.EqualTo(100));

            Assert.That((char)taker.Role, Is.EqualTo('T'));
            Assert.That((char)taker.OrdStatus, Is.EqualTo('2'));
            Assert.That(taker.LastPriceTicks, Is.EqualTo(3_000_000), "the maker's price");
            Assert.That(taker.LastLots, Is.EqualTo(40));
            Assert.That(taker.AvgPriceTicksE8, Is.EqualTo(3_000_000L * 100_000_000));
            Assert.That(taker.TradeId, Is.Positive);

            Assert.That((char)maker.Role, Is.EqualTo('M'));
            Assert.That(maker.RequestId, Is.Zero, "not caused by a request of the maker's connection");
            Assert.That(maker.OrderId, Is.EqualTo(resting.OrderId));
            Assert.That((char)maker.OrdStatus, Is.EqualTo('1'));
            Assert.That(maker.CumLots, Is.EqualTo(40));
            Assert.That(maker.LeavesLots, Is.EqualTo(60));
            Assert.That(maker.ClOrdId.ToString(), Is.EqualTo("sell-1"));
            Assert.That(maker.ExecSequence, Is.EqualTo(taker.ExecSequence), "one command");
            Assert.That(maker.ExecIndex, Is.EqualTo(taker.ExecIndex), "one trade event");

            Assert.That(balance.AccountId, Is.EqualTo(1002));
        });
    }

    [Test]
    public async Task Amend_cancel_replace_and_cancel_report_like_fix()
    {
        await using var running = await StartAsync();
        await using var a = await RawClient.ConnectAsync(running.Http.Address);
        await a.LoginAsync(KeyA, SecretA);

        await a.SendAsync(Limit(1, 1, 2_900_000, 100, "o-1"));
        var placed = await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 1);
        await a.SendAsync(new AmendOrder { RequestId = 2, OrderId = placed.OrderId, NewPriceTicks = 2_900_500 });
        var amended = await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 2);
        await a.SendAsync(new CancelReplace { RequestId = 3, OrigClOrdId = Chars32.From("o-1"), NewQuantityLots = 150, ClOrdId = Chars32.From("o-2") });
        var replaced = await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 3);
        await a.SendAsync(new OrderStatusRequest { RequestId = 4, ClOrdId = Chars32.From("o-2") });
        var status = await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 4);
        await a.SendAsync(new CancelOrder { RequestId = 5, OrigClOrdId = Chars32.From("o-2"), ClOrdId = Chars32.From("c-1") });
        var cancelled = await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 5);
        await a.SendAsync(new CancelOrder { RequestId = 6, OrigClOrdId = Chars32.From("o-2") });
        var reject = await a.WaitForAsync<CancelReject>(r => r.RequestId == 6);
        await a.SendAsync(new OrderStatusRequest { RequestId = 7, ClOrdId = Chars32.From("o-2") });
        var unknown = await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 7);

        Assert.Multiple(() =>
        {
            Assert.That(((char)amended.ExecType, amended.PriceTicks, amended.ClOrdId.ToString()), Is.EqualTo(('5', 2_900_500L, "o-1")));
            Assert.That(((char)replaced.ExecType, replaced.QuantityLots, replaced.ClOrdId.ToString(), replaced.OrigClOrdId.ToString()),
                Is.EqualTo(('5', 150L, "o-2", "o-1")));
            Assert.That(replaced.OrderId, Is.EqualTo(placed.OrderId), "the order keeps its id");
            Assert.That(((char)status.ExecType, (char)status.OrdStatus, status.LeavesLots, status.PriceTicks), Is.EqualTo(('I', '0', 150L, 2_900_500L)));
            Assert.That(((char)cancelled.ExecType, (char)cancelled.OrdStatus, cancelled.CancelReason), Is.EqualTo(('4', '4', (byte)1)));
            Assert.That((cancelled.ClOrdId.ToString(), cancelled.OrigClOrdId.ToString()), Is.EqualTo(("c-1", "o-2")));
            Assert.That((reject.RejectCode, (char)reject.ResponseTo, (char)reject.OrdStatus), Is.EqualTo(((ushort)5, '1', '8')));
            Assert.That(((char)unknown.OrdStatus, unknown.RejectCode), Is.EqualTo(('8', (ushort)5)));
        });
    }

    [Test]
    public async Task Core_rejects_arrive_with_the_core_reason_codes()
    {
        await using var running = await StartAsync();
        await using var a = await RawClient.ConnectAsync(running.Http.Address);
        await a.LoginAsync(KeyA, SecretA);

        await a.SendAsync(Limit(1, 1, 3_000_000, 100, "dup"));
        await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 1);
        await a.SendAsync(Limit(2, 1, 3_000_000, 100, "dup"));
        await a.SendAsync(Limit(3, 1, 3_000_000, 100_000_000_000, "too-much"));
        await a.SendAsync(Limit(4, 1, 3_000_000, 100, "x") with { InstrumentId = 99 });
        await a.SendAsync(Limit(5, 7, 3_000_000, 100, "bad-side"));

        async Task<ushort> RejectOf(ulong requestId) => (await a.WaitForAsync<ExecutionReport>(r => r.RequestId == requestId && r.ExecType == '8')).RejectCode;
        Assert.That(await RejectOf(2), Is.EqualTo(17), "DuplicateClientOrderId");
        Assert.That(await RejectOf(3), Is.EqualTo(15), "InsufficientFunds");
        Assert.That(await RejectOf(4), Is.EqualTo(2), "UnknownInstrument");
        Assert.That(await RejectOf(5), Is.EqualTo(8), "InvalidSide");
    }

    [Test]
    public async Task A_connection_cannot_touch_another_accounts_order()
    {
        await using var running = await StartAsync();
        await using var a = await RawClient.ConnectAsync(running.Http.Address);
        await using var b = await RawClient.ConnectAsync(running.Http.Address);
        await a.LoginAsync(KeyA, SecretA);
        await b.LoginAsync(KeyB, SecretB);
        await a.SendAsync(Limit(1, 1, 2_900_000, 100, "mine"));
        var order = await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 1);

        await b.SendAsync(new CancelOrder { RequestId = 1, OrderId = order.OrderId });
        await b.SendAsync(new CancelOrder { RequestId = 2, OrigClOrdId = Chars32.From("mine") });
        await b.SendAsync(new AmendOrder { RequestId = 3, OrderId = order.OrderId, NewPriceTicks = 1 });
        await b.SendAsync(new OrderStatusRequest { RequestId = 4, OrderId = order.OrderId });
        await b.SendAsync(new MassCancel { RequestId = 5 });
        var byId = await b.WaitForAsync<CancelReject>(r => r.RequestId == 1);
        var byClOrdId = await b.WaitForAsync<CancelReject>(r => r.RequestId == 2);
        var amend = await b.WaitForAsync<CancelReject>(r => r.RequestId == 3);
        var status = await b.WaitForAsync<ExecutionReport>(r => r.RequestId == 4);
        var mass = await b.WaitForAsync<MassCancelReport>(r => r.RequestId == 5);
        await a.SendAsync(new OrderStatusRequest { RequestId = 2, OrderId = order.OrderId });
        var stillMine = await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 2);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { byId.RejectCode, byClOrdId.RejectCode, amend.RejectCode }, Is.All.EqualTo((ushort)5), "UnknownOrder");
            Assert.That(((char)status.OrdStatus, status.RejectCode), Is.EqualTo(('8', (ushort)5)));
            Assert.That(mass.AffectedOrders, Is.Zero);
            Assert.That(((char)stillMine.OrdStatus, stillMine.LeavesLots), Is.EqualTo(('0', 100L)));
            Assert.That(a.All<ExecutionReport>().Where(r => r.ExecType == '4'), Is.Empty);
        });
    }

    [Test]
    public async Task A_dropped_connection_has_its_orders_cancelled_and_no_one_elses()
    {
        await using var running = await StartAsync();
        await using var a1 = await RawClient.ConnectAsync(running.Http.Address);
        await using var a2 = await RawClient.ConnectAsync(running.Http.Address);
        await a1.LoginAsync(KeyA, SecretA);
        await a2.LoginAsync(KeyA, SecretA);
        await a1.SendAsync(Limit(1, 1, 2_900_000, 100, "first-connection"));
        var first = await a1.WaitForAsync<ExecutionReport>(r => r.RequestId == 1);
        await a2.SendAsync(Limit(1, 1, 2_800_000, 100, "second-connection"));
        await a2.WaitForAsync<ExecutionReport>(r => r.RequestId == 1);

        a1.Abort();
        ExecutionReport gone = default;
        for (ulong request = 100; request < 2100 && gone.RejectCode != 5; request++)
        {
            await a2.SendAsync(new OrderStatusRequest { RequestId = request, OrderId = first.OrderId });
            gone = await a2.WaitForAsync<ExecutionReport>(r => r.RequestId == request);
            await Task.Delay(10);
        }

        await a2.SendAsync(new OrderStatusRequest { RequestId = 3, ClOrdId = Chars32.From("second-connection") });
        var kept = await a2.WaitForAsync<ExecutionReport>(r => r.RequestId == 3);

        Assert.Multiple(() =>
        {
            Assert.That(gone.RejectCode, Is.EqualTo((ushort)5), "cancelled by the disconnect");
            Assert.That((char)kept.OrdStatus, Is.EqualTo('0'), "the other connection's order stays");
        });
    }

    [Test]
    public async Task Market_data_snapshot_then_sequenced_updates_trades_and_bbo()
    {
        await using var running = await StartAsync();
        await using var a = await RawClient.ConnectAsync(running.Http.Address);
        await using var watcher = await RawClient.ConnectAsync(running.Http.Address);
        await a.LoginAsync(KeyA, SecretA);
        await a.SendAsync(Limit(1, 2, 3_100_000, 50, "ask"));
        await a.WaitForAsync<ExecutionReport>(r => r.RequestId == 1);

        await watcher.SendAsync(new Subscribe { RequestId = 9, InstrumentId = BtcUsd, Channels = 7 });
        var snapshotFrame = await watcher.WaitForFrameAsync(TemplateId.BookSnapshot, _ => true);
        Assert.That(Codec.TryReadBookSnapshot(snapshotFrame, out var snapshot, out var bids, out var asks), Is.True);
        Assert.That((snapshot.RequestId, bids.Count, asks.Count), Is.EqualTo((9UL, 0, 1)));
        Assert.That(asks.Read(snapshotFrame, 0).PriceTicks, Is.EqualTo(3_100_000));

        await a.SendAsync(Limit(2, 1, 3_000_000, 20, "bid"));
        var level = await watcher.WaitForAsync<BookUpdate>(u => u.Side == 1);
        var bbo = await watcher.WaitForAsync<Bbo>(q => q.BidPriceTicks == 3_000_000);
        await a.SendAsync(Limit(3, 1, 3_100_000, 10, "lift"));
        var trade = await watcher.WaitForAsync<Trade>(_ => true);
        var askChange = await watcher.WaitForAsync<BookUpdate>(u => u.Side == 2);

        Assert.Multiple(() =>
        {
            Assert.That(level.BookSequence, Is.EqualTo(snapshot.BookSequence + 1));
            Assert.That((level.PriceTicks, level.Lots, level.OrderCount, level.Action), Is.EqualTo((3_000_000L, 20L, 1, (byte)0)));
            Assert.That((bbo.AskPriceTicks, bbo.AskLots), Is.EqualTo((3_100_000L, 50L)));
            Assert.That(trade.TradeSequence, Is.EqualTo(snapshot.TradeSequence + 1));
            Assert.That((trade.PriceTicks, trade.Lots, trade.AggressorSide), Is.EqualTo((3_100_000L, 10L, (byte)1)));
            Assert.That(askChange.BookSequence, Is.EqualTo(level.BookSequence + 1));
            Assert.That((askChange.Lots, askChange.Action), Is.EqualTo((40L, (byte)1)));
            Assert.That(watcher.All<BalanceUpdate>(), Is.Empty, "a connection that is not logged in gets nothing private (not even the fee account's)");
            Assert.That(watcher.All<ExecutionReport>(), Is.Empty);
        });
    }

    [Test]
    public async Task Bad_subscriptions_are_refused()
    {
        await using var running = await StartAsync(ws => ws.MaxSubscriptions = 1);
        await using var client = await RawClient.ConnectAsync(running.Http.Address);

        await client.SendAsync(new Subscribe { RequestId = 1, InstrumentId = 99, Channels = 1 });
        await client.SendAsync(new Subscribe { RequestId = 2, InstrumentId = BtcUsd, Channels = 0 });
        await client.SendAsync(new Subscribe { RequestId = 3, InstrumentId = BtcUsd, Channels = 1, Depth = 10_001 });
        await client.SendAsync(new Subscribe { RequestId = 4, InstrumentId = BtcUsd, Channels = 1 });
        await client.SendAsync(new Subscribe { RequestId = 5, InstrumentId = 2, Channels = 1 });
        await client.SendAsync(new Unsubscribe { RequestId = 6, InstrumentId = 2 });

        Assert.That((await client.WaitForAsync<Reject>(r => r.RequestId == 1)).Code, Is.EqualTo((ushort)RejectCode.InvalidSubscription));
        Assert.That((await client.WaitForAsync<Reject>(r => r.RequestId == 2)).Code, Is.EqualTo((ushort)RejectCode.InvalidSubscription));
        Assert.That((await client.WaitForAsync<Reject>(r => r.RequestId == 3)).Code, Is.EqualTo((ushort)RejectCode.InvalidSubscription));
        await client.WaitForFrameAsync(TemplateId.BookSnapshot, f => Codec.TryReadBookSnapshot(f, out var s, out _, out _) && s.RequestId == 4);
        Assert.That((await client.WaitForAsync<Reject>(r => r.RequestId == 5)).Code, Is.EqualTo((ushort)RejectCode.TooManySubscriptions));
        Assert.That((await client.WaitForAsync<Reject>(r => r.RequestId == 6)).Code, Is.EqualTo((ushort)RejectCode.InvalidSubscription));
    }

    [Test]
    public async Task The_rate_limit_refuses_with_a_reason_and_acts_on_nothing()
    {
        await using var running = await StartAsync(ws => (ws.MessagesPerSecond, ws.Burst) = (1, 3));
        await using var client = await RawClient.ConnectAsync(running.Http.Address);
        await client.LoginAsync(KeyA, SecretA);

        for (ulong i = 1; i <= 5; i++)
        {
            await client.SendAsync(Limit(i, 1, 2_000_000 + (long)i, 1, $"r-{i}"));
        }

        var limited = await client.WaitForAsync<Reject>(r => r.Code == (ushort)RejectCode.RateLimited);
        await Task.Delay(200);
        Assert.That(client.All<ExecutionReport>().Count(r => r.ExecType == '0'), Is.EqualTo(3), "the burst");
        Assert.That(limited.RequestId, Is.GreaterThan(3));
        Assert.That(running.Server.WebSocketGateway!.RateLimited, Is.EqualTo(2));
    }

    [Test]
    public async Task Pings_count_against_the_rate_limit()
    {
        await using var running = await StartAsync(ws => (ws.MessagesPerSecond, ws.Burst) = (1, 3));
        await using var client = await RawClient.ConnectAsync(running.Http.Address);

        for (ulong i = 1; i <= 6; i++)
        {
            await client.SendAsync(new Ping { RequestId = i });
        }

        var limited = await client.WaitForAsync<Reject>(r => r.Code == (ushort)RejectCode.RateLimited);
        await Task.Delay(200);
        Assert.That(limited.RefTemplateId, Is.EqualTo(TemplateId.Ping));
        Assert.That(client.All<Pong>(), Has.Count.LessThan(6), "at most the burst and what one second refills");
    }

    [Test]
    public async Task A_connection_beyond_MaxConnections_gets_a_goodbye_and_the_others_stay()
    {
        await using var running = await StartAsync(ws => ws.MaxConnections = 2);
        await using var a = await RawClient.ConnectAsync(running.Http.Address);
        await using var b = await RawClient.ConnectAsync(running.Http.Address);
        await a.LoginAsync(KeyA, SecretA);
        await b.SendAsync(new Ping { RequestId = 1 });
        await b.WaitForAsync<Pong>(_ => true);

        await using var refused = await RawClient.ConnectAsync(running.Http.Address);
        var goodbye = await refused.WaitForAsync<Goodbye>(_ => true);
        await refused.WaitClosedAsync();
        await a.SendAsync(new Ping { RequestId = 2 });
        await a.WaitForAsync<Pong>(p => p.RequestId == 2);

        Assert.Multiple(() =>
        {
            Assert.That(goodbye.Code, Is.EqualTo((ushort)RejectCode.TooManyConnections));
            Assert.That(refused.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
            Assert.That(running.Server.WebSocketGateway!.ConnectionCount, Is.EqualTo(2));
            Assert.That(running.Server.WebSocketGateway.RefusedConnections, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Malformed_frames_get_clear_rejects_and_change_nothing()
    {
        await using var running = await StartAsync();
        await using var client = await RawClient.ConnectAsync(running.Http.Address);
        await client.LoginAsync(KeyA, SecretA);
        var before = running.Server.CommandsProcessed;

        var place = Encode(Limit(1, 1, 2_000_000, 1, "x"));
        await client.SendRawAsync(place[..^8].Select((b, i) => i == 0 ? (byte)(PlaceOrder.FixedLength - 8) : b).ToArray());
        await client.SendRawAsync([9, 0, 0, 0, 2, 0, 1, 0, 0]);
        var unknownTemplate = place.ToArray();
        unknownTemplate[4] = 250;
        await client.SendRawAsync(unknownTemplate);
        var newer = place.ToArray();
        newer[6] = 9;
        await client.SendRawAsync(newer);
        var badText = place.ToArray();
        badText[64] = 0x07;
        await client.SendRawAsync(badText);
        var badFlags = place.ToArray();
        badFlags[56] = 0x80;
        await client.SendRawAsync(badFlags);

        await client.SendAsync(new Ping { RequestId = 42 });
        await client.WaitForAsync<Pong>(p => p.RequestId == 42);
        var codes = client.All<Reject>().Select(r => (RejectCode)r.Code).ToArray();
        Assert.That(codes, Is.EqualTo(new[]
        {
            RejectCode.Malformed, RejectCode.Malformed, RejectCode.UnknownTemplate, RejectCode.UnsupportedVersion, RejectCode.Malformed, RejectCode.Malformed,
        }));
        Assert.That(running.Server.CommandsProcessed, Is.EqualTo(before), "nothing reached the core");
    }

    [Test]
    public async Task Text_and_oversized_messages_close_the_connection_with_a_goodbye()
    {
        await using var running = await StartAsync();
        await using var text = await RawClient.ConnectAsync(running.Http.Address);
        await text.SendRawAsync("hello"u8.ToArray(), WebSocketMessageType.Text);
        var textGoodbye = await text.WaitForAsync<Goodbye>(_ => true);
        await text.WaitClosedAsync();

        await using var big = await RawClient.ConnectAsync(running.Http.Address);
        await big.SendRawAsync(new byte[5000]);
        var bigGoodbye = await big.WaitForAsync<Goodbye>(_ => true);
        await big.WaitClosedAsync();

        Assert.That(textGoodbye.Code, Is.EqualTo((ushort)RejectCode.TextMessage));
        Assert.That(bigGoodbye.Code, Is.EqualTo((ushort)RejectCode.MessageTooLarge));
        Assert.That(big.CloseStatus, Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
    }

    [Test]
    public async Task Fuzzed_frames_never_crash_the_gateway_or_disturb_other_connections()
    {
        await using var running = await StartAsync(ws => (ws.MessagesPerSecond, ws.Burst) = (1_000_000, 1_000_000));
        await using var bystander = await RawClient.ConnectAsync(running.Http.Address);
        await bystander.LoginAsync(KeyB, SecretB);
        var random = new Random(7);
        byte[][] seeds = [Encode(Limit(1, 1, 2_000_000, 1, "f")), Encode(new CancelOrder { RequestId = 2 }), Encode(new Subscribe { RequestId = 3, InstrumentId = 1, Channels = 7 })];

        for (var round = 0; round < 5; round++)
        {
            await using var fuzzer = await RawClient.ConnectAsync(running.Http.Address);
            await fuzzer.LoginAsync(KeyA, SecretA);
            for (var i = 0; i < 300 && !fuzzer.Closed; i++)
            {
                var frame = random.Next(3) == 0 ? new byte[random.Next(0, 200)] : seeds[random.Next(seeds.Length)].ToArray();
                if (frame.Length > 0 && frame[0] != 0)
                {
                    for (var flips = random.Next(1, 4); flips > 0; flips--)
                    {
                        frame[random.Next(frame.Length)] = (byte)random.Next(256);
                    }
                }
                else
                {
                    random.NextBytes(frame);
                }

                try
                {
                    await fuzzer.SendRawAsync(frame);
                }
                catch (WebSocketException)
                {
                    break;
                }
            }
        }

        await bystander.SendAsync(new Ping { RequestId = 5 });
        await bystander.WaitForAsync<Pong>(p => p.RequestId == 5);
        await bystander.SendAsync(Limit(6, 1, 2_000_000, 1, "after-fuzz"));
        await bystander.WaitForAsync<ExecutionReport>(r => r.RequestId == 6 && r.ExecType == '0');
        Assert.That(running.Server.Fault, Is.Null);
    }

    [Test]
    public async Task Another_sites_page_is_refused_and_the_servers_own_origin_accepted()
    {
        await using var running = await StartAsync(ws => ws.AllowedOrigins = ["https://trade.example.com"]);
        var own = $"http://{running.Http.Address.Authority}";

        await using (var same = await RawClient.ConnectAsync(running.Http.Address, own))
        await using (var listed = await RawClient.ConnectAsync(running.Http.Address, "https://trade.example.com"))
        {
            await same.SendAsync(new Ping { RequestId = 1 });
            await same.WaitForAsync<Pong>(_ => true);
        }

        var refused = await Assert.ThrowsAsync<WebSocketException>(async () => await RawClient.ConnectAsync(running.Http.Address, "https://evil.example.org"));
        Assert.That(refused!.Message, Does.Contain("403"));

        using var http = new HttpClient();
        var plain = await http.GetAsync(new Uri(running.Http.Address, "ws"));
        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private static byte[] Encode<T>(T message)
        where T : unmanaged, IFixedMessage
    {
        var buffer = new byte[T.FixedLength];
        Codec.Write(ref message, buffer);
        return buffer;
    }
}
