using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Transport;

namespace Matcher.Cli.FixLoad;

/// <summary>
/// A minimal FIX 4.4 initiator for load generation and end-to-end tests, on our codec: Logon (with optional
/// Username/Password and ResetSeqNumFlag), Heartbeats when idle, a Heartbeat for every TestRequest, MsgSeqNum
/// both ways, Logout. Application messages go out with <see cref="Send"/> or <see cref="Write"/>; every
/// message that comes in (admin ones too, after the client has handled them) goes to
/// <see cref="MessageReceived"/>.
/// </summary>
/// <remarks>
/// <para>
/// No message store and no resend: a ResendRequest is answered with one SequenceReset-GapFill to the next
/// sequence number, and a gap in the acceptor's numbers is only counted (<see cref="SequenceGaps"/>), never
/// requested again. Fine for load and for tests of the acceptor; not a trading client.
/// </para>
/// <para>
/// Threads: any thread may send (one lock orders the sequence numbers and the bytes). Messages are handled
/// and <see cref="MessageReceived"/> is called on one receive loop, in order; what a handler writes with
/// <see cref="Write"/> is flushed when the loop has handled everything it read, so a closed-loop sender that
/// answers each report with an order sends one batch per read, not one per report. Outgoing bytes go through
/// an unbounded pipe to a send loop: a sender never blocks on the network (a load client's memory is the limit).
/// </para>
/// </remarks>
internal sealed class FixClient : IAsyncDisposable
{
    private const byte Soh = 1;

    /// <summary>Outgoing pipe segments: a batch of orders usually fits one, which then goes in one send.</summary>
    private const int OutboundSegmentBytes = 16 * 1024;

    private const int InboundBufferBytes = 64 * 1024;

    private readonly FixClientOptions _options;
    private readonly byte[] _senderCompId;
    private readonly byte[] _targetCompId;
    private readonly Lock _writeLock = new();
    private readonly FixBodyWriter _adminBody = new(256);
    private readonly TaskCompletionSource _loggedOn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _loggedOut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _socket;
    private PipeReader? _input;
    private PipeWriter? _output;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _sendLoop = Task.CompletedTask;
    private Timer? _heartbeatTimer;
    private long _nextOutgoing = 1;
    private long _expectedIncoming = 1;
    private long _lastSentTimestamp;
    private long _sequenceGaps;
    private long _garbled;
    private bool _unflushed;
    private bool _logoutSent;
    private volatile bool _stopping;
    private volatile bool _connectionEnded;
    private int _disposed;
    private int _started;
    private bool _outputCompleted;

