using System.Globalization;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Session;

/// <summary>Admin messages, rejects and logout.</summary>
internal sealed partial class SessionProtocol
{
    private void OnTestRequest(FixMessage message, long sequence)
    {
        if (!message.TryGet(FixTags.TestReqID, out var testReqId))
        {
            Reject(message, sequence, FixSessionRejectReason.RequiredTagMissing, FixTags.TestReqID, "TestReqID is required");
            return;
        }

        _body.Clear();
        _body.Add(FixTags.TestReqID, testReqId);
        Send("0"u8, _body);
    }

    private void OnResendRequest(FixMessage message, long sequence)
    {
        if (!TryGetSeqNum(message, sequence, FixTags.BeginSeqNo, out var begin) || !TryGetSeqNum(message, sequence, FixTags.EndSeqNo, out var end))
        {
            return;
        }

        if (begin < 1 || (end != 0 && end < begin))
        {
            Reject(message, sequence, FixSessionRejectReason.ValueIsIncorrect, begin < 1 ? FixTags.BeginSeqNo : FixTags.EndSeqNo, "Invalid resend range");
            return;
        }

        if (_connection is not null && _session.StageResend(begin, end, _connection))
        {
            Interlocked.Increment(ref _session.Counters.ResendRequestsServed);
            FixLog.ResendServed(_logger, SessionId, begin, end);
        }
        else
        {
            FixLog.ResendNothing(_logger, SessionId, begin, end);
        }
    }

    /// <summary>SequenceReset-GapFill in sequence: the next expected MsgSeqNum becomes NewSeqNo.</summary>
    private void OnGapFill(FixMessage message, long sequence)
    {
        if (!TryGetSeqNum(message, sequence, FixTags.NewSeqNo, out var newSeqNo))
        {
            return;
        }

        if (newSeqNo <= sequence)
        {
            Reject(message, sequence, FixSessionRejectReason.ValueIsIncorrect, FixTags.NewSeqNo,
                string.Create(CultureInfo.InvariantCulture, $"Attempt to lower sequence number, invalid value NewSeqNo={newSeqNo}"));
            return;
        }

        SetNextTarget(newSeqNo);
    }

    /// <summary>SequenceReset-Reset: NewSeqNo becomes the next expected MsgSeqNum; it may not go down.</summary>
    private void OnSequenceReset(FixMessage message, long sequence)
    {
        if (!TryGetSeqNum(message, sequence, FixTags.NewSeqNo, out var newSeqNo))
        {
            return;
        }

        if (newSeqNo > _nextTargetSeqNum)
        {
            FixLog.SequenceReset(_logger, SessionId, _nextTargetSeqNum, newSeqNo);
            SetNextTarget(newSeqNo);
        }
        else if (newSeqNo < _nextTargetSeqNum)
        {
            Reject(message, sequence, FixSessionRejectReason.ValueIsIncorrect, FixTags.NewSeqNo,
                string.Create(CultureInfo.InvariantCulture, $"Attempt to lower sequence number, invalid value NewSeqNo={newSeqNo}"));
        }
    }

    private void OnLogout()
    {
        if (!_logoutSent)
        {
            _body.Clear();
            Send("5"u8, _body);
            _logoutSent = true;
        }

        _graceful = true;
        if (_connection is not null)
        {
            CloseAfterStaged(_connection);
        }
    }

    /// <summary>Asks for the messages from the expected MsgSeqNum on (EndSeqNo 0), unless a request is already out.</summary>
    private void RequestResend(long received)
    {
        if (_resendUpTo != 0)
        {
            _resendUpTo = Math.Max(_resendUpTo, received);
            return;
        }

        _resendUpTo = received;
        _body.Clear();
        _body.Add(FixTags.BeginSeqNo, _nextTargetSeqNum).Add(FixTags.EndSeqNo, 0L);
        Send("2"u8, _body);
        FixLog.ResendRequested(_logger, SessionId, _nextTargetSeqNum, received);
    }

    /// <summary>SenderCompID and TargetCompID must be the session's; otherwise Reject (CompID problem) and Logout.</summary>
    private bool CheckCompIds(FixMessage message, long sequence)
    {
        var senderOk = message.TryGet(FixTags.SenderCompID, out var sender) && sender.SequenceEqual(_session.TargetCompIdBytes);
        if (senderOk && message.TryGet(FixTags.TargetCompID, out var target) && target.SequenceEqual(_session.SenderCompIdBytes))
        {
            return true;
        }

        Reject(message, sequence, FixSessionRejectReason.CompIdProblem, senderOk ? FixTags.TargetCompID : FixTags.SenderCompID, "CompID problem");
        LogoutAndClose("CompID problem");
        return false;
    }

