using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>
/// A connection to the Matcher WebSocket gateway (docs/WEBSOCKET.md) over <see cref="ClientWebSocket"/>:
/// login, order entry, market-data subscriptions with client-side <see cref="OrderBook"/>s, and one receive
/// loop that hands every server message to an <see cref="IMatcherClientHandler"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Threads.</b> Every public method may be called from any thread, including from the handler's callbacks.
/// Sends are serialized by one lock: a message is encoded into a reusable buffer under it, and whoever finds
/// no send in progress becomes the writer and sends what is queued, on its own thread (usually synchronously,
/// in one socket write per message). When the socket cannot take more, the rest is sent by a continuation and
/// later messages wait in the buffer; callers never block on the network. Order entry therefore returns once
/// the message is queued, not when it is on the wire, and never allocates.
/// </para>
/// <para>
/// <b>Receiving.</b> One loop reads whole WebSocket messages into one buffer (grown only for messages larger
/// than it, such as deep snapshots), decodes the header and calls the handler with the message struct by
/// reference: nothing is allocated per message on that path. Answers to awaited requests (login, ping,
/// instruments, subscribe) complete their tasks on other threads, never inline on the loop.
/// </para>
/// <para>
/// <b>Request ids</b> come from one counter per connection, increasing from 1. A message passed with a
/// <c>RequestId</c> of 0 gets the next one, assigned under the send lock, so such ids reach the server in
/// increasing order. <see cref="AllocateRequestId"/> hands one out in advance, for callers that must record
/// it before the answer can arrive.
/// </para>
/// <para>A client makes one connection: connect, log in (for order entry), work, close, dispose.</para>
/// </remarks>
public sealed partial class MatcherClient : IAsyncDisposable, IDisposable
{
    private readonly IMatcherClientHandler _handler;
    private readonly MatcherClientOptions _options;
    private readonly ConcurrentDictionary<int, OrderBook> _books = new();
    private readonly Dictionary<ulong, PendingRequest> _pending = [];
    private readonly Lock _pendingLock = new();
    private readonly TaskCompletionSource<ConnectionClosed> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientWebSocket? _socket;
    private Task _receiveLoop = Task.CompletedTask;
    private TaskCompletionSource<LoginAccepted>? _login;
    private long _lastRequestId;
    private int _connectStarted;
    private int _closeOutputSent;
    private volatile bool _closeRequested;
    private int _disposed;

