using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Matcher.Protocol;
using static Matcher.Client.Tests.Frames;

namespace Matcher.Client.Tests;

/// <summary>The client's receive loop: every server template, framing (several messages per WebSocket message, fragments), and what ends a connection.</summary>
public sealed class MatcherClientReceiveTests
{
    private const int BtcUsd = 1;

    [Test]
    public async Task Receive_EveryServerTemplate_ReachesTheHandlerInOrderAndTheGoodbyeIsInOnClosed()
    {
        await using var session = await ClientSession.StartAsync();
        var connection = session.Connection;
        var unknown = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(unknown, 16);
        BinaryPrimitives.WriteUInt16LittleEndian(unknown.AsSpan(4), 199);
        BinaryPrimitives.WriteUInt16LittleEndian(unknown.AsSpan(6), 1);

        await connection.SendAsync(new ExecutionReport { RequestId = 1, OrderId = 2, ExecType = (byte)'F', LastLots = 3 });
        await connection.SendAsync(new CancelReject { RequestId = 2, RejectCode = 5, ResponseTo = (byte)'1' });
        await connection.SendAsync(new MassCancelReport { RequestId = 3, AffectedOrders = 4 });
        await connection.SendAsync(new BalanceUpdate { AccountId = 1001, Available = 5, Locked = 6, AssetId = 1 });
        await connection.SendAsync(unknown);
        await connection.SendAsync(new Bbo { BookSequence = 7, InstrumentId = BtcUsd });
        await connection.SendAsync(Trade(BtcUsd, 8));
        await connection.SendAsync(Update(BtcUsd, 9, Side.Sell, 100, 1));
        await connection.SendAsync(new Pong { RequestId = 10, ServerTimeNs = 11 });
        await connection.SendAsync(new Reject { RequestId = 12, RefTemplateId = TemplateId.PlaceOrder, Code = (ushort)RejectCode.RateLimited });
        await connection.SendAsync(new Goodbye { Code = (ushort)RejectCode.SlowConsumer, Text = Chars64.FromLossy("send queue full") });
        await connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, "slow consumer");

        var handler = session.Handler;
        Assert.That((await handler.NextAsync<ExecutionReport>()).LastLots, Is.EqualTo(3));
        Assert.That((await handler.NextAsync<CancelReject>()).RejectCode, Is.EqualTo(5));
        Assert.That((await handler.NextAsync<MassCancelReport>()).AffectedOrders, Is.EqualTo(4));
        Assert.That((await handler.NextAsync<BalanceUpdate>()).Locked, Is.EqualTo(6));
        Assert.That((await handler.NextAsync<Bbo>()).BookSequence, Is.EqualTo(7));
        Assert.That((await handler.NextAsync<Trade>()).TradeSequence, Is.EqualTo(8));
        Assert.That((await handler.NextAsync<BookUpdate>()).BookSequence, Is.EqualTo(9));
        Assert.That((await handler.NextAsync<Pong>()).ServerTimeNs, Is.EqualTo(11));
        Assert.That((await handler.NextAsync<Reject>()).Code, Is.EqualTo((ushort)RejectCode.RateLimited));
        Assert.That((await handler.NextAsync<Goodbye>()).Code, Is.EqualTo((ushort)RejectCode.SlowConsumer));
        var closed = await handler.NextAsync<ConnectionClosed>();

