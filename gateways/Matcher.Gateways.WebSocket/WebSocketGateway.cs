using System.Collections.Concurrent;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Pipeline;
using Matcher.Ring;
using Matcher.Views.Instruments;
using Matcher.Views.MarketData;
using Matcher.Views.Orders;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.WebSocket;

/// <summary>
/// The binary WebSocket gateway (docs/WEBSOCKET.md): turns each connection's requests into
/// engine commands (or answers them directly: status, instruments, market data, ping), and
/// the core's events into execution reports, cancel rejects, mass-cancel reports and
/// balances for the connections they concern.
/// </summary>
/// <remarks>
/// <para>Inbound runs on each connection's receive loop; outbound (<see cref="IEntryHandler{T}"/>)
/// is one consumer of the outbound ring, which only encodes into the connections' bounded
/// send queues and never waits on a socket. Market data comes from the shared
/// <see cref="MarketDataHub"/>, each connection being its own subscriber.</para>
/// <para>Commands carry <c>Origin(GatewayId, connection id, requestId)</c>. No connection
/// outlives the process, and <see cref="CancelOnDisconnectSweep"/> cancels the orders of those
/// that were open; connection ids start above the highest one those orders name
/// (<see cref="LoadFrom"/>), so the sweep's events never reach a new connection.</para>
/// <para>The registry (open connections, their count, the account index and the stopped flag)
/// changes under one lock, only when a connection opens, logs in or ends; the outbound thread
/// reads it without locking.</para>
/// </remarks>
public sealed partial class WebSocketGateway : IEntryHandler<EngineEvent>, IDisposable
{
    /// <summary>The gateway id in the origin of every command this gateway publishes.</summary>
    public const ushort GatewayId = 2;

    private readonly CommandPublisher _publisher;
    private readonly MarketDataHub _marketData;
    private readonly WebSocketGatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Authenticator _authenticator;
    private readonly InstrumentCatalog _catalog = new();
    private readonly OrderTracker _orders = new();
    private readonly ConcurrentDictionary<int, Connection> _connections = new();

    /// <summary>
    /// The logged-in connections of each account, for balances: each array is replaced, never
    /// changed, under <see cref="_registry"/>, so the outbound thread reads it without a lock
    /// or an allocation.
    /// </summary>
    private readonly ConcurrentDictionary<long, Connection[]> _accountConnections = new();
    private readonly ConcurrentDictionary<(int ConnectionId, long RequestId), PendingCancel> _pending = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Taken once: <see cref="CancellationTokenSource.Token"/> throws once <see cref="_stopping"/> is disposed.</summary>
    private readonly CancellationToken _stoppingToken;
    private readonly Lock _registry = new();
    private int _openConnections;
    private bool _stopped;
    private int _nextConnectionId;
    private long _rejects;
    private long _rateLimited;
    private long _droppedMarketData;
    private long _slowConsumers;
    private long _refusedConnections;
    private long _eventCommandSequence = -1;
    private int _eventIndex;

    /// <summary>A gateway publishing into <paramref name="publisher"/> and serving market data from <paramref name="marketData"/>.</summary>
    public WebSocketGateway(CommandPublisher publisher, MarketDataHub marketData, WebSocketGatewayOptions options, TimeProvider time, ILogger logger)
    {
        _publisher = publisher;
        _marketData = marketData;
        _options = options;
        _time = time;
        _logger = logger;
        _authenticator = new Authenticator(options.ApiKeys, options.MaxClockSkew);
        _stoppingToken = _stopping.Token;
    }

    /// <summary>Connections open now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Requests refused by the gateway (malformed, not logged in, rate-limited, ring full...).</summary>
    public long Rejects => Interlocked.Read(ref _rejects);

    /// <summary>Requests refused by a connection's rate limit.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Market-data messages dropped for connections that did not keep up.</summary>
    public long DroppedMarketData => Interlocked.Read(ref _droppedMarketData);

    /// <summary>Connections closed because their send queue overflowed.</summary>
    public long SlowConsumers => Interlocked.Read(ref _slowConsumers);