    /// <summary>A client that is not yet connected.</summary>
    public FixClient(FixClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.HeartbeatSeconds);
        _options = options;
        _senderCompId = Encoding.ASCII.GetBytes(options.SenderCompId);
        _targetCompId = Encoding.ASCII.GetBytes(options.TargetCompId);
    }

    /// <summary>
    /// Called on the receive loop for every message that arrives, after the client has handled it. The message
    /// is reused and its bytes are the pipe's: valid only during the call; copy what you keep
    /// (<c>message.Raw.ToArray()</c> parses again with <see cref="FixParser"/>). Set it before connecting.
    /// An exception from it ends the session (see <see cref="Closed"/>).
    /// </summary>
    public Action<FixMessage>? MessageReceived { get; set; }

    /// <summary>Our SenderCompID.</summary>
    public string SenderCompId => _options.SenderCompId;

    /// <summary>Whether the acceptor has answered our Logon and not logged out since.</summary>
    public bool IsLoggedOn => _loggedOn.Task.IsCompletedSuccessfully && !_loggedOut.Task.IsCompleted;

    /// <summary>The MsgSeqNum the next message we send will carry.</summary>
    public long NextOutgoingSeqNum
    {
        get
        {
            lock (_writeLock)
            {
                return _nextOutgoing;
            }
        }
    }

    /// <summary>The MsgSeqNum we expect next from the acceptor.</summary>
    public long ExpectedIncomingSeqNum => Volatile.Read(ref _expectedIncoming);

    /// <summary>Messages missing from the acceptor's numbering (counted, not requested again).</summary>
    public long SequenceGaps => Volatile.Read(ref _sequenceGaps);

    /// <summary>Stretches of input that did not frame as FIX 4.4 and were skipped.</summary>
    public long GarbledMessages => Volatile.Read(ref _garbled);

    /// <summary>The Text (58) of the acceptor's Logout, if it sent one.</summary>
    public string? LogoutText { get; private set; }

    /// <summary>Completes when the connection has ended (faulted when the receive loop failed).</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects over TCP (Nagle off) and starts the receive and send loops.</summary>
    public async Task ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Volatile.Read(ref _started) != 0)
        {
            throw new InvalidOperationException("the client is already started");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;

        // Inline schedulers: a flush runs the send loop on the flushing thread (one send system call, no thread
        // hop) unless a send is already in flight, in which case the bytes join the next one. No pause
        // threshold: a sender never waits for the network (see the class remarks).
        var outbound = new Pipe(new PipeOptions(
            pauseWriterThreshold: 0, resumeWriterThreshold: 0, minimumSegmentSize: OutboundSegmentBytes,
            readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline, useSynchronizationContext: false));
        _sendLoop = SendLoopAsync(outbound.Reader, socket);
        var input = PipeReader.Create(new NetworkStream(socket, ownsSocket: false),
            new StreamPipeReaderOptions(bufferSize: InboundBufferBytes, minimumReadSize: InboundBufferBytes / 4));
        Start(input, outbound.Writer);
    }

    /// <summary>Runs the session over <paramref name="input"/> and <paramref name="output"/> (an in-memory pipe in tests).</summary>
    internal void Start(PipeReader input, PipeWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the client is already started");
        }

        _input = input;
        _output = output;
        _lastSentTimestamp = Stopwatch.GetTimestamp();
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>
    /// Sends Logon (98=0, 108, and 141=Y, 553, 554 as configured) and waits for the acceptor's Logon; then
    /// starts the heartbeat timer.
    /// </summary>
    /// <exception cref="FixSessionException">The acceptor answered with a Logout, or the connection ended.</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public async Task LogonAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var output = _output ?? throw new InvalidOperationException("connect first");
        lock (_writeLock)
        {
            var body = _adminBody;
            body.Clear();
            body.Add(FixTags.EncryptMethod, (byte)'0').Add(FixTags.HeartBtInt, _options.HeartbeatSeconds);
            if (_options.ResetSequenceNumbers)
            {
                body.Add(FixTags.ResetSeqNumFlag, (byte)'Y');
            }

            if (_options.Username is { Length: > 0 } username)
            {
                body.Add(FixTags.Username, username);
            }

            if (_options.Password is { Length: > 0 } password)
            {
                body.Add(FixTags.Password, password);
            }

            WriteLocked(output, "A"u8, body.Written, 0);
            FlushLocked(output);
        }

        await _loggedOn.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        var period = TimeSpan.FromSeconds(_options.HeartbeatSeconds);
        _heartbeatTimer = new Timer(static state => ((FixClient)state!).OnHeartbeatTimer(), this, period, period);
    }

    /// <summary>Sends one message now: the header and trailer around <paramref name="body"/>'s fields, then a flush.</summary>
    public void Send(ReadOnlySpan<byte> msgType, FixBodyWriter body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var output = _output ?? throw new InvalidOperationException("connect first");
        lock (_writeLock)
        {
            WriteLocked(output, msgType, body.Written, 0);
            FlushLocked(output);
        }
    }

    /// <summary>
    /// Frames one message into the outgoing buffer without sending it: it goes with the next <see cref="Send"/>,
    /// <see cref="Flush"/>, or, when written from <see cref="MessageReceived"/>, at the end of the read.
    /// </summary>
    public void Write(ReadOnlySpan<byte> msgType, FixBodyWriter body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var output = _output ?? throw new InvalidOperationException("connect first");
        lock (_writeLock)
        {
            WriteLocked(output, msgType, body.Written, 0);
        }
    }

    /// <summary>Sends whatever <see cref="Write"/> has buffered.</summary>
    public void Flush()
    {
        var output = _output ?? throw new InvalidOperationException("connect first");
        lock (_writeLock)
        {
            FlushLocked(output);
        }
    }

    /// <summary>Sends Logout (with <paramref name="text"/> as 58) and waits for the acceptor's Logout or the end of the connection.</summary>
    /// <returns>True when the acceptor answered (or closed) within <paramref name="timeout"/>.</returns>
    public async Task<bool> LogoutAsync(TimeSpan timeout, string? text = null)
    {
        if (_output is not { } output || _closed.Task.IsCompleted)
        {
            return true;
        }

        _heartbeatTimer?.Dispose();
        SendLogout(output, text);
        try
        {
            await Task.WhenAny(_loggedOut.Task, _closed.Task).WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Stops the heartbeats, sends what is buffered, closes the connection and waits for both loops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_heartbeatTimer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping = true;
        if (_output is { } output)
        {
            lock (_writeLock)
            {
                FlushLocked(output);
                _outputCompleted = true;
                output.Complete();
            }
        }

        try
        {
            // A peer that reads nothing could hold the last send forever; closing the socket ends it.
            await _sendLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _socket?.Dispose();
        }

        if (_socket is { } socket)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already reset by the peer, or closed above: closing is all that is left.
            }

            socket.Dispose();
        }

        _input?.CancelPendingRead();
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection was closed under the loop: that is what disposing means.
        }
    }

    private void OnHeartbeatTimer()
    {
        if (_stopping || _output is not { } output)
        {
            return;
        }

        // Only when idle: any message we send counts as a heartbeat.
        var idle = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSentTimestamp));
        if (idle < TimeSpan.FromSeconds(_options.HeartbeatSeconds * 0.9))
        {
            return;
        }

        lock (_writeLock)
        {
            if (!_stopping)
            {
                WriteLocked(output, "0"u8, default, 0);
                FlushLocked(output);
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var input = _input!;
        var message = new FixMessage();
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled && _stopping)
                {
                    break;
                }

                var buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    var status = FixParser.TryParse(buffer, message, out var consumed);
                    if (status == FixParseStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == FixParseStatus.Garbled)
                    {
                        Interlocked.Increment(ref _garbled);
                    }
                    else
                    {
                        Handle(message);
                    }

                    buffer = buffer.Slice(consumed);
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (_output is { } output)
                {
                    lock (_writeLock)
                    {
                        FlushLocked(output);
                    }
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }

            _connectionEnded = true;
            await input.CompleteAsync().ConfigureAwait(false);
            _loggedOn.TrySetException(new FixSessionException(LogoutText is null
                ? "the acceptor closed the connection"
                : $"the acceptor logged out: {LogoutText}"));
            _loggedOut.TrySetResult();
            _closed.TrySetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _connectionEnded = true;
            await input.CompleteAsync(e).ConfigureAwait(false);
            var failure = _stopping && e is IOException or SocketException or ObjectDisposedException
                ? null
                : e;
            _loggedOn.TrySetException(new FixSessionException("the connection failed: " + e.Message, e));
            _loggedOut.TrySetResult();
            if (failure is null)
            {
                _closed.TrySetResult();
            }
            else
            {
                _closed.TrySetException(failure);
            }
        }
    }

    /// <summary>The session layer: sequence numbers and the admin messages, then the application's handler.</summary>
    private void Handle(FixMessage message)
    {
        var type = message.MsgType;
        var isAdmin = type.Length == 1 && type[0] is (byte)'0' or (byte)'1' or (byte)'2' or (byte)'3' or (byte)'4' or (byte)'5' or (byte)'A';
        TrackSequence(message, type);
        if (isAdmin)
        {
            switch (type[0])
            {
                case (byte)'A':
                    _loggedOn.TrySetResult();
                    break;
                case (byte)'1':
                    AnswerTestRequest(message);
                    break;
                case (byte)'2':
                    AnswerResendRequest(message);
                    break;
                case (byte)'5':
                    LogoutText = message.TryGet(FixTags.Text, out var text) ? Encoding.ASCII.GetString(text) : "";
                    if (_output is { } output)
                    {
                        SendLogout(output, null);
                    }

                    _loggedOn.TrySetException(new FixSessionException($"the acceptor logged out: {LogoutText}"));
                    _loggedOut.TrySetResult();
                    break;
            }
        }

        MessageReceived?.Invoke(message);
    }

    private void TrackSequence(FixMessage message, ReadOnlySpan<byte> type)
    {
        if (!message.TryGetLong(FixTags.MsgSeqNum, out var seq))
        {
            return;
        }

        var expected = _expectedIncoming;
        if (type.SequenceEqual("4"u8) && message.TryGetLong(FixTags.NewSeqNo, out var newSeq))
        {
            // SequenceReset, gap fill or not: the acceptor says where its numbers go on.
            Volatile.Write(ref _expectedIncoming, Math.Max(expected, newSeq));
            return;
        }

        if (type.SequenceEqual("A"u8) && message.TryGetChar(FixTags.ResetSeqNumFlag, out var reset) && reset == 'Y')
        {
            expected = seq;
        }

        if (seq > expected)
        {
            Interlocked.Add(ref _sequenceGaps, seq - expected);
        }

        if (seq >= expected)
        {
            Volatile.Write(ref _expectedIncoming, seq + 1);
        }
    }

    private void AnswerTestRequest(FixMessage message)
    {
        if (_output is not { } output)
        {
            return;
        }

        lock (_writeLock)
        {
            var body = _adminBody;
            body.Clear();
            if (message.TryGet(FixTags.TestReqID, out var id) && !id.IsEmpty)
            {
                body.Add(FixTags.TestReqID, id);
            }

            WriteLocked(output, "0"u8, body.Written, 0);
            FlushLocked(output);
        }
    }

    /// <summary>No store to resend from: one SequenceReset-GapFill from BeginSeqNo to our next number.</summary>
    private void AnswerResendRequest(FixMessage message)
    {
        if (_output is not { } output || !message.TryGetLong(FixTags.BeginSeqNo, out var begin) || begin < 1)
        {
            return;
        }

        lock (_writeLock)
        {
            if (begin >= _nextOutgoing)
            {
                return;
            }

            var body = _adminBody;
            body.Clear();
            body.Add(FixTags.GapFillFlag, (byte)'Y').Add(FixTags.NewSeqNo, _nextOutgoing);
            WriteLocked(output, "4"u8, body.Written, begin);
            FlushLocked(output);
        }
    }

    private void SendLogout(PipeWriter output, string? text)
    {
        lock (_writeLock)
        {
            if (_logoutSent)
            {
                return;
            }

            _logoutSent = true;
            var body = _adminBody;
            body.Clear();
            if (!string.IsNullOrEmpty(text))
            {
                body.Add(FixTags.Text, text);
            }

            WriteLocked(output, "5"u8, body.Written, 0);
            FlushLocked(output);
        }
    }

    /// <summary>
    /// Frames one message into <paramref name="output"/>. <paramref name="possDupSeqNum"/> &gt; 0 sends it under
    /// that (old) number with PossDupFlag and OrigSendingTime, taking no new number; 0 takes the next one.
    /// </summary>
    private void WriteLocked(PipeWriter output, ReadOnlySpan<byte> msgType, ReadOnlySpan<byte> body, long possDupSeqNum)
    {
        if (_outputCompleted || _connectionEnded)
        {
            // Disposed or disconnected: nothing can go out any more, and an unread pipe would only grow.
            return;
        }

        var now = UnixTimeNs();
        Span<byte> origSendingTime = stackalloc byte[FixTimestamp.Length];
        var seq = possDupSeqNum;
        if (seq > 0)
        {
            FixTimestamp.Write(origSendingTime, now);
        }
        else
        {
            seq = _nextOutgoing;
            origSendingTime = default;
        }

        var length = FixEncoder.GetLength(msgType.Length, _senderCompId.Length, _targetCompId.Length, seq,
            origSendingTime.Length, body.Length);
        var written = FixEncoder.Encode(output.GetSpan(length), msgType, _senderCompId, _targetCompId, seq, now, body,
            origSendingTime);
        output.Advance(written);
        if (possDupSeqNum == 0)
        {
            _nextOutgoing++;
        }

        _unflushed = true;
        Volatile.Write(ref _lastSentTimestamp, Stopwatch.GetTimestamp());
    }

    private void FlushLocked(PipeWriter output)
    {
        if (!_unflushed || _outputCompleted)
        {
            return;
        }

        _unflushed = false;
        var flush = output.FlushAsync();
        if (!flush.IsCompleted)
        {
            // Only a test's bounded pipe gets here (the socket's pipe never pauses): wait for its reader.
            flush.AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task SendLoopAsync(PipeReader reader, Socket socket)
    {
        try
        {
            await PipeToSocket.PumpAsync(reader, socket).ConfigureAwait(false);
            await reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The connection is gone; the receive loop reports it. Writers now drop what they write.
            _connectionEnded = true;
            await reader.CompleteAsync(e).ConfigureAwait(false);
        }
    }

    private static long UnixTimeNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
