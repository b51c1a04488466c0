using Matcher.Core.Pipeline;
using Matcher.Gateways.Fix.Codec;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// The inbound half of a FIX session: logon, sequence checks, gap detection and recovery, admin messages,
/// heartbeats, throttle, logout. It is driven by the loop of the connection bound to the session, one call
/// at a time, so it needs no lock; what it sends goes through <see cref="FixSession"/>'s staging.
/// </summary>
internal sealed partial class SessionProtocol
{
    /// <summary>Messages ahead of a gap kept for when it is filled.</summary>
    private const int MaxQueuedBytes = 4 << 20;

    /// <summary>How long a connection may stay after we decided to close it, for the peer to read our last words.</summary>
    private const int CloseLingerMilliseconds = 2000;

    private readonly FixSession _session;
    private readonly IFixApplication _application;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FixBodyWriter _body = new(256);
    private readonly FixMessage _replayed = new();
    private readonly OutOfOrderQueue _queue = new(MaxQueuedBytes);
    private IFixConnection? _connection;
    private TokenBucket? _throttle;
    private ProtocolState _state;
    private long _nextTargetSeqNum = 1;
    private long _storedTargetSeqNum = 1;
    private long _heartBtIntTicks;
    private long _lastReceived;
    private bool _testRequestPending;
    private long _testRequestCounter;
    private long _resendUpTo;
    private long _closeDeadline;
    private bool _logoutSent;
    private bool _graceful;
    private bool _applicationLoggedOn;

    public SessionProtocol(FixSession session, IFixApplication application, TimeProvider time, ILogger logger)
    {
        _session = session;
        _application = application;
        _time = time;
        _logger = logger;
    }

    /// <summary>The MsgSeqNum expected next (read from any thread).</summary>
    public long NextTargetSeqNum => Volatile.Read(ref _nextTargetSeqNum);

    /// <summary>How often the connection should call <see cref="OnTimer"/>.</summary>
    public TimeSpan TimerPeriod => _state == ProtocolState.LoggedOn && _heartBtIntTicks > 0
        ? TimeSpan.FromMilliseconds(Math.Clamp(_heartBtIntTicks * 100 / _time.TimestampFrequency, 50, 1000))
        : TimeSpan.FromMilliseconds(100);

    private int SessionId => _session.Settings.SessionId;

    /// <summary>Sets the next inbound MsgSeqNum from the store, before any connection.</summary>
    public void Initialize(long nextTargetSeqNum) => _nextTargetSeqNum = _storedTargetSeqNum = nextTargetSeqNum;

    /// <summary>A parsed inbound message on the logged-on (or closing) connection.</summary>
    public void OnMessage(FixMessage message)
    {
        Interlocked.Increment(ref _session.Counters.MessagesIn);
        _lastReceived = _time.GetTimestamp();
        _testRequestPending = false;
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            FixLog.Inbound(_logger, SessionId, FixLogFormat.Masked(message.Raw));
        }

        if (_state is not (ProtocolState.LoggedOn or ProtocolState.LogoutSent))
        {
            return;
        }

        if (!message.TryGetLong(FixTags.MsgSeqNum, out var sequence) || sequence < 1)
        {
            // The spec: a message without a usable MsgSeqNum is a serious error; end the session.
            LogoutAndClose("MsgSeqNum missing or invalid");
            return;
        }

        if (!CheckCompIds(message, sequence) || !CheckSendingTimeAccuracy(message, sequence))
        {
            return;
        }

        var msgType = message.MsgType;
        if (msgType.SequenceEqual("4"u8) && !IsYes(message, FixTags.GapFillFlag))
        {
            // SequenceReset-Reset: processed whatever its MsgSeqNum.
            OnSequenceReset(message, sequence);
            DrainQueue();
            return;
        }

        if (sequence > _nextTargetSeqNum)
        {
            OnTooHigh(message, sequence);
            return;
        }

        if (sequence < _nextTargetSeqNum)
        {
            OnTooLow(message, sequence);
            return;
        }