    /// <summary>A client that is not yet connected; <paramref name="handler"/> receives what the server sends.</summary>
    public MatcherClient(IMatcherClientHandler handler, MatcherClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
        _options = options ?? new MatcherClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxQueuedSendBytes, 1024, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.InitialReceiveBufferBytes, 256, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxReceiveMessageBytes, _options.InitialReceiveBufferBytes, nameof(options));
        _receiveBuffer = new byte[_options.InitialReceiveBufferBytes];
        _filling = new byte[Math.Min(InitialSendBufferBytes, _options.MaxQueuedSendBytes)];
        _draining = new byte[_filling.Length];
    }

    /// <summary>What the server said at login; null before it.</summary>
    public LoginAccepted? Session => Volatile.Read(ref _login) is { Task.IsCompletedSuccessfully: true } login ? login.Task.Result : null;

    /// <summary>The last request id handed out (0 before the first).</summary>
    public ulong LastRequestId => (ulong)Volatile.Read(ref _lastRequestId);

    /// <summary>Messages handed to the socket.</summary>
    public long MessagesSent => Volatile.Read(ref _messagesSent);

    /// <summary>Messages received and dispatched.</summary>
    public long MessagesReceived => Volatile.Read(ref _messagesReceived);

    /// <summary>Messages of templates this client does not know (from a newer server), skipped.</summary>
    public long UnknownMessages => Volatile.Read(ref _unknownMessages);

    /// <summary>Completes, with why, when the connection has ended and <see cref="IMatcherClientHandler.OnClosed"/> has returned.</summary>
    public Task<ConnectionClosed> Completion => _completion.Task;

    /// <summary>True between a successful connect and the end of the connection.</summary>
    public bool IsConnected => _socket is not null && !_completion.Task.IsCompleted;

    /// <summary>Connects to <paramref name="uri"/> (<c>ws://host:port/ws</c>) and starts the receive loop.</summary>
    /// <exception cref="InvalidOperationException">The client has already connected once.</exception>
    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _connectStarted, 1) != 0)
        {
            throw new InvalidOperationException("a MatcherClient connects once; make a new one to connect again");
        }

        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        lock (_sendLock)
        {
            _socket = socket;
            _sendClosed = false;
        }

        _receiveLoop = ReceiveLoopAsync(socket);
    }

    /// <summary>
    /// Logs in with an API key: a Login with the clock's time and a random nonce, signed with HMAC-SHA256 of the
    /// secret. Returns the server's LoginAccepted.
    /// </summary>
    /// <exception cref="MatcherRejectException">The server refused the login (its code and text say why); it then closes the connection.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="MatcherClientOptions.RequestTimeout"/>.</exception>
    public async Task<LoginAccepted> LoginAsync(string apiKey, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentNullException.ThrowIfNull(secret);
        var completion = new TaskCompletionSource<LoginAccepted>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _login, completion, null) is not null)
        {
            throw new InvalidOperationException("a connection logs in once");
        }

        var timestampNs = (_options.TimeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        Span<byte> random = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(random);
        var login = LoginSigner.Create(apiKey, secret, timestampNs, BinaryPrimitives.ReadUInt64LittleEndian(random));
        Enqueue(ref login, hasRequestId: false);
        if (_completion.Task.IsCompleted)
        {
            completion.TrySetException(Closed());
        }

        try
        {
            return await completion.Task.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"no answer to Login within {_options.RequestTimeout}", e);
        }
    }

    /// <summary>A request id for a message sent later with it (ids are never reused on a connection).</summary>
    public ulong AllocateRequestId() => (ulong)Interlocked.Increment(ref _lastRequestId);

    /// <summary>The book of a subscribed instrument, once its first snapshot has arrived.</summary>
    public bool TryGetBook(int instrumentId, out OrderBook book) => _books.TryGetValue(instrumentId, out book!);

    /// <summary>
    /// Sends what is queued, closes the WebSocket (close code 1000) and waits for the server's close, aborting
    /// after <see cref="MatcherClientOptions.CloseTimeout"/>. The server then cancels this connection's open orders.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        var socket = _socket;
        if (socket is null || _completion.Task.IsCompleted)
        {
            return;
        }

        _closeRequested = true;
        await SendCloseAsync(socket, WebSocketCloseStatus.NormalClosure, "client closing", cancellationToken).ConfigureAwait(false);
        try
        {
            await _receiveLoop.WaitAsync(_options.CloseTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            socket.Abort();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing a connection that is failing: the receive loop reports how it ended.
        }

        Abort();
        await _receiveLoop.ConfigureAwait(false);
        _socket?.Dispose();
    }

    /// <summary>Aborts the connection without a close handshake and releases the socket.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Abort();
        _socket?.Dispose();
    }

    /// <summary>Ends the connection at once, without a close handshake; queued messages are dropped.</summary>
    public void Abort()
    {
        _closeRequested = true;
        _socket?.Abort();
    }

    /// <summary>Sends the WebSocket close once, after the messages queued before it.</summary>
    private async Task SendCloseAsync(ClientWebSocket socket, WebSocketCloseStatus status, string description, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _closeOutputSent, 1) != 0)
        {
            return;
        }

        try
        {
            await StopSendingAsync().WaitAsync(_options.CloseTimeout, cancellationToken).ConfigureAwait(false);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, description, cancellationToken).WaitAsync(_options.CloseTimeout, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    private PendingRequest Register(ulong requestId, PendingRequest pending)
    {
        lock (_pendingLock)
        {
            _pending.Add(requestId, pending);
        }

        return pending;
    }

    private PendingRequest? TakePending(ulong requestId)
    {
        if (requestId == 0)
        {
            return null;
        }

        lock (_pendingLock)
        {
            return _pending.Remove(requestId, out var pending) ? pending : null;
        }
    }

    /// <summary>Sends <paramref name="message"/> with the request id its pending answer waits under, then waits for the answer.</summary>
    private async Task<T> RequestAsync<T, TMessage>(TMessage message, ulong requestId, PendingRequest pending, CancellationToken cancellationToken)
        where TMessage : unmanaged, IFixedMessage
    {
        Register(requestId, pending);
        try
        {
            Enqueue(ref message, hasRequestId: true);
            if (_completion.Task.IsCompleted)
            {
                pending.Fail(Closed());
            }

            return (T)await pending.Completion!.Task.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"no answer to {TMessage.Template} {requestId} within {_options.RequestTimeout}", e);
        }
        finally
        {
            TakePending(requestId);
        }
    }

    private MatcherClientException Closed() =>
        new($"the connection is closed: {(_completion.Task.IsCompleted ? _completion.Task.Result.ToString() : "closing")}");

    private void FailPending(MatcherClientException error)
    {
        _login?.TrySetException(error);
        List<PendingRequest> pending;
        lock (_pendingLock)
        {
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var request in pending)
        {
            request.Fail(error);
        }
    }

    /// <summary>A request waiting for its answer (or an automatic resubscription, which nobody awaits).</summary>
    private sealed class PendingRequest
    {
        /// <summary>The request's template.</summary>
        public required TemplateId Template { get; init; }

        /// <summary>Completed with the answer (boxed: these are rare requests), or null when nobody waits.</summary>
        public TaskCompletionSource<object>? Completion { get; init; }

        /// <summary>Subscribe: the instrument.</summary>
        public int InstrumentId { get; init; }

        /// <summary>Subscribe: the snapshot depth asked for.</summary>
        public int Depth { get; init; }

        /// <summary>Ping: when it was queued (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
        public long StartTimestamp { get; init; }

        public static PendingRequest Awaited(TemplateId template, int instrumentId = 0, int depth = 0, long startTimestamp = 0) => new()
        {
            Template = template,
            Completion = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously),
            InstrumentId = instrumentId,
            Depth = depth,
            StartTimestamp = startTimestamp,
        };

        public void Fail(Exception error) => Completion?.TrySetException(error);
    }
}