        Assert.Multiple(() =>
        {
            Assert.That(closed.GoodbyeCode, Is.EqualTo((ushort)RejectCode.SlowConsumer));
            Assert.That(closed.GoodbyeText, Is.EqualTo("send queue full"));
            Assert.That(closed.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
            Assert.That(closed.CloseDescription, Is.EqualTo("slow consumer"));
            Assert.That(closed.Error, Is.Null);
            Assert.That(closed.ClosedByClient, Is.False);
            Assert.That(closed.ToString(), Does.Contain("SlowConsumer (1013)"));
            Assert.That(session.Client.MessagesReceived, Is.EqualTo(11));
            Assert.That(session.Client.UnknownMessages, Is.EqualTo(1));
            Assert.That(connection.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        });
    }

    [Test]
    public async Task Receive_SeveralMessagesInOneWebSocketMessage_EachReachesTheHandlerInOrder()
    {
        await using var session = await ClientSession.StartAsync();
        var subscribe = session.Client.SubscribeAsync(BtcUsd);
        var (request, _) = await session.Connection.ExpectAsync<Subscribe>();
        byte[][] messages =
        [
            Encode(new ExecutionReport { RequestId = 1, ExecType = (byte)'F', LastLots = 3 }),
            Snapshot(BtcUsd, 5, 0, [Level(99, 2), Level(98, 1)], [Level(101, 4)], request.RequestId),
            Encode(Update(BtcUsd, 6, Side.Buy, 99, 7)),
            Encode(new Pong { RequestId = 10, ServerTimeNs = 11 }),
        ];

        // One WebSocket message in three fragments, so that messages also straddle the fragments.
        await session.Connection.SendAsync([.. messages.SelectMany(m => m)], fragments: 3);
        var book = await subscribe.WaitAsync(FakeServer.Timeout);

        var handler = session.Handler;
        Assert.That((await handler.NextAsync<ExecutionReport>()).LastLots, Is.EqualTo(3));
        var snapshot = await handler.NextAsync<RecordingHandler.SnapshotCall>();
        Assert.That((await handler.NextAsync<BookUpdate>()).Lots, Is.EqualTo(7));
        Assert.That((await handler.NextAsync<Pong>()).ServerTimeNs, Is.EqualTo(11));
        Assert.Multiple(() =>
        {
            Assert.That((snapshot.Bids, snapshot.Asks), Is.EqualTo((2, 1)));
            Assert.That(book.Bids[0], Is.EqualTo(new BookLevel(99, 7, 1)), "the update after the snapshot in the same frame applied");
            Assert.That(session.Client.MessagesReceived, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Receive_LengthRunningPastTheWebSocketMessage_DeliversWhatPrecedesAndEndsWithAnError()
    {
        await using var session = await ClientSession.StartAsync();
        var pong = Encode(new Pong { RequestId = 10, ServerTimeNs = 11 });
        var overrun = Encode(new Pong { RequestId = 12 });
        BinaryPrimitives.WriteUInt32LittleEndian(overrun, 200);

        await session.Connection.SendAsync([.. pong, .. overrun]);
        Assert.That((await session.Handler.NextAsync<Pong>()).ServerTimeNs, Is.EqualTo(11));
        var closed = await session.Client.Completion.WaitAsync(FakeServer.Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(closed.Error, Is.InstanceOf<MatcherClientException>());
            Assert.That(closed.Error!.Message, Does.Contain("not valid (Malformed): 24 bytes, header length 200"));
            Assert.That(session.Client.MessagesReceived, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Receive_LargeSnapshotInManyFrames_GrowsTheBufferAndAppliesEveryLevel()
    {
        await using var session = await ClientSession.StartAsync(new MatcherClientOptions { InitialReceiveBufferBytes = 1024 });
        var bids = Enumerable.Range(0, 10_000).Select(i => Level(50_000 - i, i + 1)).ToArray();
        var asks = Enumerable.Range(0, 10_000).Select(i => Level(50_001 + i, i + 1)).ToArray();

        var subscribe = session.Client.SubscribeAsync(BtcUsd);
        var (message, _) = await session.Connection.ExpectAsync<Subscribe>();
        var frame = Snapshot(BtcUsd, 1, 0, bids, asks, message.RequestId);
        await session.Connection.SendAsync(frame, fragments: 7);
        var book = await subscribe;

        Assert.Multiple(() =>
        {
            Assert.That(frame.Length, Is.EqualTo(400_048));
            Assert.That(book.Bids.Length, Is.EqualTo(10_000));
            Assert.That(book.Asks.Length, Is.EqualTo(10_000));
            Assert.That(book.Bids[9_999], Is.EqualTo(new BookLevel(40_001, 10_000, 1)));
            Assert.That(book.Asks[0], Is.EqualTo(new BookLevel(50_001, 1, 1)));
        });
    }

    [Test]
    public async Task Receive_TextMessage_EndsTheConnectionWithAnError()
    {
        await using var session = await ClientSession.StartAsync();
        var ping = session.Client.PingAsync();
        await session.Connection.ExpectAsync<Ping>();

        await session.Connection.SendTextAsync("{\"hello\":1}");
        var closed = await session.Client.Completion.WaitAsync(FakeServer.Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(closed.Error, Is.InstanceOf<MatcherClientException>());
            Assert.That(closed.Error!.Message, Does.Contain("text message"));
            Assert.That(() => ping, Throws.InstanceOf<MatcherClientException>().With.Message.Contains("closed"));
        });
    }

    [Test]
    public async Task Receive_MessageShorterThanItsTemplate_EndsTheConnectionWithAnError()
    {
        await using var session = await ClientSession.StartAsync();
        var truncated = Encode(new ExecutionReport())[..100];
        BinaryPrimitives.WriteUInt32LittleEndian(truncated, 100);

        await session.Connection.SendAsync(truncated);
        var closed = await session.Client.Completion.WaitAsync(FakeServer.Timeout);

        Assert.That(closed.Error?.Message, Does.Contain("ExecutionReport of 100 bytes"));
    }
}
