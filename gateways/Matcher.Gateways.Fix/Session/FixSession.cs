using System.Text;
using Matcher.Gateways.Fix.Codec;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// One FIX session of the acceptor: its settings, sequence numbers, counters and <see cref="Send"/>. The
/// inbound protocol runs on the loop of the connection currently logged on; outbound messages are staged
/// here under a short lock and written (store, fsync, socket) by the session's outbound writer.
/// </summary>
public sealed class FixSession
{
    private readonly Lock _outboundLock = new();
    private readonly byte[] _senderCompId;
    private readonly byte[] _targetCompId;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private OutboundQueue _staging = new();
    private long _nextSenderSeqNum = 1;
    private long _loggedOnConnectionId;
    private long _lastSentTimestamp;
    private IFixConnection? _bound;
    private readonly List<(byte[] MsgType, byte[] Body)> _beforeStart = [];
    private SessionOutboundWriter? _writer;
    private bool _stopped;
    private bool _droppedWarned;

    internal FixSession(FixSessionSettings settings, IFixApplication application, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _time = time;
        _logger = logger;
        _senderCompId = Encoding.ASCII.GetBytes(settings.SenderCompId);
        _targetCompId = Encoding.ASCII.GetBytes(settings.TargetCompId);
        Protocol = new SessionProtocol(this, application, time, logger);
    }

    /// <summary>The session's settings.</summary>
    public FixSessionSettings Settings { get; }

    /// <summary>True while a connection is logged on.</summary>
    public bool IsLoggedOn => Volatile.Read(ref _loggedOnConnectionId) != 0;

    /// <summary>The MsgSeqNum the next outbound message gets.</summary>
    public long NextSenderSeqNum
    {
        get
        {
            lock (_outboundLock)
            {
                return _nextSenderSeqNum;
            }
        }
    }

    /// <summary>The MsgSeqNum expected on the next inbound message.</summary>
    public long NextTargetSeqNum => Protocol.NextTargetSeqNum;

    /// <summary>Monotonic counters for metrics.</summary>
    public FixSessionCounters Counters { get; } = new();

    internal SessionProtocol Protocol { get; }

    internal ReadOnlySpan<byte> SenderCompIdBytes => _senderCompId;

    internal ReadOnlySpan<byte> TargetCompIdBytes => _targetCompId;

    /// <summary>The connection bound to the session (logging on or logged on), if any.</summary>
    internal IFixConnection? BoundConnection => Volatile.Read(ref _bound);

    /// <summary>The <see cref="TimeProvider"/> timestamp of the last message staged for a connection.</summary>
    internal long LastSentTimestamp => Volatile.Read(ref _lastSentTimestamp);

    /// <summary>
    /// Sends an application message: it gets the next MsgSeqNum and goes into the store, and to the client
    /// when one is logged on; otherwise the client gets it by ResendRequest after its next logon.
    /// </summary>
    /// <remarks>
    /// Thread-safe (the engine's outbound consumer and <see cref="IFixApplication.OnMessage"/> both call it).
    /// It only encodes into a staging buffer under a short lock: it never waits for the disk or the socket.
    /// Before the acceptor starts, the message is kept (copied) and numbered and stored at
    /// <see cref="FixAcceptor.Start"/>, once the store says where the sequence stands. After the acceptor
    /// has stopped, it is dropped with a warning.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="msgType"/> is not one or two letters or digits.</exception>
    public void Send(ReadOnlySpan<byte> msgType, FixBodyWriter body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!SessionMessageTypes.IsWellFormed(msgType))
        {
            throw new ArgumentException("a FIX 4.4 MsgType is one or two letters or digits", nameof(msgType));
        }
        lock (_outboundLock)
        {
            if (_writer is null && !_stopped)
            {
                _beforeStart.Add((msgType.ToArray(), body.Written.ToArray()));
                return;
            }
        }