        Process(message, sequence);
        DrainQueue();
    }

    /// <summary>A garbled message: ignored (the expected MsgSeqNum does not move), counted, logged.</summary>
    public void OnGarbled(long skippedBytes)
    {
        Interlocked.Increment(ref _session.Counters.Garbled);
        FixLog.Garbled(_logger, SessionId, skippedBytes);
    }

    /// <summary>After each batch read from the socket: records the next inbound MsgSeqNum if it moved.</summary>
    public void OnBatchEnd()
    {
        if (_nextTargetSeqNum != _storedTargetSeqNum)
        {
            _storedTargetSeqNum = _nextTargetSeqNum;
            _session.StageNextTargetSeqNum(_nextTargetSeqNum);
        }
    }

    /// <summary>Heartbeats, test requests and timeouts; called every <see cref="TimerPeriod"/>.</summary>
    public void OnTimer()
    {
        var now = _time.GetTimestamp();
        switch (_state)
        {
            case ProtocolState.LoggedOn:
                if (now - _session.LastSentTimestamp >= _heartBtIntTicks)
                {
                    _body.Clear();
                    Send("0"u8, _body);
                }

                var silence = now - _lastReceived;
                var testRequestAfter = _heartBtIntTicks * 6 / 5;
                if (!_testRequestPending && silence >= testRequestAfter)
                {
                    _testRequestPending = true;
                    _body.Clear();
                    _body.Add(FixTags.TestReqID, ++_testRequestCounter);
                    Send("1"u8, _body);
                }
                else if (_testRequestPending && silence >= testRequestAfter + _heartBtIntTicks)
                {
                    FixLog.HeartbeatTimeout(_logger, SessionId);
                    _connection?.Abort("heartbeat timeout");
                }

                break;
            case ProtocolState.LogoutSent or ProtocolState.Closing when now >= _closeDeadline:
                _connection?.Abort(_state == ProtocolState.LogoutSent ? "no Logout reply" : "closed");
                break;
        }
    }

    /// <summary>Starts the logout handshake (acceptor stopping); the connection closes on the reply or after <paramref name="timeout"/>.</summary>
    public void InitiateLogout(string text, TimeSpan timeout)
    {
        if (_state != ProtocolState.LoggedOn)
        {
            if (_state != ProtocolState.LogoutSent)
            {
                _connection?.Abort("stopping");
            }

            return;
        }

        _body.Clear();
        _body.Add(FixTags.Text, text);
        Send("5"u8, _body);
        _logoutSent = true;
        _state = ProtocolState.LogoutSent;
        _closeDeadline = _time.GetTimestamp() + Ticks(timeout);
    }

    /// <summary>The connection's loop has ended: tells the application (once per logon) and frees the session.</summary>
    public void OnConnectionClosed(IFixConnection connection)
    {
        if (!ReferenceEquals(connection, _connection))
        {
            return;
        }

        OnBatchEnd();
        var loggedOn = _applicationLoggedOn;
        var graceful = _graceful;
        _applicationLoggedOn = false;
        _state = ProtocolState.Idle;
        _connection = null;
        _queue.Clear();
        _session.MarkLoggedOut(connection);
        if (loggedOn)
        {
            Interlocked.Increment(ref _session.Counters.Disconnects);
            FixLog.Disconnected(_logger, SessionId, connection.Remote, graceful);
            try
            {
                _application.OnDisconnect(_session, graceful);
            }
#pragma warning disable CA1031 // An application failure must not keep the session bound.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                FixLog.ApplicationFailed(_logger, exception, SessionId, "OnDisconnect");
            }
        }

        // Last: only now may another connection log on, so OnDisconnect never follows the next OnLogon.
        _session.Unbind(connection);
    }

    /// <summary>The message with the expected MsgSeqNum.</summary>
    private void Process(FixMessage message, long sequence)
    {
        var msgType = message.MsgType;
        Consume(sequence);
        if (IsYes(message, FixTags.PossDupFlag) && !message.Has(FixTags.OrigSendingTime))
        {
            Reject(message, sequence, FixSessionRejectReason.RequiredTagMissing, FixTags.OrigSendingTime, "OrigSendingTime is required when PossDupFlag=Y");
            return;
        }

        var problem = message.Problem;
        if (problem.Exists)
        {
            Reject(message, sequence, problem.Reason, problem.Tag, problem.Reason == FixSessionRejectReason.InvalidTagNumber
                ? "Invalid tag number" : "Tag specified without a value");
            return;
        }

        if (!message.TryGet(FixTags.SendingTime, out var sendingTime))
        {
            Reject(message, sequence, FixSessionRejectReason.RequiredTagMissing, FixTags.SendingTime, "SendingTime is required");
            return;
        }

        if (!FixTimestamp.TryParse(sendingTime, out _))
        {
            Reject(message, sequence, FixSessionRejectReason.IncorrectDataFormat, FixTags.SendingTime, "SendingTime is not a UTCTimestamp");
            return;
        }

        if (!SessionMessageTypes.IsWellFormed(msgType))
        {
            Reject(message, sequence, FixSessionRejectReason.InvalidMsgType, FixTags.MsgType, "Invalid MsgType");
            return;
        }

        if (!SessionMessageTypes.IsSessionLevel(msgType))
        {
            DeliverApplicationMessage(message, sequence);
            return;
        }

        switch (msgType[0])
        {
            case (byte)'0':
                break;
            case (byte)'1':
                OnTestRequest(message, sequence);
                break;
            case (byte)'2':
                OnResendRequest(message, sequence);
                break;
            case (byte)'3':
                FixLog.RejectReceived(_logger, SessionId, sequence);
                break;
            case (byte)'4':
                OnGapFill(message, sequence);
                break;
            case (byte)'5':
                OnLogout();
                break;
            case (byte)'A':
                LogoutAndClose("Logon received on a logged-on session");
                break;
        }
    }

    private void DeliverApplicationMessage(FixMessage message, long sequence)
    {
        if (_throttle is not null && !_throttle.TryTake(_time.GetTimestamp()))
        {
            Interlocked.Increment(ref _session.Counters.Throttled);
            FixLog.Throttled(_logger, SessionId, sequence);
            BusinessReject(message, sequence, FixBusinessRejectReason.ThrottleLimitExceeded,
                $"Throttle limit exceeded: {_session.Settings.ThrottleMessagesPerSecond} messages/s");
            return;
        }

        try
        {
            _application.OnMessage(_session, message);
        }
#pragma warning disable CA1031 // The application's failure is logged; the message stays consumed and the session goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            FixLog.ApplicationFailed(_logger, exception, SessionId, "OnMessage");
        }
    }

    /// <summary>Ahead of the expected MsgSeqNum: keep it and ask for the gap (a ResendRequest or Logout is acted on at once).</summary>
    private void OnTooHigh(FixMessage message, long sequence)
    {
        var msgType = message.MsgType;
        if (msgType.SequenceEqual("2"u8))
        {
            // Answer the client's ResendRequest before asking for ours; the client gap-fills it later.
            OnResendRequest(message, sequence);
        }
        else if (msgType.SequenceEqual("5"u8))
        {
            OnLogout();
            return;
        }
        else if (!_queue.TryAdd(sequence, message.Raw))
        {
            FixLog.QueueFull(_logger, SessionId, sequence);
        }

        RequestResend(sequence);
    }

    /// <summary>Behind the expected MsgSeqNum: a PossDup duplicate is ignored; anything else ends the session.</summary>
    private void OnTooLow(FixMessage message, long sequence)
    {
        if (!IsYes(message, FixTags.PossDupFlag))
        {
            FixLog.SequenceTooLow(_logger, SessionId, _nextTargetSeqNum, sequence);
            LogoutAndClose($"MsgSeqNum too low, expecting {_nextTargetSeqNum} but received {sequence}");
            return;
        }

        if (message.TryGetTimestamp(FixTags.OrigSendingTime, out var original)
            && message.TryGetTimestamp(FixTags.SendingTime, out var sent) && original > sent)
        {
            Reject(message, sequence, FixSessionRejectReason.SendingTimeAccuracyProblem, FixTags.OrigSendingTime, "OrigSendingTime is after SendingTime");
            LogoutAndClose("SendingTime accuracy problem");
        }
    }

    /// <summary>Processes queued messages that are now in sequence.</summary>
    private void DrainQueue()
    {
        while (_state is ProtocolState.LoggedOn or ProtocolState.LogoutSent && _queue.TryTake(_nextTargetSeqNum, out var raw))
        {
            if (FixParser.TryParse(raw, _replayed, out _) != FixParseStatus.Complete)
            {
                continue;
            }

            Process(_replayed, _nextTargetSeqNum);
        }

        if (_resendUpTo != 0 && _nextTargetSeqNum > _resendUpTo)
        {
            FixLog.GapFilled(_logger, SessionId, _nextTargetSeqNum);
            _resendUpTo = 0;
        }
    }

    private void Consume(long sequence) => Volatile.Write(ref _nextTargetSeqNum, sequence + 1);

    private void SetNextTarget(long next) => Volatile.Write(ref _nextTargetSeqNum, next);

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private static bool IsYes(FixMessage message, int tag) => message.TryGetChar(tag, out var value) && value == 'Y';
}
