using System.Net;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Pipeline;
using Matcher.Gateways.Chain;
using Matcher.Gateways.Fix.Application;
using Matcher.Gateways.Fix.Session;
using Matcher.Gateways.WebSocket;
using Matcher.Journal;
using Matcher.Projections;
using Matcher.Ring;
using Matcher.Server.Configuration;
using Matcher.Views.Instruments;
using Matcher.Views.MarketData;
using Microsoft.Extensions.Logging;

namespace Matcher.Server;

/// <summary>
/// The composition root: recovers the engine from the journal, then runs producers →
/// inbound ring → journaler → core → outbound ring → responders (statistics, market data,
/// the FIX and WebSocket gateways), the FIX acceptor, the timers and the snapshot replica. No business rule lives here.
/// </summary>
/// <remarks>
/// Stop order (graceful): refuse new commands, drain the inbound ring (everything accepted
/// is journaled and processed), drain the outbound ring (every report is queued to its
/// session's store or connection), say Goodbye to WebSocket connections, log FIX sessions
/// out, close the journal.
/// </remarks>
public sealed partial class MatcherServer : IAsyncDisposable
{
    private readonly ServerOptions _options;
    private readonly IReadOnlyList<Command> _setup;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly EventStatistics _statistics = new();
    private readonly MarketDataHub _marketData = new();
    private JournalWriter? _writer;
    private JournalHandler? _journaler;
    private RingPipeline<Command>? _inbound;
    private RingPipeline<EngineEvent>? _outbound;
    private BatchEventProcessor<Command>? _coreProcessor;
    private CommandPublisher? _publisher;
    private FixGateway? _fixGateway;
    private FixAcceptor? _acceptor;
    private WebSocketGateway? _webSocket;
    private ChainGateway? _chain;
    private SnapshotReplica? _replica;
    private Projector? _projector;
    private Task? _projectorRun;
    private readonly CancellationTokenSource _projectorStop = new();
    private ITimer? _expiryTimer;
    private ITimer? _rateTimer;
    private volatile bool _ready;
    private volatile bool _stopping;
    private int _stopped;
    private (long Count, long TimestampTicks) _rateSample;
    private double _commandsPerSecond;

    /// <summary>A server configured by <paramref name="options"/>; <paramref name="setup"/> runs on the first start only.</summary>
    public MatcherServer(ServerOptions options, IReadOnlyList<Command> setup, ILoggerFactory loggers, TimeProvider? time = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid configuration:\n  " + string.Join("\n  ", errors), nameof(options));
        }

        _options = options;
        _setup = setup;
        _loggers = loggers;
        _logger = loggers.CreateLogger("Matcher.Server");
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The FIX acceptor's address once started, or null when FIX is disabled.</summary>
    public IPEndPoint? FixEndPoint => _acceptor?.LocalEndPoint;

    /// <summary>True once started and until stopping: the rings run and FIX accepts logons.</summary>
    public bool IsReady => _ready && !_stopping;

    /// <summary>What recovery found at start.</summary>
    public StartupResult? Startup { get; private set; }

    /// <summary>The first fault of a ring consumer or of the snapshot replica, or null while healthy (a lagging or failing projector does not make the exchange unhealthy).</summary>
    public Exception? Fault => _inbound?.Fault ?? _outbound?.Fault ?? _replica?.Fault;

    /// <summary>The in-process projector's status, or null when none runs.</summary>
    public ProjectorStatus? Projection => _projector?.GetStatus();

    /// <summary>The market-data hub every gateway serves books, trades and BBO from.</summary>
    public MarketDataHub MarketData => _marketData;

    /// <summary>The binary WebSocket gateway (null when disabled); the HTTP endpoint hands it the connections on <c>/ws</c>.</summary>
    public WebSocketGateway? WebSocketGateway => _webSocket;

    /// <summary>The chain gateway (null when disabled).</summary>
    public ChainGateway? ChainGateway => _chain;

    /// <summary>The options the server runs with.</summary>
    public ServerOptions Options => _options;

    /// <summary>The FIX gateway (null when FIX is disabled).</summary>
    public FixGateway? FixGateway => _fixGateway;

    /// <summary>The producers' side of the inbound ring (admin tools and tests publish through it).</summary>
    public CommandPublisher Publisher => _publisher ?? throw new InvalidOperationException("not started");