    /// <summary>Connections refused because <see cref="WebSocketGatewayOptions.MaxConnections"/> were open.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    /// <summary>Cancel requests waiting for their outcome (to echo their clOrdIds): for tests of its bound.</summary>
    internal int PendingCancelCount => _pending.Count;

    /// <summary>Accounts with a logged-in connection: for tests of the balance index.</summary>
    internal int IndexedAccountCount => _accountConnections.Count;

    /// <summary>
    /// Takes the recovered engine's instruments and live orders, and numbers new connections
    /// above every connection those orders belong to; before any thread runs.
    /// </summary>
    /// <remarks>
    /// The start-up <see cref="CancelOnDisconnectSweep"/> cancels those orders with events that
    /// name the previous run's connection ids; were ids to start at 1 again, a lagging outbound
    /// consumer would send them to the new connection that took the same id.
    /// </remarks>
    public void LoadFrom(MatchingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _catalog.LoadFrom(engine);
        _orders.LoadFrom(engine, GatewayId);
        var highest = _nextConnectionId;
        foreach (var view in engine.EnumerateOrders())
        {
            if (engine.TryGetOrderOrigin(view.OrderId, out var origin) && origin.GatewayId == GatewayId)
            {
                highest = Math.Max(highest, origin.SessionId);
            }
        }

        _nextConnectionId = highest;
    }

    /// <summary>
    /// Commands that cancel the orders every WebSocket connection left open: at start no
    /// connection exists, and cancel-on-disconnect is always on for this gateway.
    /// </summary>
    public static IEnumerable<Command> CancelOnDisconnectSweep(MatchingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var owners = new SortedSet<(long AccountId, int SessionId)>();
        foreach (var view in engine.EnumerateOrders())
        {
            if (engine.TryGetOrderOrigin(view.OrderId, out var origin) && origin.GatewayId == GatewayId)
            {
                owners.Add((view.AccountId, origin.SessionId));
            }
        }

        foreach (var (accountId, sessionId) in owners)
        {
            yield return CancelSessionOrders(accountId, sessionId);
        }
    }

