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

/// <summary>
/// A gateway over fake sockets, with its command ring to look into and its outbound side
/// driven by hand-built events: connections, logins and waits, for the gateway's unit tests.
/// </summary>
internal sealed class GatewayHarness : IDisposable
{
    public const string KeyA = "key-a", SecretA = "secret-of-account-a";
    public const string KeyB = "key-b", SecretB = "secret-of-account-b";
    public const long AccountA = 1001, AccountB = 1002;

    private static long _nonce;
    private long _eventSequence;

    public GatewayHarness(int maxConnections = 1_000, int messagesPerSecond = 5_000, int burst = 10_000, TimeProvider? time = null)
    {
        Ring = RingBuffer.CreateMultiProducer<Command>(1024);
        Hub = new MarketDataHub();
        Gateway = new WebSocketGateway(new CommandPublisher(Ring, RingFullPolicy.Reject), Hub, new WebSocketGatewayOptions
        {
            ApiKeys = [new ApiKey(KeyA, SecretA, AccountA), new ApiKey(KeyB, SecretB, AccountB)],
            MaxConnections = maxConnections,
            MessagesPerSecond = messagesPerSecond,
            Burst = burst,
            CloseTimeout = TimeSpan.FromMilliseconds(500),
        }, time ?? TimeProvider.System, NullLogger.Instance);
    }

    public RingBuffer<Command> Ring { get; }

    public MarketDataHub Hub { get; }

    public WebSocketGateway Gateway { get; }

    /// <summary>Commands published so far.</summary>
    public long Published => Ring.Cursor.Value + 1;

    /// <summary>The message as a client of schema <paramref name="version"/> writes it.</summary>
    public static byte[] Frame<T>(T message, ushort version = Codec.SchemaVersion)
        where T : unmanaged, IFixedMessage
    {
        var buffer = new byte[T.FixedLength];
        var length = Codec.Write(ref message, buffer, version);
        return buffer[..length];
    }

    public static byte[] SignedLogin(string key, string secret, ushort version = Codec.SchemaVersion)
    {
        var frame = Frame(new Login
        {
            ApiKey = Chars32.From(key),
            TimestampNs = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100,
            Nonce = (ulong)Interlocked.Increment(ref _nonce),
        }, version);
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), frame.AsSpan(Login.SignedOffset, Login.SignedLength), frame.AsSpan(56, 32));
        return frame;
    }

    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out waiting until " + what);
            await Task.Delay(5);
        }
    }

    /// <summary>Opens a connection: the gateway serves it until the client closes it (or the gateway does).</summary>
    public Client Connect()
    {
        var socket = new FakeWebSocket();
        return new Client(socket, Gateway.HandleAsync(socket, CancellationToken.None));
    }

    /// <summary>Opens a connection and logs it in, in schema <paramref name="version"/>.</summary>
    public async Task<Client> LoginAsync(string key, string secret, ushort version = Codec.SchemaVersion)
    {
        var client = Connect();
        client.Socket.ClientSends(SignedLogin(key, secret, version));
        await Until(() => client.Socket.SentOf<LoginAccepted>().Count == 1, "the login was accepted");
        client.ConnectionId = client.Socket.SentOf<LoginAccepted>()[0].ConnectionId;
        return client;
    }

    /// <summary>Runs an event through the gateway's outbound side, as the outbound ring's consumer would.</summary>
    public void Deliver(EngineEvent e)
    {
        e.CommandSequence = e.CommandSequence == 0 ? ++_eventSequence : e.CommandSequence;
        Gateway.OnEvent(ref e, e.CommandSequence, true);
    }

    /// <summary>Defines instrument 1, BTC-USD, in the gateway's catalog and the hub.</summary>
    public void DefineInstrument()
    {
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
        Deliver(defined);
        Hub.OnEvent(ref defined, 0, true);
    }

    public void Dispose() => Gateway.Dispose();

    /// <summary>One fake client and the gateway's task serving it.</summary>
    internal sealed class Client(FakeWebSocket socket, Task run)
    {
        public FakeWebSocket Socket { get; } = socket;

        public Task Run { get; } = run;

        /// <summary>From its LoginAccepted; 0 before.</summary>
        public int ConnectionId { get; set; }

        /// <summary>Closes from the client's side and waits until the gateway has let the connection go.</summary>
        public async Task CloseAsync()
        {
            Socket.ClientCloses();
            await Run.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