    /// <summary>Recovers, wires and starts everything.</summary>
    public void Start()
    {
        var data = Path.GetFullPath(_options.DataDirectory);
        var journalDirectory = Path.Combine(data, "journal");
        var snapshots = new SnapshotStore(Path.Combine(data, "snapshots"));
        Directory.CreateDirectory(journalDirectory);

        var startup = JournalStartup.Recover(journalDirectory, snapshots);
        Startup = startup;
        foreach (var warning in startup.Warnings)
        {
            ServerLog.RecoveryWarning(_logger, warning);
        }

        ServerLog.Recovered(
            _logger, startup.Recovery.Records, startup.Recovery.LastSequence, startup.SnapshotPath ?? "none", startup.Replayed, startup.Engine.OpenOrderCount);

        var journalOptions = new JournalOptions
        {
            Directory = journalDirectory,
            Durability = _options.Journal.Durability,
            FsyncInterval = TimeSpan.FromMilliseconds(_options.Journal.FsyncIntervalMs),
            SegmentBytes = (long)_options.Journal.SegmentMegabytes << 20,
        };
        _writer = new JournalWriter(journalOptions, startup.Recovery.LastSequence);

        var rings = _options.Rings;
        var inboundRing = RingBuffer.CreateMultiProducer<Command>(rings.InboundSize);
        var outboundRing = RingBuffer.CreateSingleProducer<EngineEvent>(rings.OutboundSize);
        _publisher = new CommandPublisher(inboundRing, rings.WhenFull);

        _inbound = new RingPipeline<Command>(inboundRing, new LogAndHaltExceptionHandler<Command>());
        _journaler = new JournalHandler(_writer, _time);
        var journal = _inbound.Add("journaler", _journaler, WaitStrategies.Create(rings.JournalerWait));
        _coreProcessor = _inbound.Add("core", new CoreHandler(startup.Engine, new RingEventSink(outboundRing)), WaitStrategies.Create(rings.CoreWait), journal);

        _outbound = new RingPipeline<EngineEvent>(outboundRing, new LogAndHaltExceptionHandler<EngineEvent>());
        _outbound.Add("stats", _statistics, WaitStrategies.Create(rings.ResponderWait));
        _marketData.LoadFrom(startup.Engine);
        _outbound.Add("marketdata", _marketData, WaitStrategies.Create(rings.ResponderWait));
        var sessions = FixSessions();
        if (_options.Fix.Enabled)
        {
            _fixGateway = new FixGateway(_publisher, new InstrumentCatalog(), _marketData, _time, _loggers.CreateLogger("Matcher.Fix"));
            _fixGateway.LoadFrom(startup.Engine);
            _fixGateway.LoadJournaledRequests(JournalReader.Read(journalDirectory));
            _acceptor = new FixAcceptor(
                new FixAcceptorOptions
                {
                    EndPoint = new IPEndPoint(IPAddress.Parse(_options.Fix.Address), _options.Fix.Port),
                    StoreDirectory = Path.Combine(data, "fix"),
                    FsyncStore = _options.Fix.FsyncStore,
                    MaxOutboundBufferBytes = _options.Fix.MaxOutboundBufferBytes,
                },
                sessions,
                _fixGateway,
                _time,
                _loggers.CreateLogger("Matcher.Fix.Session"));
            _fixGateway.Attach(_acceptor);
            _outbound.Add("fix", _fixGateway, WaitStrategies.Create(rings.ResponderWait));
        }

        if (_options.WebSocket.Enabled)
        {
            _webSocket = new WebSocketGateway(_publisher, _marketData, _options.WebSocket.ToOptions(), _time, _loggers.CreateLogger("Matcher.WebSocket"));
            _webSocket.LoadFrom(startup.Engine);
            _outbound.Add("websocket", _webSocket, WaitStrategies.Create(rings.ResponderWait));
        }

        if (_options.Chain.Enabled)
        {
            var journalWriter = _writer;
            _chain = new ChainGateway(
                _options.Chain.ToOptions(data), _publisher, _time, _loggers.CreateLogger("Matcher.Chain"), durableSequence: () => journalWriter.DurableSequence);
            _chain.LoadFrom(startup.Engine);
            _outbound.Add("chain", _chain, WaitStrategies.Create(rings.ResponderWait));
        }

        var bootstrap = new List<Command>();
        if (startup.Recovery.Records == 0)
        {
            bootstrap.AddRange(_setup);
        }

        bootstrap.AddRange(FixGateway.CancelOnDisconnectSweep(startup.Engine, sessions));
        bootstrap.AddRange(WebSocketGateway.CancelOnDisconnectSweep(startup.Engine));

        _outbound.Start();
        _inbound.Start();
        foreach (var command in bootstrap)
        {
            _publisher.PublishWaiting(command);
        }

        if (bootstrap.Count > 0)
        {
            ServerLog.StartupCommands(_logger, bootstrap.Count);
            WaitForCore(bootstrap.Count);
        }

        if (_options.Journal.SnapshotEveryCommands > 0)
        {
            var writer = _writer;
            _replica = new SnapshotReplica(journalDirectory, snapshots, _options.Journal.SnapshotEveryCommands, durableSequence: () => writer.DurableSequence);
            _replica.Start();
        }

        if (_options.Projection.ConnectionString is { } connectionString)
        {
            // A replica of the core fed from the journal files, off the live path: it may lag or
            // wait for Postgres (it retries with backoff) without ever slowing the rings.
            _projector = new Projector(
                new ProjectorOptions
                {
                    JournalDirectory = journalDirectory,
                    ConnectionString = connectionString,
                    Name = _options.Projection.Name,
                    SnapshotDirectory = snapshots.Directory,
                    MaxBatchCommands = _options.Projection.MaxBatchCommands,
                },
                _loggers.CreateLogger("Matcher.Projection"),
                _time);
            _projectorRun = Task.Run(() => _projector.RunAsync(_projectorStop.Token));
        }

        _acceptor?.Start();
        _chain?.Start();
        if (_options.ExpireOrdersEveryMs > 0)
        {
            var period = TimeSpan.FromMilliseconds(_options.ExpireOrdersEveryMs);
            _expiryTimer = _time.CreateTimer(_ => PublishExpiry(), null, period, period);
        }

        _rateSample = (0, _time.GetTimestamp());
        _rateTimer = _time.CreateTimer(_ => SampleRate(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _ready = true;
    }

    /// <summary>Stops gracefully: see the class remarks. Safe to call more than once.</summary>
    /// <remarks>Each stage runs even when an earlier one failed (a ring that does not drain, say), so sessions are still logged out and files closed.</remarks>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _stopping = true;
        var timeout = TimeSpan.FromSeconds(_options.ShutdownTimeoutSeconds);
        _expiryTimer?.Dispose();
        _rateTimer?.Dispose();
        _publisher?.Close();

        // The chain gateway's loops stop where they are: deposits are rescanned and
        // withdrawals checked against the escrow at the next start.
        try
        {
            if (_chain is not null)
            {
                await _chain.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ServerLog.StopStageFailed(_logger, "chain", e);
        }

        try
        {
            Drain(_inbound, timeout);
            Drain(_outbound, timeout);
        }
        finally
        {
            try
            {
                if (_webSocket is not null)
                {
                    await _webSocket.StopAsync(timeout).ConfigureAwait(false);
                    _webSocket.Dispose();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                ServerLog.StopStageFailed(_logger, "websocket", e);
            }

            try
            {
                if (_acceptor is not null)
                {
                    await _acceptor.StopAsync(timeout).ConfigureAwait(false);
                    await _acceptor.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                await StopProjectorAsync(timeout).ConfigureAwait(false);
                _replica?.Stop(timeout);
                _writer?.Dispose();
                ServerLog.Stopped(_logger, _writer?.LastSequence ?? 0);
            }
        }
    }

    /// <summary>The projector stops where it is: its position is committed with each batch, so it resumes there.</summary>
    private async Task StopProjectorAsync(TimeSpan timeout)
    {
        if (_projectorRun is null || _projector is null)
        {
            return;
        }

        await _projectorStop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _projectorRun.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Cancelled as asked, or still waiting on Postgres: nothing uncommitted is lost either way.
        }

        await _projector.DisposeAsync().ConfigureAwait(false);
        _projectorStop.Dispose();
    }

    private void Drain<T>(RingPipeline<T>? pipeline, TimeSpan timeout)
        where T : struct
    {
        try
        {
            var undrained = pipeline?.Stop(StopMode.Drain, timeout) ?? 0;
            if (undrained != 0)
            {
                ServerLog.NotDrained(_logger, undrained, timeout);
            }
        }
        catch (TimeoutException)
        {
            ServerLog.NotDrained(_logger, -1, timeout);
        }
    }

    /// <summary>Waits until the core has processed <paramref name="count"/> commands since start (the start-up commands), so clients never see a half-made setup.</summary>
    private void WaitForCore(long count)
    {
        var spin = new SpinWait();
        var deadline = _time.GetTimestamp() + (long)(_time.TimestampFrequency * 60.0);
        while (CommandsProcessed < count)
        {
            if (Fault is { } fault)
            {
                throw new InvalidOperationException("the core failed on a start-up command", fault);
            }

            if (_time.GetTimestamp() > deadline)
            {
                throw new TimeoutException("the core did not process the start-up commands within 60 s");
            }

            spin.SpinOnce(sleep1Threshold: 10);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private List<FixSessionSettings> FixSessions()
    {
        var sessions = new List<FixSessionSettings>();
        foreach (var s in _options.Fix.Sessions)
        {
            sessions.Add(new FixSessionSettings
            {
                SessionId = s.SessionId,
                SenderCompId = _options.Fix.CompId,
                TargetCompId = s.TargetCompId,
                AccountId = s.AccountId,
                Username = s.Username,
                PasswordHash = s.PasswordHash,
                CancelOnDisconnect = s.CancelOnDisconnect,
                ThrottleMessagesPerSecond = s.ThrottleMessagesPerSecond,
            });
        }

        return sessions;
    }

    private void PublishExpiry()
    {
        if (_stopping)
        {
            return;
        }

        _publisher?.TryPublish(new Command { Type = CommandType.ExpireOrders });
    }

    private void SampleRate()
    {
        var count = CommandsProcessed;
        var now = _time.GetTimestamp();
        var (previousCount, previousTicks) = _rateSample;
        var seconds = _time.GetElapsedTime(previousTicks, now).TotalSeconds;
        if (seconds > 0)
        {
            Volatile.Write(ref _commandsPerSecond, (count - previousCount) / seconds);
        }

        _rateSample = (count, now);
    }

    /// <summary>Commands the core has processed since start.</summary>
    public long CommandsProcessed => (_coreProcessor?.Sequence.Value ?? -1) + 1;
}