    /// <summary>
    /// Serves one accepted WebSocket until it closes: the server's HTTP endpoint calls this for
    /// each upgrade on <c>/ws</c>. Cancel-on-disconnect runs when it ends, however it ends.
    /// </summary>
    /// <remarks>
    /// A connection beyond <see cref="WebSocketGatewayOptions.MaxConnections"/>, or one that
    /// arrives once the gateway is stopping (also after <see cref="Dispose"/>), gets a Goodbye
    /// and is closed without being registered.
    /// </remarks>
    public async Task HandleAsync(System.Net.WebSockets.WebSocket socket, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var id = Interlocked.Increment(ref _nextConnectionId);
        var rateLimit = new TokenBucket(_options.MessagesPerSecond, _options.Burst, _time.TimestampFrequency, _time.GetTimestamp());
        using var connection = new Connection(id, socket, this, _options, rateLimit, _logger);
        var refusal = Protocol.RejectCode.None;
        lock (_registry)
        {
            if (_stopped)
            {
                refusal = Protocol.RejectCode.ServerStopping;
            }
            else if (_openConnections >= _options.MaxConnections)
            {
                refusal = Protocol.RejectCode.TooManyConnections;
            }
            else
            {
                _openConnections++;
                _connections[id] = connection;
            }
        }

        if (refusal != Protocol.RejectCode.None)
        {
            await RefuseAsync(connection, refusal, cancel).ConfigureAwait(false);
            return;
        }

        try
        {
            WebSocketLog.Opened(_logger, id);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, _stoppingToken);
            await connection.RunAsync(linked.Token).ConfigureAwait(false);
        }
        finally
        {
            OnDisconnected(connection);
        }
    }

    /// <summary>Says Goodbye (server stopping) to every connection and waits up to <paramref name="timeout"/> for them to close.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        // From here on HandleAsync refuses new connections, so the loop below reaches every one.
        Connection[] open;
        lock (_registry)
        {
            _stopped = true;
            open = [.. _connections.Values];
        }

        foreach (var connection in open)
        {
            connection.Close(Protocol.RejectCode.ServerStopping, "the server is stopping");
        }

        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        while (!_connections.IsEmpty && _time.GetTimestamp() < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Refuses connections from now on, ends those still open (without waiting), and releases the stop signal.</summary>
    public void Dispose()
    {
        lock (_registry)
        {
            _stopped = true;
        }

        // Cancelled before disposed on every path, so a second Dispose does not cancel a disposed source.
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    internal void CountDroppedMarketData() => Interlocked.Increment(ref _droppedMarketData);

    /// <summary>
    /// Closes a connection that was not registered with a Goodbye: it flushes the Goodbye (within
    /// the close timeout) and ends, with nothing to cancel. The stop signal is not linked: it
    /// would cut the Goodbye off.
    /// </summary>
    private async Task RefuseAsync(Connection connection, Protocol.RejectCode reason, CancellationToken cancel)
    {
        if (reason == Protocol.RejectCode.TooManyConnections)
        {
            Interlocked.Increment(ref _refusedConnections);
            connection.Close(reason, $"at most {_options.MaxConnections} connections: try again later");
        }
        else
        {
            connection.Close(reason, "the server is stopping");
        }

        await connection.RunAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Indexes a connection that just logged in under its account, for its balances.</summary>
    private void IndexLoggedIn(Connection connection)
    {
        lock (_registry)
        {
            var current = _accountConnections.GetValueOrDefault(connection.AccountId, []);
            _accountConnections[connection.AccountId] = [.. current, connection];
        }
    }

    private void OnDisconnected(Connection connection)
    {
        lock (_registry)
        {
            _connections.TryRemove(connection.Id, out _);
            _openConnections--;
            if (connection.IsLoggedIn && _accountConnections.TryGetValue(connection.AccountId, out var current))
            {
                var remaining = Array.FindAll(current, c => c != connection);
                if (remaining.Length == 0)
                {
                    _accountConnections.TryRemove(connection.AccountId, out _);
                }
                else
                {
                    _accountConnections[connection.AccountId] = remaining;
                }
            }
        }

        // Its receive loop has ended, so no cancel of its is added any more: the outcomes of
        // those in flight would find nothing to answer.
        if (connection.EnteredOrders)
        {
            foreach (var entry in _pending)
            {
                if (entry.Key.ConnectionId == connection.Id)
                {
                    _pending.TryRemove(entry.Key, out _);
                }
            }
        }

        _marketData.UnsubscribeAll(connection);
        if (connection.CloseReason == Protocol.RejectCode.SlowConsumer)
        {
            Interlocked.Increment(ref _slowConsumers);
        }

        if (connection.IsLoggedIn && connection.EnteredOrders)
        {
            // Enforced for every connection: its open orders must not outlive it. Waiting for a
            // free slot is fine here (this is the connection's own task); only a stopping server
            // refuses, and then the next start's sweep cancels them.
            if (!_publisher.PublishWaiting(CancelSessionOrders(connection.AccountId, connection.Id)))
            {
                WebSocketLog.CancelOnDisconnectRefused(_logger, connection.Id);
            }
        }

        WebSocketLog.Closed(_logger, connection.Id);
    }

    private static Command CancelSessionOrders(long accountId, int sessionId) => new()
    {
        Type = CommandType.CancelSessionOrders,
        AccountId = accountId,
        Origin = new Origin(GatewayId, sessionId, 0),
    };

    private Connection? Find(in Origin origin) =>
        origin.GatewayId == GatewayId && _connections.TryGetValue(origin.SessionId, out var connection) ? connection : null;

    /// <summary>What a cancel request named, to echo in its report.</summary>
    private readonly record struct PendingCancel(Core.Text.ClientOrderId ClientOrderId, Core.Text.ClientOrderId OrigClientOrderId);
}
