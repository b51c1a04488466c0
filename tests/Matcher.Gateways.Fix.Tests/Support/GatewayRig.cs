using System.Net;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Pipeline;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Application;
using Matcher.Gateways.Fix.Session;
using Matcher.Ring;
using Matcher.Views.Instruments;
using Matcher.Views.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Gateways.Fix.Tests.Support;

/// <summary>
/// A gateway over a ring nobody consumes (64 slots unless told), and an acceptor with one
/// session (account 7) on an engine that knows BTC-USD (tick 0.01, lot 0.0001). Tests read
/// what the gateway published from the ring and play the core by handing it events.
/// </summary>
internal sealed class GatewayRig : IAsyncDisposable
{
    public const int SessionId = 1;
    public const long AccountId = 7;
    public const int BtcUsd = 1;
    public const int EthUsd = 2;

    private readonly string _store = Path.Combine(Path.GetTempPath(), "matcher-gateway-tests", Guid.NewGuid().ToString("N"));
    private long _eventSequence;
    private long _coreSequence = 1_000;
    private long _processed;
    private bool _hasEth;
    private readonly List<FixTestClient> _clients = [];

    public GatewayRig(int ringSize = 64)
    {
        Ring = RingBuffer.CreateMultiProducer<Command>(ringSize);
        Ring.Sequencer.AddGatingSequences(new Sequence());
        var engine = EngineWithBtcUsd();
        Engine = engine;
        MarketData.LoadFrom(engine);
        Gateway = new FixGateway(new CommandPublisher(Ring, RingFullPolicy.Reject), new InstrumentCatalog(), MarketData, TimeProvider.System, NullLogger.Instance);
        Gateway.LoadFrom(engine);
        Acceptor = new FixAcceptor(
            new FixAcceptorOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), StoreDirectory = _store, FsyncStore = false },
            [new FixSessionSettings { SessionId = SessionId, SenderCompId = "MATCHER", TargetCompId = "CLIENT", AccountId = AccountId }],
            Gateway,
            TimeProvider.System,
            NullLogger.Instance);
        Gateway.Attach(Acceptor);
    }

    public RingBuffer<Command> Ring { get; }

    /// <summary>The core the rig plays with <see cref="RunCoreAsync"/> and <see cref="Admin"/>.</summary>
    public MatchingEngine Engine { get; }

    public MarketDataHub MarketData { get; } = new();

    public FixGateway Gateway { get; }

    public FixAcceptor Acceptor { get; }

    /// <summary>The origin of the session's orders, as the core stores it.</summary>
    public static Origin SessionOrigin(long correlationId = 1) => new(FixGateway.GatewayId, SessionId, correlationId);

    public async Task<FixTestClient> LogonAsync()
    {
        Acceptor.Start();
        var client = await FixTestClient.ConnectAsync(Acceptor.LocalEndPoint, "CLIENT");
        _clients.Add(client);
        await client.LogonAsync();
        return client;
    }

    public List<Command> Published()
    {
        var commands = new List<Command>();
        for (var s = 0L; s <= Ring.Cursor.Value; s++)
        {
            commands.Add(Ring[s]);
        }

        return commands;
    }

    public async Task WaitForPublished(long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Ring.Cursor.Value + 1 < count)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"waited for {count} published commands");
            await Task.Delay(5);
        }
    }

    /// <summary>Hands the gateway's outbound side these events, as the ring's consumer would; each gets the next command sequence unless it has one.</summary>
    public void Deliver(params EngineEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Length; i++)
        {
            if (events[i].CommandSequence == 0)
            {
                events[i].CommandSequence = ++_eventSequence;
            }

            Gateway.OnEvent(ref events[i], i, i == events.Length - 1);
        }
    }

    /// <summary>
    /// Runs a command that no FIX session sent (origin 0: an admin, another gateway's client)
    /// through <see cref="Engine"/> and hands its events to the gateway; returns them.
    /// </summary>
    public List<EngineEvent> Admin(Command command)
    {
        command.Sequence = ++_coreSequence;
        command.TimestampNs = FixTestClient.NowNs();
        var sink = new EventListSink();
        Engine.Process(ref command, sink);
        var events = sink.Events.ToArray();
        Deliver(events);
        return [.. events];
    }

    /// <summary>
    /// Plays the core: waits until <paramref name="published"/> commands are in the ring, runs
    /// those it has not run yet through <see cref="Engine"/>, and hands their events to the
    /// gateway as the outbound ring's consumer would; returns the events.
    /// </summary>
    public async Task<List<EngineEvent>> RunCoreAsync(long published)
    {
        await WaitForPublished(published);
        var events = new List<EngineEvent>();
        for (; _processed < published; _processed++)
        {
            var command = Ring[_processed];
            command.Sequence = ++_coreSequence;
            command.TimestampNs = FixTestClient.NowNs();
            var sink = new EventListSink();
            Engine.Process(ref command, sink);
            events.AddRange(sink.Events);
        }

        var array = events.ToArray();
        Deliver(array);
        return events;
    }

    /// <summary>Creates the session's account and <paramref name="others"/>, each with 100 BTC, 10,000,000 USD and (after <see cref="AddEthUsd"/>) 1,000 ETH.</summary>
    public void FundAccounts(params long[] others)
    {
        ArgumentNullException.ThrowIfNull(others);
        foreach (var account in (long[])[AccountId, .. others])
        {
            Admin(new Command { Type = CommandType.CreateAccount, AccountId = account });
            Admin(new Command { Type = CommandType.Deposit, AccountId = account, AssetId = 1, Amount = 100 * 100_000_000L });
            Admin(new Command { Type = CommandType.Deposit, AccountId = account, AssetId = 2, Amount = 10_000_000 * 1_000_000L });
            if (_hasEth)
            {
                Admin(new Command { Type = CommandType.Deposit, AccountId = account, AssetId = 3, Amount = 1_000 * 100_000_000L });
            }
        }
    }

    /// <summary>Adds ETH-USD (instrument 2, ETH asset 3; tick 0.01, lot 0.001) to the core and, through its events, to the gateway.</summary>
    public void AddEthUsd()
    {
        _hasEth = true;
        Admin(new Command { Type = CommandType.AddAsset, AssetId = 3, AssetCode = Symbol.From("ETH"), AssetScale = 8 });
        Admin(AddInstrument(EthUsd, "ETH-USD", baseAssetId: 3, lotScale: 3));
    }

    /// <summary>A limit order on BTC-USD of an account no FIX session has, for <see cref="Admin"/>.</summary>
    public static Command OtherOrder(long accountId, Side side, long priceTicks, long lots, TimeInForce tif = TimeInForce.GoodTillCancel) => new()
    {
        Type = CommandType.PlaceOrder,
        AccountId = accountId,
        InstrumentId = BtcUsd,
        Side = side,
        OrderType = OrderType.Limit,
        TimeInForce = tif,
        PriceTicks = priceTicks,
        QuantityLots = lots,
    };

    /// <summary>An order event of the session's account on BTC-USD: a buy limit of <paramref name="quantityLots"/> at <paramref name="priceTicks"/>.</summary>
    public static EngineEvent OrderEvent(EventType type, long orderId, string clOrdId, long priceTicks = 3_000_000, long quantityLots = 5_000) => new()
    {
        Type = type,
        CommandType = CommandType.PlaceOrder,
        Origin = SessionOrigin(),
        OrderOrigin = SessionOrigin(),
        AccountId = AccountId,
        InstrumentId = BtcUsd,
        OrderId = orderId,
        ClientOrderId = ClientOrderId.From(clOrdId),
        Side = Side.Buy,
        OrderType = OrderType.Limit,
        TimeInForce = TimeInForce.GoodTillCancel,
        PriceTicks = priceTicks,
        QuantityLots = quantityLots,
        RemainingLots = quantityLots,
        TimestampNs = 1_700_000_000_000_000_000,
    };

    /// <summary>Closes the clients <see cref="LogonAsync"/> made (again, if a test did), then the acceptor.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Acceptor.DisposeAsync();
        Directory.Delete(_store, recursive: true);
    }

    public static MatchingEngine EngineWithBtcUsd()
    {
        var engine = new MatchingEngine(64);
        var sink = new EventListSink();
        Command[] setup =
        [
            new() { Type = CommandType.AddAsset, AssetId = 1, AssetCode = Symbol.From("BTC"), AssetScale = 8 },
            new() { Type = CommandType.AddAsset, AssetId = 2, AssetCode = Symbol.From("USD"), AssetScale = 6 },
            AddInstrument(BtcUsd, "BTC-USD", baseAssetId: 1, lotScale: 4),
        ];
        for (var i = 0; i < setup.Length; i++)
        {
            setup[i].Sequence = i + 1;
            engine.Process(ref setup[i], sink);
        }

        Assert.That(sink.Events.Where(e => e.Type == EventType.Rejected), Is.Empty);
        return engine;
    }

    /// <summary>An instrument quoted in USD (asset 2) with a tick of 0.01 and a lot of 10^-<paramref name="lotScale"/>.</summary>
    private static Command AddInstrument(int instrumentId, string symbol, int baseAssetId, byte lotScale) => new()
    {
        Type = CommandType.AddInstrument,
        InstrumentId = instrumentId,
        Instrument = new InstrumentDefinition
        {
            Symbol = Symbol.From(symbol),
            BaseAssetId = baseAssetId,
            QuoteAssetId = 2,
            TickSize = new ScaledDecimal(1, 2),
            LotSize = new ScaledDecimal(1, lotScale),
            MinQuantityLots = 1,
        },
    };
}
