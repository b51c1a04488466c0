using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Pipeline;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using Matcher.Protocol;
using Matcher.Ring;
using Matcher.Views.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Gateways.WebSocket.Tests;

/// <summary>The slow-consumer policy with a client that stops reading: market data dropped, then a private overflow closes it, and its orders are cancelled.</summary>
public sealed class SlowConsumerTests
{
    private static byte[] Frame<T>(T message)
        where T : unmanaged, IFixedMessage
    {
        var buffer = new byte[T.FixedLength];
        Codec.Write(ref message, buffer);
        return buffer;
    }

    private static byte[] SignedLogin()
    {
        var frame = Frame(new Login
        {
            ApiKey = Chars32.From("k1"),
            TimestampNs = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100,
            Nonce = 1,
        });
        HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret-one-xxxxxxx"), frame.AsSpan(8, 48), frame.AsSpan(56, 32));
        return frame;
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out waiting until " + what);
            await Task.Delay(5);
        }
    }

    [Test]
    public async Task A_client_that_stops_reading_loses_market_data_then_the_connection_and_its_orders()
    {
        var ring = RingBuffer.CreateMultiProducer<Command>(1024);
        var publisher = new CommandPublisher(ring, RingFullPolicy.Reject);
        var hub = new MarketDataHub();
        using var gateway = new WebSocketGateway(publisher, hub, new WebSocketGatewayOptions
        {
            ApiKeys = [new ApiKey("k1", "secret-one-xxxxxxx", 1001)],
            MaxQueuedBytes = 64 << 10,
            CloseTimeout = TimeSpan.FromMilliseconds(200),
        }, TimeProvider.System, NullLogger.Instance);
        var defined = new EngineEvent
        {
            Type = EventType.InstrumentDefined,
            InstrumentId = 1,
            Instrument = new InstrumentDefinition
            {
                Symbol = Symbol.From("BTC-USD"),
                BaseAssetId = 1,
                QuoteAssetId = 2,
                TickSize = ScaledDecimal.Parse("0.01"),
                LotSize = ScaledDecimal.Parse("0.0001"),
                MinQuantityLots = 1,
            },
        };
        gateway.OnEvent(ref defined, 0, true);
        hub.OnEvent(ref defined, 0, true);

        var socket = new FakeWebSocket();
        var connection = gateway.HandleAsync(socket, CancellationToken.None);
        socket.ClientSends(SignedLogin());
        socket.ClientSends(Frame(new Subscribe { RequestId = 1, InstrumentId = 1, Channels = 1 }));
        socket.ClientSends(Frame(new PlaceOrder { RequestId = 2, InstrumentId = 1, Side = 1, OrderType = 1, PriceTicks = 100, QuantityLots = 1, ClOrdId = Chars32.From("o1") }));
        await Until(() => socket.Sent().Any(f => BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(4)) == (ushort)TemplateId.BookSnapshot), "the snapshot was sent");
        await Until(() => ring.Cursor.Value == 0, "the order was published");
        var connectionId = ring[0].Origin.SessionId;

        socket.Stalled = true;
        for (var i = 0; i < 3000; i++)
        {
            var level = new EngineEvent { Type = EventType.BookLevelChanged, CommandSequence = i + 1, InstrumentId = 1, Side = Side.Buy, PriceTicks = 100 + (i % 50), LevelLots = 1 + i, LevelOrderCount = 1 };
            hub.OnEvent(ref level, i, true);
        }

        Assert.That(gateway.DroppedMarketData, Is.Positive, "market data beyond half the queue is dropped");
        Assert.That(connection.IsCompleted, Is.False, "dropping market data does not close the connection");

        for (var i = 0; i < 2000 && !connection.IsCompleted; i++)
        {
            var accepted = new EngineEvent
            {
                Type = EventType.OrderAccepted,
                CommandSequence = 10_000 + i,
                AccountId = 1001,
                InstrumentId = 1,
                OrderId = i + 1,
                Side = Side.Buy,
                PriceTicks = 100,
                QuantityLots = 1,
                RemainingLots = 1,
                Origin = new Origin(WebSocketGateway.GatewayId, connectionId, 2),
                OrderOrigin = new Origin(WebSocketGateway.GatewayId, connectionId, 2),
            };
            gateway.OnEvent(ref accepted, i, true);
        }

        await connection.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Multiple(() =>
        {
            Assert.That(gateway.SlowConsumers, Is.EqualTo(1));
            Assert.That(socket.Aborted, Is.True, "a client that never reads is cut off after the close timeout");
            Assert.That(gateway.ConnectionCount, Is.Zero);
            Assert.That(ring.Cursor.Value, Is.EqualTo(1), "one more command: the cancel-on-disconnect");
            Assert.That(ring[1].Type, Is.EqualTo(CommandType.CancelSessionOrders));
            Assert.That((ring[1].AccountId, ring[1].Origin.GatewayId, ring[1].Origin.SessionId), Is.EqualTo((1001L, WebSocketGateway.GatewayId, connectionId)));
        });
    }
}
