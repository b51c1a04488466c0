using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Matcher.Protocol;
using static Matcher.Client.Tests.Frames;

namespace Matcher.Client.Tests;

public sealed class MatcherClientTests
{
    private const int BtcUsd = 1;

    [Test]
    public async Task LoginAsync_Accepted_SendsASignedLoginAndReturnsTheAnswer()
    {
        await using var session = await ClientSession.StartAsync();
        var before = DateTimeOffset.UtcNow;

        var login = session.Client.LoginAsync(ClientSession.ApiKey, ClientSession.Secret);
        var (message, frame) = await session.Connection.ExpectAsync<Login>();
        await session.Connection.SendAsync(new LoginAccepted { AccountId = 1001, ConnectionId = 42, SchemaVersion = 1, Burst = 7 });
        var accepted = await login;

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(ClientSession.Secret));
        var timestamp = DateTimeOffset.UnixEpoch.AddTicks(message.TimestampNs / 100);
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.ASCII.GetString(frame, 8, ClientSession.ApiKey.Length), Is.EqualTo(ClientSession.ApiKey));
            Assert.That(frame.AsSpan(56, 32).ToArray(), Is.EqualTo(hmac.ComputeHash(frame, 8, 48)));
            Assert.That(timestamp, Is.InRange(before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1)));
            Assert.That(message.Nonce, Is.Not.Zero);
            Assert.That(accepted.AccountId, Is.EqualTo(1001));
            Assert.That(accepted.ConnectionId, Is.EqualTo(42));
            Assert.That(session.Client.Session?.Burst, Is.EqualTo(7u));
        });
        Assert.That((await session.Handler.NextAsync<LoginAccepted>()).AccountId, Is.EqualTo(1001));
    }

    [Test]
    public async Task LoginAsync_Rejected_ThrowsWithTheCodeAndTextAndTheConnectionEnds()
    {
        await using var session = await ClientSession.StartAsync();

        var login = session.Client.LoginAsync(ClientSession.ApiKey, "wrong");
        await session.Connection.ExpectAsync<Login>();
        await session.Connection.SendAsync(new Reject
        {
            RefTemplateId = TemplateId.Login,
            Code = (ushort)RejectCode.AuthenticationFailed,
            Text = Chars64.FromLossy("unknown key or wrong signature"),
        });
        await session.Connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, "login failed");

        var error = await Assert.ThrowsAsync<MatcherRejectException>(() => login);
        var closed = await session.Client.Completion.WaitAsync(FakeServer.Timeout);
        Assert.Multiple(() =>
        {
            Assert.That(error!.RejectCode, Is.EqualTo(RejectCode.AuthenticationFailed));
            Assert.That(error.Code, Is.EqualTo(1005));
            Assert.That(error.Text, Is.EqualTo("unknown key or wrong signature"));
            Assert.That(error.Message, Does.Contain("AuthenticationFailed (1005)").And.Contain("wrong signature"));
            Assert.That(closed.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
            Assert.That(closed.Error, Is.Null);
            Assert.That(session.Client.Session, Is.Null);
            Assert.That(session.Client.IsConnected, Is.False);
        });
    }

    [Test]
    public async Task PingAsync_Pong_ReturnsTheServerTimeAndARoundTrip()
    {
        await using var session = await ClientSession.StartAsync();

        var ping = session.Client.PingAsync();
        var (message, _) = await session.Connection.ExpectAsync<Ping>();
        await session.Connection.SendAsync(new Pong { RequestId = message.RequestId, ServerTimeNs = 123_456 });
        var result = await ping;

        Assert.Multiple(() =>
        {
            Assert.That(message.RequestId, Is.EqualTo(1));
            Assert.That(result.ServerTimeNs, Is.EqualTo(123_456));
            Assert.That(result.RoundTrip, Is.GreaterThan(TimeSpan.Zero));
        });
    }

    [Test]
    public async Task GetInstrumentsAsync_InstrumentList_ReturnsTheInstrumentsWithTheirSizes()
    {
        await using var session = await ClientSession.StartAsync();

        var request = session.Client.GetInstrumentsAsync();
        var (message, _) = await session.Connection.ExpectAsync<InstrumentListRequest>();
        await session.Connection.SendAsync(InstrumentList(message.RequestId,
            Instrument(BtcUsd, "BTC-USD", 1, 2, 1, 4), Instrument(2, "ETH-USD", 1, 2, 1, 3)));
        var instruments = await request;

        Assert.Multiple(() =>
        {
            Assert.That(instruments.Select(i => i.Symbol), Is.EqualTo(new[] { "BTC-USD", "ETH-USD" }));
            Assert.That(instruments[0].TickSize, Is.EqualTo(0.01m));
            Assert.That(instruments[1].LotSize, Is.EqualTo(0.001m));
            Assert.That(instruments[1].InstrumentId, Is.EqualTo(2));
        });
        Assert.That((await session.Handler.NextAsync<RecordingHandler.InstrumentListCall>()).Count, Is.EqualTo(2));
    }

    [Test]
    public async Task SubscribeAsync_Snapshot_ReturnsTheBookAndUpdatesKeepItCurrent()
    {
        await using var session = await ClientSession.StartAsync();

        var subscribe = session.Client.SubscribeAsync(BtcUsd, SubscriptionChannels.Book | SubscriptionChannels.Trades, depth: 10);
        var (message, _) = await session.Connection.ExpectAsync<Subscribe>();
        await session.Connection.SendAsync(Snapshot(BtcUsd, 100, 7, [Level(999, 5)], [Level(1001, 3)], message.RequestId,
            SubscriptionChannels.Book | SubscriptionChannels.Trades));
        var book = await subscribe;
        await session.Connection.SendAsync(Update(BtcUsd, 101, Side.Buy, 1000, 2, action: 0));
        await session.Connection.SendAsync(Trade(BtcUsd, 8));
        await session.Handler.NextOfAsync<Trade>();

        Assert.Multiple(() =>
        {
            Assert.That(message.InstrumentId, Is.EqualTo(BtcUsd));
            Assert.That(message.Depth, Is.EqualTo(10));
            Assert.That(message.Channels, Is.EqualTo(3));
            Assert.That(book.Depth, Is.EqualTo(10));
            Assert.That(book.Bids.ToArray(), Is.EqualTo(new[] { new BookLevel(1000, 2, 1), new BookLevel(999, 5, 1) }));
            Assert.That(book.BookSequence, Is.EqualTo(101));
            Assert.That(book.TradeSequence, Is.EqualTo(8));
            Assert.That(session.Client.TryGetBook(BtcUsd, out var same) && ReferenceEquals(same, book), Is.True);
        });
    }

    [Test]
    public async Task SubscribeAsync_Rejected_ThrowsAndKeepsNoBook()
    {
        await using var session = await ClientSession.StartAsync();

        var subscribe = session.Client.SubscribeAsync(99);
        var (message, _) = await session.Connection.ExpectAsync<Subscribe>();
        await session.Connection.SendAsync(new Reject
        {
            RequestId = message.RequestId,
            RefTemplateId = TemplateId.Subscribe,
            Code = (ushort)RejectCode.InvalidSubscription,
            Text = Chars64.FromLossy("unknown instrument 99"),
        });

        var error = await Assert.ThrowsAsync<MatcherRejectException>(() => subscribe);
        Assert.Multiple(() =>
        {
            Assert.That(error!.RejectCode, Is.EqualTo(RejectCode.InvalidSubscription));
            Assert.That(error.RequestId, Is.EqualTo(message.RequestId));
            Assert.That(session.Client.TryGetBook(99, out _), Is.False);
        });
    }

    [Test]
    public async Task BookUpdate_Gap_MarksTheBookStaleSubscribesAgainAndTheNewSnapshotRebuildsIt()
    {
        await using var session = await ClientSession.StartAsync();
        var subscribe = session.Client.SubscribeAsync(BtcUsd, SubscriptionChannels.All, depth: 5);
        var (first, _) = await session.Connection.ExpectAsync<Subscribe>();
        await session.Connection.SendAsync(Snapshot(BtcUsd, 10, 0, [Level(999, 5)], [], first.RequestId));
        var book = await subscribe;

        await session.Connection.SendAsync(Update(BtcUsd, 11, Side.Buy, 998, 1, action: 0));
        await session.Connection.SendAsync(Update(BtcUsd, 13, Side.Buy, 997, 1, action: 0)); // 12 was dropped
        var (again, _) = await session.Connection.ExpectAsync<Subscribe>();
        var stale = await session.Handler.NextOfAsync<RecordingHandler.StaleCall>();
        await session.Connection.SendAsync(Update(BtcUsd, 14, Side.Buy, 996, 1, action: 0)); // set aside: stale
        await session.Connection.SendAsync(Snapshot(BtcUsd, 20, 0, [Level(990, 4)], [Level(1010, 1)], again.RequestId));
        var snapshot = await session.Handler.NextOfAsync<RecordingHandler.SnapshotCall>();

        Assert.Multiple(() =>
        {
            Assert.That(stale.Gap, Is.EqualTo(new SequenceGap(SequenceKind.Book, 12, 13)));
            Assert.That(stale.WasStale, Is.True);
            Assert.That(ReferenceEquals(stale.Book, book), Is.True);
            Assert.That(again.RequestId, Is.GreaterThan(first.RequestId));
            Assert.That(again.InstrumentId, Is.EqualTo(BtcUsd));
            Assert.That(again.Channels, Is.EqualTo((byte)SubscriptionChannels.All));
            Assert.That(again.Depth, Is.EqualTo(5));
            Assert.That(snapshot.Message.BookSequence, Is.EqualTo(20));
            Assert.That(book.IsStale, Is.False);
            Assert.That(book.Gaps, Is.EqualTo(1));
            Assert.That(book.Bids.ToArray(), Is.EqualTo(new[] { new BookLevel(990, 4, 1) }));
        });
    }

    [Test]
    public async Task Trade_Gap_SubscribesAgainAndARateLimitedResubscriptionIsRetried()
    {
        await using var session = await ClientSession.StartAsync(new MatcherClientOptions { ResubscribeRetryDelay = TimeSpan.FromMilliseconds(10) });
        var subscribe = session.Client.SubscribeAsync(BtcUsd, SubscriptionChannels.Trades);
        var (first, _) = await session.Connection.ExpectAsync<Subscribe>();
        await session.Connection.SendAsync(Snapshot(BtcUsd, 10, 3, [], [], first.RequestId, SubscriptionChannels.Trades));
        var book = await subscribe;

        await session.Connection.SendAsync(Trade(BtcUsd, 5));
        var (again, _) = await session.Connection.ExpectAsync<Subscribe>();
        await session.Connection.SendAsync(new Reject { RequestId = again.RequestId, RefTemplateId = TemplateId.Subscribe, Code = (ushort)RejectCode.RateLimited });
        var (retry, _) = await session.Connection.ExpectAsync<Subscribe>();
        await session.Connection.SendAsync(Snapshot(BtcUsd, 12, 9, [], [], retry.RequestId, SubscriptionChannels.Trades));
        await session.Handler.NextOfAsync<RecordingHandler.SnapshotCall>();
        await session.Handler.NextOfAsync<RecordingHandler.SnapshotCall>();

        Assert.Multiple(() =>
        {
            Assert.That(again.Channels, Is.EqualTo((byte)SubscriptionChannels.Trades));
            Assert.That(retry.RequestId, Is.GreaterThan(again.RequestId));
            Assert.That(book.IsStale, Is.False);
            Assert.That(book.TradeSequence, Is.EqualTo(9));
        });
    }

    [Test]
    public async Task Unsubscribe_Book_IsRemovedAndLaterUpdatesAreIgnored()
    {
        await using var session = await ClientSession.StartAsync();
        var subscribe = session.Client.SubscribeAsync(BtcUsd);
        var (first, _) = await session.Connection.ExpectAsync<Subscribe>();
        await session.Connection.SendAsync(Snapshot(BtcUsd, 10, 0, [Level(999, 5)], [], first.RequestId));
        var book = await subscribe;

        var requestId = session.Client.Unsubscribe(BtcUsd);
        var (message, _) = await session.Connection.ExpectAsync<Unsubscribe>();
        await session.Connection.SendAsync(Update(BtcUsd, 12, Side.Buy, 998, 1, action: 0)); // a gap, but nobody listens
        await session.Handler.NextOfAsync<BookUpdate>();
        var ping = session.Client.PingAsync();
        var (pingMessage, _) = await session.Connection.ExpectAsync<Ping>();
        await session.Connection.SendAsync(new Pong { RequestId = pingMessage.RequestId });
        await ping;

        Assert.Multiple(() =>
        {
            Assert.That(message.RequestId, Is.EqualTo(requestId));
            Assert.That(message.InstrumentId, Is.EqualTo(BtcUsd));
            Assert.That(session.Client.TryGetBook(BtcUsd, out _), Is.False);
            Assert.That(book.IsStale, Is.True);
            Assert.That(book.Gaps, Is.Zero);
        });
    }

    [Test]
    public async Task OrderEntry_EachRequest_ArrivesWithItsFieldsAndIncreasingRequestIds()
    {
        await using var session = await ClientSession.StartAsync();
        await session.LogInAsync();
        var client = session.Client;

        var ids = new[]
        {
            client.PlaceLimitOrder(BtcUsd, Side.Buy, 3_000_050, 10, "order-1", TimeInForce.GoodTillDate, postOnly: true,
                SelfTradePrevention.CancelMaker, expireTimeNs: 99),
            client.PlaceMarketOrder(BtcUsd, Side.Buy, 0, "order-2", quoteBudget: 5_000_000),
            client.CancelOrder(77, "cancel-1"),
            client.CancelOrderByClOrdId("order-1"),
            client.AmendOrder(77, 3_000_000, 0),
            client.AmendOrderByClOrdId("order-1", 0, 20),
            client.CancelReplace(0, "order-1", 2_999_999, 30, "order-1b"),
            client.MassCancel(BtcUsd, Side.Sell),
            client.OrderStatus(77),
            client.OrderStatusByClOrdId("order-1b"),
        };
        var limit = (await session.Connection.ExpectAsync<PlaceOrder>()).Message;
        var market = (await session.Connection.ExpectAsync<PlaceOrder>()).Message;
        var cancel = (await session.Connection.ExpectAsync<CancelOrder>()).Message;
        var cancelByClOrdId = (await session.Connection.ExpectAsync<CancelOrder>()).Message;
        var amend = (await session.Connection.ExpectAsync<AmendOrder>()).Message;
        var amendByClOrdId = (await session.Connection.ExpectAsync<AmendOrder>()).Message;
        var replace = (await session.Connection.ExpectAsync<CancelReplace>()).Message;
        var massCancel = (await session.Connection.ExpectAsync<MassCancel>()).Message;
        var status = (await session.Connection.ExpectAsync<OrderStatusRequest>()).Message;
        var statusByClOrdId = (await session.Connection.ExpectAsync<OrderStatusRequest>()).Message;

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.Ordered.Ascending);
            Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Length));
            Assert.That(new[] { limit.RequestId, market.RequestId, cancel.RequestId, cancelByClOrdId.RequestId, amend.RequestId,
                amendByClOrdId.RequestId, replace.RequestId, massCancel.RequestId, status.RequestId, statusByClOrdId.RequestId }, Is.EqualTo(ids));
            Assert.That((limit.PriceTicks, limit.QuantityLots, limit.InstrumentId, limit.Side, limit.OrderType, limit.TimeInForce),
                Is.EqualTo((3_000_050L, 10L, BtcUsd, (byte)1, (byte)1, (byte)4)));
            Assert.That((limit.SelfTradePrevention, limit.Flags, limit.ExpireTimeNs, limit.ClOrdId.ToString()),
                Is.EqualTo(((byte)2, (byte)1, 99L, "order-1")));
            Assert.That((market.OrderType, market.QuoteBudget, market.QuantityLots, market.PriceTicks, market.ClOrdId.ToString()),
                Is.EqualTo(((byte)2, 5_000_000L, 0L, 0L, "order-2")));
            Assert.That((cancel.OrderId, cancel.ClOrdId.ToString(), cancel.OrigClOrdId.ToString()), Is.EqualTo((77L, "cancel-1", "")));
            Assert.That((cancelByClOrdId.OrderId, cancelByClOrdId.OrigClOrdId.ToString()), Is.EqualTo((0L, "order-1")));
            Assert.That((amend.OrderId, amend.NewPriceTicks, amend.NewQuantityLots), Is.EqualTo((77L, 3_000_000L, 0L)));
            Assert.That((amendByClOrdId.OrigClOrdId.ToString(), amendByClOrdId.NewQuantityLots), Is.EqualTo(("order-1", 20L)));
            Assert.That((replace.OrigClOrdId.ToString(), replace.ClOrdId.ToString(), replace.NewPriceTicks, replace.NewQuantityLots),
                Is.EqualTo(("order-1", "order-1b", 2_999_999L, 30L)));
            Assert.That((massCancel.InstrumentId, massCancel.Side), Is.EqualTo((BtcUsd, (byte)2)));
            Assert.That((status.OrderId, statusByClOrdId.ClOrdId.ToString()), Is.EqualTo((77L, "order-1b")));
            Assert.That(client.MessagesSent, Is.EqualTo(11)); // the Login too
        });
    }

    [Test]
    public async Task PlaceOrder_WithAnAllocatedRequestId_SendsThatIdAndTheReportComesBackWithIt()
    {
        await using var session = await ClientSession.StartAsync();
        await session.LogInAsync();

        var requestId = session.Client.AllocateRequestId();
        var order = new PlaceOrder
        {
            RequestId = requestId,
            PriceTicks = 100,
            QuantityLots = 1,
            InstrumentId = BtcUsd,
            Side = 2,
            OrderType = 1,
            ClOrdId = Chars32.From("raw-1"),
        };
        var returned = session.Client.PlaceOrder(ref order);
        var (sent, _) = await session.Connection.ExpectAsync<PlaceOrder>();
        await session.Connection.SendAsync(new ExecutionReport
        {
            RequestId = sent.RequestId,
            OrderId = 555,
            ExecType = (byte)'0',
            OrdStatus = (byte)'0',
            ClOrdId = sent.ClOrdId,
        });
        var report = await session.Handler.NextOfAsync<ExecutionReport>();

        Assert.Multiple(() =>
        {
            Assert.That(returned, Is.EqualTo(requestId));
            Assert.That(sent.RequestId, Is.EqualTo(requestId));
            Assert.That(report.RequestId, Is.EqualTo(requestId));
            Assert.That(report.OrderId, Is.EqualTo(555));
            Assert.That(report.ClOrdId.ToString(), Is.EqualTo("raw-1"));
        });
    }

    [Test]
    public async Task CloseAsync_Connected_SendsTheCloseAfterQueuedMessagesAndReportsClosedByClient()
    {
        await using var session = await ClientSession.StartAsync();
        await session.LogInAsync();
        session.Client.MassCancel();

        var closing = session.Client.CloseAsync();
        var (massCancel, _) = await session.Connection.ExpectAsync<MassCancel>();
        Assert.That(await session.Connection.ReceiveAsync(), Is.Null);
        await session.Connection.AnswerCloseAsync();
        await closing;
        var closed = await session.Client.Completion.WaitAsync(FakeServer.Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(massCancel.InstrumentId, Is.Zero);
            Assert.That(closed.ClosedByClient, Is.True);
            Assert.That(closed.Error, Is.Null);
            Assert.That(session.Connection.CloseStatus, Is.EqualTo(WebSocketCloseStatus.NormalClosure));
            Assert.That(() => session.Client.MassCancel(), Throws.InstanceOf<MatcherClientException>().With.Message.Contains("closed"));
        });
    }

    [Test]
    public void PlaceLimitOrder_NotConnected_Throws()
    {
        using var client = new MatcherClient(new RecordingHandler());

        Assert.That(() => client.PlaceLimitOrder(BtcUsd, Side.Buy, 1, 1, "x"), Throws.InvalidOperationException.With.Message.Contains("not connected"));
    }

    [Test]
    public async Task PlaceLimitOrder_BadClOrdId_ThrowsAndSendsNothing()
    {
        await using var session = await ClientSession.StartAsync();

        Assert.Multiple(() =>
        {
            Assert.That(() => session.Client.PlaceLimitOrder(BtcUsd, Side.Buy, 1, 1, ""), Throws.ArgumentException);
            Assert.That(() => session.Client.PlaceLimitOrder(BtcUsd, Side.Buy, 1, 1, new string('x', 33)), Throws.ArgumentException);
            Assert.That(() => session.Client.CancelOrderByClOrdId("é"), Throws.ArgumentException);
            Assert.That(session.Client.MessagesSent, Is.Zero);
        });
    }

    [Test]
    public async Task PlaceLimitOrder_FromManyThreads_EveryMessageArrivesWholeWithADistinctId()
    {
        await using var session = await ClientSession.StartAsync();
        const int Threads = 4;
        const int PerThread = 2_000;

        var senders = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            Span<char> clOrdId = stackalloc char[16];
            for (var i = 0; i < PerThread; i++)
            {
                i.TryFormat(clOrdId[1..], out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
                clOrdId[0] = (char)('a' + t);
                session.Client.PlaceLimitOrder(BtcUsd, Side.Sell, 1000 + t, i + 1, clOrdId[..(written + 1)]);
            }
        })).ToArray();
        var received = new List<PlaceOrder>();
        for (var i = 0; i < Threads * PerThread; i++)
        {
            received.Add((await session.Connection.ExpectAsync<PlaceOrder>()).Message);
        }

        await Task.WhenAll(senders);
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(o => o.RequestId), Is.Ordered.Ascending);
            Assert.That(received.Select(o => o.RequestId).Distinct().Count(), Is.EqualTo(Threads * PerThread));
            // Each thread's orders arrive in its own order, with their own fields.
            for (var t = 0; t < Threads; t++)
            {
                var mine = received.Where(o => o.PriceTicks == 1000 + t).ToList();
                Assert.That(mine.Select(o => o.QuantityLots), Is.EqualTo(Enumerable.Range(1, PerThread).Select(i => (long)i)));
                Assert.That(mine.Select(o => o.ClOrdId.ToString()), Is.EqualTo(Enumerable.Range(0, PerThread).Select(i => $"{(char)('a' + t)}{i}")));
            }
        });
    }

    [Test]
    public async Task OnExecutionReport_HandlerThatSends_IsServedWithoutDeadlock()
    {
        await using var session = await ClientSession.StartAsync();
        await session.LogInAsync();
        var client = session.Client;
        session.Handler.OnReport = report =>
        {
            if (report.OrderId < 5)
            {
                client.PlaceLimitOrder(BtcUsd, Side.Buy, 10, report.OrderId + 1, "next");
            }
        };

        client.PlaceLimitOrder(BtcUsd, Side.Buy, 10, 1, "first");
        for (var i = 1; i <= 5; i++)
        {
            var (order, _) = await session.Connection.ExpectAsync<PlaceOrder>();
            Assert.That(order.QuantityLots, Is.EqualTo(i));
            await session.Connection.SendAsync(new ExecutionReport { RequestId = order.RequestId, OrderId = i, ExecType = (byte)'0' });
        }

        Assert.That(client.MessagesSent, Is.EqualTo(6));
    }
}
