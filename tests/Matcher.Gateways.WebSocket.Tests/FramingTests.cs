using System.Buffers.Binary;
using System.Net.WebSockets;
using Matcher.Core.Commands;
using Matcher.Core.Pipeline;
using Matcher.Protocol;
using Matcher.Ring;
using Matcher.Views.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Gateways.WebSocket.Tests;

/// <summary>
/// Several protocol messages per WebSocket message (docs/WEBSOCKET.md): the writer sends each batch
/// it takes as few WebSocket messages as the cap allows, never splitting a message; the receive side
/// walks several messages in one.
/// </summary>
public sealed class FramingTests
{
    private static byte[] Encode<T>(T message)
        where T : unmanaged, IFixedMessage
    {
        var buffer = new byte[T.FixedLength];
        Codec.Write(ref message, buffer);
        return buffer;
    }

    private static byte[] Snapshot(int levels)
    {
        var header = new Protocol.BookSnapshot { InstrumentId = 1, BookSequence = 7 };
        var bids = new LevelEntry[levels];
        for (var i = 0; i < levels; i++)
        {
            bids[i] = new LevelEntry { PriceTicks = 1_000 - i, Lots = i + 1, OrderCount = 1 };
        }

        var buffer = new byte[Codec.BookSnapshotLength(bids.Length, 0)];
        Codec.WriteBookSnapshot(ref header, bids, [], buffer);
        return buffer;
    }

    /// <summary>A connection of a gateway, not yet running, over a fake socket: the test queues first, then runs it.</summary>
    private static (WebSocketGateway Gateway, Connection Connection, FakeWebSocket Socket) Unstarted()
    {
        var options = new WebSocketGatewayOptions { CloseTimeout = TimeSpan.FromSeconds(5) };
        var gateway = new WebSocketGateway(new CommandPublisher(RingBuffer.CreateMultiProducer<Command>(64), RingFullPolicy.Reject), new MarketDataHub(),
            options, TimeProvider.System, NullLogger.Instance);
        var socket = new FakeWebSocket();
        var connection = new Connection(1, socket, gateway, options, new TokenBucket(1_000, 1_000, TimeProvider.System.TimestampFrequency, TimeProvider.System.GetTimestamp()),
            NullLogger.Instance);
        return (gateway, connection, socket);
    }

