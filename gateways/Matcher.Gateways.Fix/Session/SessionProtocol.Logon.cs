using System.Globalization;
using Matcher.Core.Pipeline;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Session;

/// <summary>Logon: the first message of a connection bound to this session.</summary>
internal sealed partial class SessionProtocol
{
    /// <summary>
    /// Checks a Logon on <paramref name="connection"/> (already bound) and answers it: a Logon response, or a
    /// Logout with the reason and the close of the connection. True when logged on.
    /// </summary>
    public bool TryLogon(IFixConnection connection, FixMessage logon)
    {
        var settings = _session.Settings;
        _connection = connection;
        _state = ProtocolState.LoggingOn;
        _queue.Clear();
        _resendUpTo = 0;
        _logoutSent = _graceful = _testRequestPending = false;
        _lastReceived = _time.GetTimestamp();
        Interlocked.Increment(ref _session.Counters.MessagesIn);
        if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Trace))
        {
            FixLog.Inbound(_logger, SessionId, FixLogFormat.Masked(logon.Raw));
        }

        if (!logon.TryGetLong(FixTags.MsgSeqNum, out var sequence) || sequence < 1)
        {
            return RefuseLogon(connection, "MsgSeqNum missing or invalid");
        }

        if (logon.Problem.Exists)
        {
            return RefuseLogon(connection, "Malformed field in Logon");
        }

        if (!logon.TryGetLong(FixTags.EncryptMethod, out var encryptMethod) || encryptMethod != 0)
        {
            return RefuseLogon(connection, "EncryptMethod must be 0");
        }

        if (!logon.TryGetLong(FixTags.HeartBtInt, out var heartBtInt)
            || heartBtInt < settings.MinHeartBtInt || heartBtInt > settings.MaxHeartBtInt)
        {
            return RefuseLogon(connection, string.Create(CultureInfo.InvariantCulture,
                $"HeartBtInt must be between {settings.MinHeartBtInt} and {settings.MaxHeartBtInt}"));
        }

        if (!logon.TryGetTimestamp(FixTags.SendingTime, out var sendingTimeNs))
        {
            return RefuseLogon(connection, "SendingTime missing or invalid");
        }

        if (!IsWithinSkew(sendingTimeNs))
        {
            StageFor(connection, "3"u8, RejectBody(logon, sequence, FixSessionRejectReason.SendingTimeAccuracyProblem, FixTags.SendingTime, "SendingTime accuracy problem"));
            Interlocked.Increment(ref _session.Counters.SessionRejects);
            return RefuseLogon(connection, "SendingTime accuracy problem");
        }

        if (!CredentialsMatch(logon))
        {
            FixLog.BadCredentials(_logger, SessionId, connection.Remote);
            return RefuseLogon(connection, "Invalid username or password");
        }

        var reset = IsYes(logon, FixTags.ResetSeqNumFlag);
        if (reset)
        {
            if (sequence != 1)
            {
                return RefuseLogon(connection, "ResetSeqNumFlag=Y needs MsgSeqNum=1");
            }

            SetNextTarget(1);
            _storedTargetSeqNum = 1; // what the new, empty store says
        }
        else if (sequence < _nextTargetSeqNum)
        {
            FixLog.SequenceTooLow(_logger, SessionId, _nextTargetSeqNum, sequence);
            return RefuseLogon(connection, string.Create(CultureInfo.InvariantCulture,
                $"MsgSeqNum too low, expecting {_nextTargetSeqNum} but received {sequence}"));
        }

        _heartBtIntTicks = heartBtInt * _time.TimestampFrequency;
        _throttle = settings.ThrottleMessagesPerSecond > 0
            ? new TokenBucket(settings.ThrottleMessagesPerSecond, settings.ThrottleMessagesPerSecond, _time.TimestampFrequency, _time.GetTimestamp())
            : null;
        _body.Clear();
        _body.Add(FixTags.EncryptMethod, 0L).Add(FixTags.HeartBtInt, heartBtInt);
        if (reset)
        {
            _body.Add(FixTags.ResetSeqNumFlag, (byte)'Y');
        }

        _session.StageLogonResponse(connection, _body.Written, reset);
        _state = ProtocolState.LoggedOn;
        Interlocked.Increment(ref _session.Counters.Logons);
        FixLog.LoggedOn(_logger, SessionId, connection.Remote, heartBtInt, reset);
        if (sequence > _nextTargetSeqNum)
        {
            RequestResend(sequence);
        }
        else
        {
            Consume(sequence);
        }

        _applicationLoggedOn = true;
        try
        {
            _application.OnLogon(_session);
        }
#pragma warning disable CA1031 // The application's failure is logged; the session stays logged on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            FixLog.ApplicationFailed(_logger, exception, SessionId, "OnLogon");
        }

        return true;
    }

    private bool CredentialsMatch(FixMessage logon)
    {
        var settings = _session.Settings;
        if (settings.Username is { } username
            && (!logon.TryGet(FixTags.Username, out var given) || !System.Text.Ascii.Equals(given, username)))
        {
            return false;
        }

        return settings.PasswordHash is not { } hash
            || (logon.TryGet(FixTags.Password, out var password) && FixPasswordHash.Verify(hash, password));
    }

    /// <summary>Answers a refused Logon with Logout (the reason in Text) and closes the connection.</summary>
    private bool RefuseLogon(IFixConnection connection, string reason)
    {
        FixLog.LogonRefused(_logger, SessionId, connection.Remote, reason);
        _body.Clear();
        _body.Add(FixTags.Text, reason);
        StageFor(connection, "5"u8, _body.Written);
        _logoutSent = true;
        CloseAfterStaged(connection);
        return false;
    }
}