    /// <summary>A readable SendingTime must be within the allowed skew; otherwise Reject (SendingTime accuracy) and Logout.</summary>
    private bool CheckSendingTimeAccuracy(FixMessage message, long sequence)
    {
        if (!message.TryGetTimestamp(FixTags.SendingTime, out var sendingTimeNs) || IsWithinSkew(sendingTimeNs))
        {
            return true;
        }

        Reject(message, sequence, FixSessionRejectReason.SendingTimeAccuracyProblem, FixTags.SendingTime, "SendingTime accuracy problem");
        LogoutAndClose("SendingTime accuracy problem");
        return false;
    }

    private bool IsWithinSkew(long sendingTimeNs)
    {
        var skewNs = Math.Abs(FixSession.UnixTimeNs(_time) - sendingTimeNs);
        return skewNs <= _session.Settings.MaxSendingTimeSkew.Ticks * 100;
    }

    /// <summary>A sequence-number field: false (after a Reject) when it is missing or not an integer.</summary>
    private bool TryGetSeqNum(FixMessage message, long sequence, int tag, out long value)
    {
        if (message.TryGet(tag, out var text))
        {
            if (FixMessage.TryParseLong(text, out value) && value >= 0)
            {
                return true;
            }

            Reject(message, sequence, FixSessionRejectReason.IncorrectDataFormat, tag, "Incorrect data format for value");
            return false;
        }

        value = 0;
        Reject(message, sequence, FixSessionRejectReason.RequiredTagMissing, tag, "Required tag missing");
        return false;
    }

    /// <summary>Sends a session Reject (35=3) of <paramref name="message"/>.</summary>
    private void Reject(FixMessage message, long sequence, FixSessionRejectReason reason, int refTag, string text)
    {
        FixLog.SessionReject(_logger, SessionId, sequence, (int)reason, refTag, text);
        Interlocked.Increment(ref _session.Counters.SessionRejects);
        if (_connection is not null)
        {
            StageFor(_connection, "3"u8, RejectBody(message, sequence, reason, refTag, text));
        }
    }

    private ReadOnlySpan<byte> RejectBody(FixMessage message, long sequence, FixSessionRejectReason reason, int refTag, string text)
    {
        _body.Clear();
        _body.Add(FixTags.RefSeqNum, sequence);
        if (refTag > 0)
        {
            _body.Add(FixTags.RefTagID, refTag);
        }

        if (SessionMessageTypes.IsWellFormed(message.MsgType))
        {
            _body.Add(FixTags.RefMsgType, message.MsgType);
        }

        _body.Add(FixTags.SessionRejectReason, (long)reason).Add(FixTags.Text, text);
        return _body.Written;
    }

    /// <summary>A BusinessMessageReject (35=j) of an application message, from the session layer.</summary>
    private void BusinessReject(FixMessage message, long sequence, FixBusinessRejectReason reason, string text)
    {
        Interlocked.Increment(ref _session.Counters.BusinessRejects);
        _body.Clear();
        _body.Add(FixTags.RefSeqNum, sequence).Add(FixTags.RefMsgType, message.MsgType);
        if (TryGetBusinessId(message, out var id))
        {
            _body.Add(FixTags.BusinessRejectRefID, id);
        }

        _body.Add(FixTags.BusinessRejectReason, (long)reason).Add(FixTags.Text, text);
        Send("j"u8, _body);
    }

    /// <summary>The business-level id of a message for BusinessRejectRefID: ClOrdID, MDReqID, SecurityReqID or MassStatusReqID.</summary>
    private static bool TryGetBusinessId(FixMessage message, out ReadOnlySpan<byte> id) =>
        message.TryGet(FixTags.ClOrdID, out id) || message.TryGet(FixTags.MDReqID, out id)
        || message.TryGet(FixTags.SecurityReqID, out id) || message.TryGet(FixTags.MassStatusReqID, out id);

    /// <summary>Logout with <paramref name="text"/>, then close: for errors that end the session.</summary>
    private void LogoutAndClose(string text)
    {
        if (_connection is null)
        {
            return;
        }

        FixLog.LoggingOut(_logger, SessionId, text);
        _body.Clear();
        _body.Add(FixTags.Text, text);
        Send("5"u8, _body);
        _logoutSent = true;
        CloseAfterStaged(_connection);
    }

    /// <summary>Closes <paramref name="connection"/> once what is staged for it is sent; gives the peer a moment to read it.</summary>
    private void CloseAfterStaged(IFixConnection connection)
    {
        _session.StageClose(connection);
        _session.MarkLoggedOut(connection);
        _state = ProtocolState.Closing;
        _closeDeadline = _time.GetTimestamp() + Ticks(TimeSpan.FromMilliseconds(CloseLingerMilliseconds));
    }

    /// <summary>Sends to the current connection.</summary>
    private void Send(ReadOnlySpan<byte> msgType, FixBodyWriter body)
    {
        if (_connection is not null)
        {
            StageFor(_connection, msgType, body.Written);
        }
    }

    private void StageFor(IFixConnection connection, ReadOnlySpan<byte> msgType, ReadOnlySpan<byte> body) =>
        _session.Stage(msgType, body, connection.Id);
}
