using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Matcher.Gateways.Fix.Transport;
using Microsoft.Extensions.Logging;

// In the Session namespace with the rest of the public session API (the contract the application is written against).
namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// The FIX 4.4 acceptor: listens, routes each connection's Logon to its configured session, and runs the
/// sessions over their persistent stores. Sessions exist from construction; <see cref="Start"/> opens
/// their stores and begins accepting.
/// </summary>
public sealed class FixAcceptor : IAsyncDisposable
{
    private readonly FixAcceptorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FixSession[] _sessions;
    private readonly Dictionary<int, FixSession> _sessionsById = [];
    private readonly ConcurrentDictionary<long, (FixConnection Connection, Task Run)> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextConnectionId;
    private int _state; // 0 new, 1 started, 2 stopped

    /// <summary>An acceptor for <paramref name="sessions"/>, not yet listening.</summary>
    /// <exception cref="ArgumentException">Two sessions share an id or a CompID pair, or a setting is invalid.</exception>
    public FixAcceptor(FixAcceptorOptions options, IReadOnlyList<FixSessionSettings> sessions, IFixApplication application, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxOutboundBufferBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessageBytes, 256);
        _options = options;
        _time = time;
        _logger = logger;
        _sessions = new FixSession[sessions.Count];
        var pairs = new HashSet<(string, string)>();
        for (var i = 0; i < sessions.Count; i++)
        {
            var settings = sessions[i];
            Validate(settings);
            if (!pairs.Add((settings.SenderCompId, settings.TargetCompId)) || _sessionsById.ContainsKey(settings.SessionId))
            {
                throw new ArgumentException($"session {settings.SessionId} ({settings.SenderCompId}-{settings.TargetCompId}) is configured twice", nameof(sessions));
            }

            _sessions[i] = new FixSession(settings, application, time, logger);
            _sessionsById.Add(settings.SessionId, _sessions[i]);
        }
    }

    /// <summary>The address the acceptor listens on (the real port once started).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint ?? _options.EndPoint;

    /// <summary>Every configured session.</summary>
    public IReadOnlyList<FixSession> Sessions => _sessions;

    /// <summary>The session with <paramref name="sessionId"/>, or null.</summary>
    public FixSession? FindSession(int sessionId) => _sessionsById.GetValueOrDefault(sessionId);

    /// <summary>Opens (and recovers) every session's store, binds and starts accepting.</summary>
    /// <exception cref="FixStoreCorruptException">A store is damaged other than at its tail.</exception>
    /// <exception cref="InvalidOperationException">Started twice.</exception>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("the FIX acceptor was already started");
        }

        var started = new List<FixSession>();
        try
        {
            foreach (var session in _sessions)
            {
                var settings = session.Settings;
                var store = FixMessageStore.Open(Path.Combine(_options.StoreDirectory, $"{settings.SenderCompId}-{settings.TargetCompId}"), _options.FsyncStore);
                FixLog.StoreOpened(_logger, settings.SessionId, store.Path, store.NextSenderSeqNum, store.NextTargetSeqNum, store.TruncatedBytes);
                session.Start(store);
                started.Add(session);
            }

            _listener = new Socket(_options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(_options.EndPoint);
            _listener.Listen(128);
        }
        catch
        {
            _listener?.Dispose();
            Task.WhenAll(started.Select(session => session.StopAsync())).GetAwaiter().GetResult();
            Volatile.Write(ref _state, 2);
            throw;
        }

        FixLog.Listening(_logger, LocalEndPoint.ToString(), _sessions.Length);
        _acceptLoop = AcceptLoopAsync(_listener);
    }

    /// <summary>
    /// Stops accepting, sends Logout to every logged-on session and waits for the replies up to
    /// <paramref name="timeout"/>, closes every connection, then writes what is staged and closes the stores.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var (connection, _) in _connections.Values)
        {
            connection.RequestLogout(timeout);
        }

        var runs = Task.WhenAll(_connections.Values.Select(entry => entry.Run));
        try
        {
            await runs.WaitAsync(timeout + TimeSpan.FromMilliseconds(500), _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            foreach (var (connection, _) in _connections.Values)
            {
                connection.Abort("acceptor stopped");
            }

            await runs.ConfigureAwait(false);
        }

        await Task.WhenAll(_sessions.Select(session => session.StopAsync())).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary><see cref="StopAsync"/> with a five-second logout timeout.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);

    /// <summary>The session whose (our, their) CompIDs are <paramref name="ourCompId"/> and <paramref name="theirCompId"/>.</summary>
    internal FixSession? FindSession(ReadOnlySpan<byte> ourCompId, ReadOnlySpan<byte> theirCompId)
    {
        foreach (var session in _sessions)
        {
            if (session.SenderCompIdBytes.SequenceEqual(ourCompId) && session.TargetCompIdBytes.SequenceEqual(theirCompId))
            {
                return session;
            }
        }

        return null;
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException exception)
            {
                // Out of descriptors or similar: log, breathe, go on (never busy-loop on a failing accept).
                FixLog.AcceptFailed(_logger, exception);
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time).ConfigureAwait(false);
                continue;
            }

            socket.NoDelay = true;
            if (_options.SocketSendBufferBytes > 0)
            {
                socket.SendBufferSize = _options.SocketSendBufferBytes;
            }

            var connection = new FixConnection(Interlocked.Increment(ref _nextConnectionId), socket, this, _options, _time, _logger);
            var run = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[connection.Id] = (connection, run.Task);
            _ = RunConnectionAsync(connection, run);
        }
    }

    private async Task RunConnectionAsync(FixConnection connection, TaskCompletionSource done)
    {
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
            done.SetResult();
        }
    }

    private static void Validate(FixSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var compId in (ReadOnlySpan<string>)[settings.SenderCompId, settings.TargetCompId])
        {
            if (string.IsNullOrEmpty(compId) || compId.Length > 64 || compId is "." or ".."
                || !compId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new ArgumentException($"CompID '{compId}' of session {settings.SessionId}: use 1 to 64 ASCII letters, digits, '_', '-' or '.'", nameof(settings));
            }
        }

        if (settings.MinHeartBtInt < 1 || settings.MaxHeartBtInt < settings.MinHeartBtInt)
        {
            throw new ArgumentException($"session {settings.SessionId}: HeartBtInt bounds {settings.MinHeartBtInt}..{settings.MaxHeartBtInt} are invalid", nameof(settings));
        }

        if (settings.ThrottleMessagesPerSecond < 0 || settings.MaxSendingTimeSkew <= TimeSpan.Zero)
        {
            throw new ArgumentException($"session {settings.SessionId}: throttle and SendingTime skew must be positive", nameof(settings));
        }

        if (settings.PasswordHash is { } hash && !FixPasswordHash.IsWellFormed(hash))
        {
            throw new ArgumentException($"session {settings.SessionId}: PasswordHash is not a pbkdf2-sha256 hash from FixPasswordHash.Create", nameof(settings));
        }
    }
}
