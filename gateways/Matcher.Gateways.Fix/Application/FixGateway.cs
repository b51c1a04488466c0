using System.Collections.Concurrent;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Pipeline;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Ring;
using Matcher.Views.Instruments;
using Matcher.Views.MarketData;
using Matcher.Views.Orders;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// The FIX application layer: turns order-entry, status, security-list and market-data
/// requests from FIX sessions into engine commands (or answers them directly), and the
/// core's events into ExecutionReports, cancel rejects and mass-cancel reports for the
/// sessions they concern. Market data comes from the shared <see cref="MarketDataHub"/>,
/// its own consumer of the outbound ring.
/// </summary>
/// <remarks>
/// <para>Inbound (<see cref="IFixApplication"/>) runs on each session's own thread; outbound
/// (<see cref="IEntryHandler{T}"/>) is one consumer of the outbound ring. The outbound side
/// never waits on a socket: <see cref="FixSession.Send"/> stores and queues.</para>
/// <para>Commands carry <c>Origin(GatewayId, SessionId, MsgSeqNum of the request)</c>, so
/// every event names the session and request it answers, across restarts too.</para>
/// </remarks>
public sealed partial class FixGateway : IFixApplication, IEntryHandler<EngineEvent>
{
    /// <summary>The gateway id in the origin of every command this gateway publishes.</summary>
    public const ushort GatewayId = 1;

    private readonly CommandPublisher _publisher;
    private readonly InstrumentCatalog _catalog;
    private readonly OrderTracker _orders = new();
    private readonly MarketDataService _marketData;
    private readonly ConcurrentDictionary<(int SessionId, long CorrelationId), PendingRequest> _pending = new();
    private readonly ConcurrentDictionary<int, long> _lastRequestSeq = new();
    private long _duplicatesDropped;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FixBodyWriter _outBody = new();
    private FixAcceptor? _acceptor;
    private long _rejectCounter;
    private long _gatewayExecIds;
    private long _eventCommandSequence = -1;
    private int _eventIndex;

    /// <summary>
    /// A gateway publishing into <paramref name="publisher"/>, naming instruments from
    /// <paramref name="catalog"/> (which this gateway's consumer keeps up to date), and
    /// serving market data from <paramref name="marketData"/> (loaded and fed by its owner).
    /// </summary>
    public FixGateway(CommandPublisher publisher, InstrumentCatalog catalog, MarketDataHub marketData, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(marketData);
        _publisher = publisher;
        _catalog = catalog;
        _time = time;
        _logger = logger;
        _marketData = new MarketDataService(marketData, catalog);
    }

    /// <summary>Live orders of FIX sessions the gateway is tracking.</summary>
    public int TrackedOrders => _orders.Count;

    /// <summary>Orders refused at the gateway (bad fields, unknown symbol, ring full) before reaching the core.</summary>
    public long GatewayRejects => Interlocked.Read(ref _rejectCounter);

    /// <summary>Order-entry requests dropped as possible duplicates of requests already journaled.</summary>
    public long DuplicatesDropped => Interlocked.Read(ref _duplicatesDropped);

    /// <summary>
    /// Learns, from every journaled command, the last request MsgSeqNum of each FIX session
    /// (its correlation id), so a client's PossDup resend of a request the engine already
    /// has is dropped instead of being entered twice. Call before the acceptor starts.
    /// </summary>
    public void LoadJournaledRequests(IEnumerable<Command> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        foreach (var command in journal)
        {
            // The last request in journal order, not the highest: a client that reset its
            // sequence numbers (141=Y) counts from 1 again. Correlation 0 is the gateway's own
            // cancel-on-disconnect, not a request.
            if (command.Origin.GatewayId == GatewayId && command.Origin.CorrelationId > 0)
            {
                _lastRequestSeq[command.Origin.SessionId] = command.Origin.CorrelationId;
            }
        }
    }

    /// <summary>
    /// Takes the recovered engine's instruments and FIX sessions' live orders; before any
    /// thread runs it. The market-data hub's books are its owner's to load.
    /// </summary>
    public void LoadFrom(MatchingEngine engine)
    {
        _catalog.LoadFrom(engine);
        _orders.LoadFrom(engine, GatewayId);
    }

    /// <summary>The acceptor whose sessions the events are routed to; set before the outbound ring starts.</summary>
    public void Attach(FixAcceptor acceptor) => _acceptor = acceptor;

    /// <summary>
    /// Commands that cancel the resting orders of every cancel-on-disconnect session that
    /// has some: at start no session is connected, so none of them should still be working.
    /// </summary>
    public static IEnumerable<Command> CancelOnDisconnectSweep(MatchingEngine engine, IEnumerable<FixSessionSettings> sessions)
    {
        var owners = new HashSet<(long AccountId, int SessionId)>();
        foreach (var view in engine.EnumerateOrders())
        {
            if (engine.TryGetOrderOrigin(view.OrderId, out var origin) && origin.GatewayId == GatewayId)
            {
                owners.Add((view.AccountId, origin.SessionId));
            }
        }

        foreach (var session in sessions)
        {
            if (session.CancelOnDisconnect && owners.Contains((session.AccountId, session.SessionId)))
            {
                yield return CancelSessionOrders(session);
            }
        }
    }

    private static Command CancelSessionOrders(FixSessionSettings session) => new()
    {
        Type = CommandType.CancelSessionOrders,
        AccountId = session.AccountId,
        Origin = new Origin(GatewayId, session.SessionId, 0),
    };

    /// <inheritdoc />
    /// <remarks>
    /// Nothing to do: after a logon that reset the sequence numbers (141=Y), the first new
    /// request (not a possible duplicate) replaces the duplicate check's last number.
    /// </remarks>
    public void OnLogon(FixSession session)
    {
    }

    /// <inheritdoc />
    public void OnDisconnect(FixSession session, bool graceful)
    {
        _marketData.Unsubscribe(session.Settings.SessionId);
        if (!session.Settings.CancelOnDisconnect)
        {
            return;
        }

        var command = CancelSessionOrders(session.Settings);
        if (!_publisher.TryPublish(command))
        {
            GatewayLog.CancelOnDisconnectRefused(_logger, session.Settings.SessionId);
        }
    }

    private FixSession? Session(in Origin origin) =>
        origin.GatewayId == GatewayId ? _acceptor?.FindSession(origin.SessionId) : null;
}