        Stage(msgType, body.Written, connectionId: -1);
    }

    /// <summary>Opens the session on its recovered store and starts its outbound writer.</summary>
    internal void Start(FixMessageStore store)
    {
        Protocol.Initialize(store.NextTargetSeqNum);
        var writer = new SessionOutboundWriter(this, store, _time, _logger);
        lock (_outboundLock)
        {
            _nextSenderSeqNum = store.NextSenderSeqNum;
            _writer = writer;
            foreach (var (msgType, body) in _beforeStart)
            {
                StageMessage(msgType, body, connectionId: 0);
            }

            _beforeStart.Clear();
        }

        writer.Start();
        writer.Signal();
    }

    /// <summary>Refuses further messages, writes what is staged, and closes the store.</summary>
    internal Task StopAsync()
    {
        lock (_outboundLock)
        {
            _stopped = true;
            _beforeStart.Clear();
        }

        return _writer?.StopAsync() ?? Task.CompletedTask;
    }

    /// <summary>
    /// Stages a message for <paramref name="connectionId"/> (0: store only; -1: the logged-on connection, if
    /// any) and returns its MsgSeqNum, or 0 when the session has stopped.
    /// </summary>
    internal long Stage(ReadOnlySpan<byte> msgType, ReadOnlySpan<byte> body, long connectionId)
    {
        long sequence;
        lock (_outboundLock)
        {
            if (!CanStage())
            {
                return 0;
            }

            if (connectionId < 0)
            {
                connectionId = _loggedOnConnectionId;
            }

            sequence = StageMessage(msgType, body, connectionId);
        }

        _writer!.Signal();
        return sequence;
    }

    /// <summary>
    /// Stages the Logon response and marks <paramref name="connection"/> logged on in one step, so every
    /// <see cref="Send"/> after it goes behind it; with <paramref name="reset"/>, a new store first (both
    /// sequences back to 1).
    /// </summary>
    internal long StageLogonResponse(IFixConnection connection, ReadOnlySpan<byte> body, bool reset)
    {
        long sequence;
        lock (_outboundLock)
        {
            if (!CanStage())
            {
                return 0;
            }

            if (reset)
            {
                _staging.Append(new OutboundEntry { Kind = OutboundEntryKind.Reset });
                _nextSenderSeqNum = 1;
            }

            sequence = StageMessage("A"u8, body, connection.Id);
            Volatile.Write(ref _loggedOnConnectionId, connection.Id);
        }

        _writer!.Signal();
        return sequence;
    }

    /// <summary>
    /// Stages the answer to a ResendRequest for <paramref name="beginSeqNo"/> to <paramref name="endSeqNo"/>
    /// (0 = everything sent so far). False when the range holds nothing we sent.
    /// </summary>
    internal bool StageResend(long beginSeqNo, long endSeqNo, IFixConnection connection)
    {
        lock (_outboundLock)
        {
            var last = _nextSenderSeqNum - 1;
            if (endSeqNo == 0 || endSeqNo > last)
            {
                endSeqNo = last;
            }

            if (!CanStage() || beginSeqNo > endSeqNo)
            {
                return false;
            }

            _staging.Append(new OutboundEntry
            {
                Kind = OutboundEntryKind.Resend,
                Sequence = beginSeqNo,
                EndSequence = endSeqNo,
                ConnectionId = connection.Id,
            });
            Volatile.Write(ref _lastSentTimestamp, _time.GetTimestamp());
        }

        _writer!.Signal();
        return true;
    }

    /// <summary>Stages a store-only record of the next inbound MsgSeqNum.</summary>
    internal void StageNextTargetSeqNum(long next) =>
        StageControl(new OutboundEntry { Kind = OutboundEntryKind.NextTargetSeqNum, Sequence = next });

    /// <summary>Stages the close of <paramref name="connection"/> after everything staged before.</summary>
    internal void StageClose(IFixConnection connection) =>
        StageControl(new OutboundEntry { Kind = OutboundEntryKind.Close, ConnectionId = connection.Id });

    /// <summary>Binds <paramref name="connection"/> for its logon; false when another connection holds the session.</summary>
    internal bool TryBind(IFixConnection connection)
    {
        lock (_outboundLock)
        {
            if (_bound is not null || _stopped)
            {
                return false;
            }

            Volatile.Write(ref _bound, connection);
            return true;
        }
    }

    /// <summary>Marks <paramref name="connection"/> no longer logged on: later messages are stored only.</summary>
    internal void MarkLoggedOut(IFixConnection connection)
    {
        lock (_outboundLock)
        {
            if (_loggedOnConnectionId == connection.Id)
            {
                Volatile.Write(ref _loggedOnConnectionId, 0);
            }
        }
    }

    /// <summary>Unbinds <paramref name="connection"/>: another connection may log on.</summary>
    internal void Unbind(IFixConnection connection)
    {
        lock (_outboundLock)
        {
            if (ReferenceEquals(_bound, connection))
            {
                Volatile.Write(ref _bound, null);
                Volatile.Write(ref _loggedOnConnectionId, 0);
            }
        }
    }

    /// <summary>Gives the writer the staged entries, taking <paramref name="drained"/> (emptied) in exchange.</summary>
    internal void SwapStaging(ref OutboundQueue drained)
    {
        drained.Clear();
        lock (_outboundLock)
        {
            (_staging, drained) = (drained, _staging);
        }
    }

    /// <summary>True when nothing is staged.</summary>
    internal bool IsStagingEmpty
    {
        get
        {
            lock (_outboundLock)
            {
                return _staging.Length == 0;
            }
        }
    }

    private void StageControl(in OutboundEntry entry)
    {
        lock (_outboundLock)
        {
            if (!CanStage())
            {
                return;
            }

            _staging.Append(entry);
        }

        _writer!.Signal();
    }

    /// <summary>Under the lock: encodes the next message into the staging queue.</summary>
    private long StageMessage(ReadOnlySpan<byte> msgType, ReadOnlySpan<byte> body, long connectionId)
    {
        var sequence = _nextSenderSeqNum;
        var length = FixEncoder.GetLength(msgType.Length, _senderCompId.Length, _targetCompId.Length, sequence, 0, body.Length);
        var payload = _staging.Append(new OutboundEntry
        {
            Kind = OutboundEntryKind.Message,
            PayloadLength = length,
            Sequence = sequence,
            ConnectionId = connectionId,
        });
        FixEncoder.Encode(payload, msgType, _senderCompId, _targetCompId, sequence, UnixTimeNs(_time), body);
        _nextSenderSeqNum = sequence + 1;
        if (connectionId != 0)
        {
            Volatile.Write(ref _lastSentTimestamp, _time.GetTimestamp());
        }

        Interlocked.Increment(ref Counters.MessagesOut);
        return sequence;
    }

    private bool CanStage()
    {
        if (_writer is null)
        {
            // Only the protocol stages without Send, and only once a connection exists, after Start.
            throw new InvalidOperationException("the FIX acceptor has not been started");
        }

        if (!_stopped)
        {
            return true;
        }

        if (!_droppedWarned)
        {
            _droppedWarned = true;
            FixLog.SendAfterStop(_logger, Settings.SessionId);
        }

        return false;
    }

    /// <summary>Now, in nanoseconds since the Unix epoch.</summary>
    internal static long UnixTimeNs(TimeProvider time) => (time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}
