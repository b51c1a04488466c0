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
/// <para>Commands carry <c>Origin(GatewayId, connection id, requestId)</c>. Connection ids
/// start at 1 with each server start: no connection outlives the process, and
/// <see cref="CancelOnDisconnectSweep"/> cancels the orders of those that were open.</para>
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
    private readonly ConcurrentDictionary<(int ConnectionId, long RequestId), PendingCancel> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _nextConnectionId;
    private long _rejects;
    private long _rateLimited;
    private long _droppedMarketData;
    private long _slowConsumers;
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

    /// <summary>Takes the recovered engine's instruments and live orders; before any thread runs.</summary>
    public void LoadFrom(MatchingEngine engine)
    {
        _catalog.LoadFrom(engine);
        _orders.LoadFrom(engine, GatewayId);
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
    public async Task HandleAsync(System.Net.WebSockets.WebSocket socket, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var id = Interlocked.Increment(ref _nextConnectionId);
        var rateLimit = new TokenBucket(_options.MessagesPerSecond, _options.Burst, _time.TimestampFrequency, _time.GetTimestamp());
        using var connection = new Connection(id, socket, this, _options, rateLimit, _logger);
        _connections[id] = connection;
        WebSocketLog.Opened(_logger, id);
        if (_stopping.IsCancellationRequested)
        {
            connection.Close(Protocol.RejectCode.ServerStopping, "the server is stopping");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, _stopping.Token);
        try
        {
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
        foreach (var connection in _connections.Values)
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

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    internal void CountDroppedMarketData() => Interlocked.Increment(ref _droppedMarketData);

    private void OnDisconnected(Connection connection)
    {
        _connections.TryRemove(connection.Id, out _);
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