    [Test]
    public async Task WriteAsync_SeveralQueuedMessages_GoOutAsOneWebSocketMessage()
    {
        var (gateway, connection, socket) = Unstarted();
        using var owner = gateway;
        using var used = connection;
        byte[][] messages =
        [
            Encode(new Pong { RequestId = 1 }),
            Encode(new ExecutionReport { RequestId = 2, ExecType = (byte)'0' }),
            Encode(new BookUpdate { BookSequence = 3, InstrumentId = 1 }),
            Snapshot(3),
            Encode(new Pong { RequestId = 4 }),
        ];
        foreach (var message in messages)
        {
            connection.Send(message);
        }

        socket.ClientCloses();
        await connection.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        var frames = socket.SentFrames();
        Assert.Multiple(() =>
        {
            Assert.That(frames, Has.Length.EqualTo(1), "one batch, one WebSocket message");
            Assert.That(frames[0], Is.EqualTo(messages.SelectMany(m => m).ToArray()), "the messages whole, in order, back to back");
            Assert.That(socket.Sent(), Has.Length.EqualTo(messages.Length));
            Assert.That(socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.NormalClosure));
        });
    }

    [Test]
    public async Task WriteAsync_MoreThanTheCap_SplitsOnlyBetweenMessagesAndALargerMessageGoesAlone()
    {
        var (gateway, connection, socket) = Unstarted();
        using var owner = gateway;
        using var used = connection;

        // Sizes that do not divide the cap (24, 48, 192 and a snapshot of 80,048 bytes), so a split by bytes would cut one.
        var large = Snapshot(4_000);
        var messages = new List<byte[]>();
        for (var i = 0; i < 1_500; i++)
        {
            messages.Add(Encode(new Pong { RequestId = (ulong)i }));
            messages.Add(Encode(new BookUpdate { BookSequence = i, InstrumentId = 1 }));
            messages.Add(Encode(new ExecutionReport { RequestId = (ulong)i, ExecType = (byte)'F' }));
            if (i == 700)
            {
                messages.Add(large);
            }
        }

        foreach (var message in messages)
        {
            connection.Send(message);
        }

        socket.ClientCloses();
        await connection.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        var frames = socket.SentFrames();
        var received = socket.Sent();
        Assert.That(received, Has.Length.EqualTo(messages.Count), "Sent() walks every frame to its end: no message was split");
        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(messages), "every message whole, in order");
            Assert.That(frames, Has.Length.GreaterThan(2), "more than the cap in all: several WebSocket messages");
            Assert.That(frames, Has.One.EqualTo(large), "the message larger than the cap alone");
            for (var i = 0; i < frames.Length; i++)
            {
                if (!frames[i].SequenceEqual(large))
                {
                    Assert.That(frames[i], Has.Length.LessThanOrEqualTo(Connection.MaxFrameBytes), $"frame {i}");
                }

                // Greedy: a frame ends only where the next message would not have fitted.
                if (i + 1 < frames.Length)
                {
                    var next = (int)BinaryPrimitives.ReadUInt32LittleEndian(frames[i + 1]);
                    Assert.That(frames[i].Length + next, Is.GreaterThan(Connection.MaxFrameBytes), $"frame {i} could have held the next message");
                }
            }
        });
    }

    [Test]
    public async Task Close_WithMessagesQueued_TheGoodbyeComesLastThenTheSocketCloses()
    {
        var (gateway, connection, socket) = Unstarted();
        using var owner = gateway;
        using var used = connection;
        connection.Send(Encode(new Pong { RequestId = 1 }));
        connection.Send(Encode(new Pong { RequestId = 2 }));

        connection.Close(RejectCode.ServerStopping, "server stopping");
        await connection.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        var templates = socket.Sent().Select(m => (TemplateId)BinaryPrimitives.ReadUInt16LittleEndian(m.AsSpan(4)));
        Assert.Multiple(() =>
        {
            Assert.That(templates, Is.EqualTo(new[] { TemplateId.Pong, TemplateId.Pong, TemplateId.Goodbye }));
            Assert.That(socket.SentFrames(), Has.Length.EqualTo(1), "the Goodbye shares the last WebSocket message");
            Assert.That(socket.SentOf<Goodbye>().Single().Code, Is.EqualTo((ushort)RejectCode.ServerStopping));
            Assert.That(socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable));
        });
    }

    [Test]
    public async Task Receive_SeveralMessagesInOneWebSocketMessage_EachIsAnswered()
    {
        using var harness = new GatewayHarness();
        var client = harness.Connect();

        client.Socket.ClientSends([.. Encode(new Ping { RequestId = 1 }), .. Encode(new Ping { RequestId = 2 }), .. Encode(new Ping { RequestId = 3 })]);
        await GatewayHarness.Until(() => client.Socket.SentOf<Pong>().Count == 3, "the three Pings were answered");

        Assert.That(client.Socket.SentOf<Pong>().Select(p => p.RequestId), Is.EqualTo(new ulong[] { 1, 2, 3 }));
        await client.CloseAsync();
    }

    [Test]
    public async Task Receive_LengthRunningPastTheEnd_TheMessagesBeforeAreAnsweredAndTheRestIsMalformed()
    {
        using var harness = new GatewayHarness();
        var client = harness.Connect();
        var overrun = Encode(new Ping { RequestId = 2 });
        BinaryPrimitives.WriteUInt32LittleEndian(overrun, 64);

        client.Socket.ClientSends([.. Encode(new Ping { RequestId = 1 }), .. overrun]);
        await GatewayHarness.Until(() => client.Socket.Sent().Length == 2, "both were answered");
        client.Socket.ClientSends(Encode(new Ping { RequestId = 3 }));
        await GatewayHarness.Until(() => client.Socket.SentOf<Pong>().Count == 2, "the connection goes on");

        var reject = client.Socket.SentOf<Reject>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(client.Socket.SentOf<Pong>().Select(p => p.RequestId), Is.EqualTo(new ulong[] { 1, 3 }));
            Assert.That((RejectCode)reject.Code, Is.EqualTo(RejectCode.Malformed));
            Assert.That(reject.RefTemplateId, Is.EqualTo(TemplateId.Ping));
        });
        await client.CloseAsync();
    }
}
