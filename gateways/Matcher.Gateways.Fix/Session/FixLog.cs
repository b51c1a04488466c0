using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Fix.Session;

/// <summary>The FIX engine's log events (source-generated: no boxing, no formatting unless enabled). Never a password.</summary>
internal static partial class FixLog
{
    [LoggerMessage(1, LogLevel.Information, "FIX acceptor listening on {EndPoint} for {Sessions} sessions")]
    public static partial void Listening(ILogger logger, string endPoint, int sessions);

    [LoggerMessage(2, LogLevel.Information, "FIX session {SessionId}: store {Path} opened, next sender {NextSender}, next target {NextTarget}, torn tail of {TruncatedBytes} bytes cut")]
    public static partial void StoreOpened(ILogger logger, int sessionId, string path, long nextSender, long nextTarget, long truncatedBytes);

    [LoggerMessage(3, LogLevel.Debug, "FIX connection {ConnectionId} from {Remote} accepted")]
    public static partial void Accepted(ILogger logger, long connectionId, string remote);

    [LoggerMessage(4, LogLevel.Information, "FIX connection {ConnectionId} from {Remote} closed: {Reason}")]
    public static partial void Closed(ILogger logger, long connectionId, string remote, string reason);

    [LoggerMessage(5, LogLevel.Warning, "FIX connection from {Remote}: first message is {MsgType}, not Logon; disconnecting")]
    public static partial void FirstMessageNotLogon(ILogger logger, string remote, string msgType);

    [LoggerMessage(6, LogLevel.Warning, "FIX connection from {Remote}: Logon for unknown SenderCompID {SenderCompId} / TargetCompID {TargetCompId}; disconnecting without a response")]
    public static partial void UnknownCompIds(ILogger logger, string remote, string senderCompId, string targetCompId);

    [LoggerMessage(7, LogLevel.Warning, "FIX connection from {Remote}: session {SessionId} is already connected; disconnecting without a response")]
    public static partial void SessionBusy(ILogger logger, string remote, int sessionId);

    [LoggerMessage(8, LogLevel.Warning, "FIX session {SessionId}: Logon from {Remote} refused: {Reason}")]
    public static partial void LogonRefused(ILogger logger, int sessionId, string remote, string reason);

    [LoggerMessage(9, LogLevel.Warning, "FIX session {SessionId}: bad credentials from {Remote}")]
    public static partial void BadCredentials(ILogger logger, int sessionId, string remote);

    [LoggerMessage(10, LogLevel.Information, "FIX session {SessionId}: logged on from {Remote}, HeartBtInt {HeartBtInt}, reset {Reset}")]
    public static partial void LoggedOn(ILogger logger, int sessionId, string remote, long heartBtInt, bool reset);

    [LoggerMessage(11, LogLevel.Information, "FIX session {SessionId}: disconnected from {Remote}, graceful {Graceful}")]
    public static partial void Disconnected(ILogger logger, int sessionId, string remote, bool graceful);

    [LoggerMessage(12, LogLevel.Warning, "FIX session {SessionId}: garbled message ignored ({SkippedBytes} bytes skipped)")]
    public static partial void Garbled(ILogger logger, int sessionId, long skippedBytes);

    [LoggerMessage(13, LogLevel.Error, "FIX session {SessionId}: MsgSeqNum too low, expecting {Expected} but received {Received}")]
    public static partial void SequenceTooLow(ILogger logger, int sessionId, long expected, long received);

    [LoggerMessage(14, LogLevel.Information, "FIX session {SessionId}: gap from {Expected}, received {Received}; ResendRequest sent")]
    public static partial void ResendRequested(ILogger logger, int sessionId, long expected, long received);

    [LoggerMessage(15, LogLevel.Information, "FIX session {SessionId}: gap filled, next expected {Expected}")]
    public static partial void GapFilled(ILogger logger, int sessionId, long expected);

    [LoggerMessage(16, LogLevel.Information, "FIX session {SessionId}: resending {Begin} to {End}")]
    public static partial void ResendServed(ILogger logger, int sessionId, long begin, long end);

    [LoggerMessage(17, LogLevel.Warning, "FIX session {SessionId}: ResendRequest {Begin} to {End} asks for nothing we sent")]
    public static partial void ResendNothing(ILogger logger, int sessionId, long begin, long end);

    [LoggerMessage(18, LogLevel.Warning, "FIX session {SessionId}: stored message {MsgSeqNum} missing or unreadable; gap-filled")]
    public static partial void ResendMissing(ILogger logger, int sessionId, long msgSeqNum);

    [LoggerMessage(19, LogLevel.Warning, "FIX session {SessionId}: Reject of {RefSeqNum}, reason {Reason}, tag {RefTagId}: {Text}")]
    public static partial void SessionReject(ILogger logger, int sessionId, long refSeqNum, int reason, int refTagId, string text);

    [LoggerMessage(20, LogLevel.Information, "FIX session {SessionId}: Reject {MsgSeqNum} received")]
    public static partial void RejectReceived(ILogger logger, int sessionId, long msgSeqNum);

    [LoggerMessage(21, LogLevel.Debug, "FIX session {SessionId}: message {MsgSeqNum} throttled")]
    public static partial void Throttled(ILogger logger, int sessionId, long msgSeqNum);

    [LoggerMessage(22, LogLevel.Warning, "FIX session {SessionId}: no message for HeartBtInt after a TestRequest; disconnecting")]
    public static partial void HeartbeatTimeout(ILogger logger, int sessionId);

    [LoggerMessage(23, LogLevel.Warning, "FIX session {SessionId}: logging out: {Text}")]
    public static partial void LoggingOut(ILogger logger, int sessionId, string text);

    [LoggerMessage(24, LogLevel.Information, "FIX session {SessionId}: SequenceReset from {Expected} to {NewSeqNo}")]
    public static partial void SequenceReset(ILogger logger, int sessionId, long expected, long newSeqNo);

    [LoggerMessage(25, LogLevel.Warning, "FIX session {SessionId}: message {MsgSeqNum} ahead of a gap not kept (queue full); the resend brings it")]
    public static partial void QueueFull(ILogger logger, int sessionId, long msgSeqNum);

    [LoggerMessage(26, LogLevel.Error, "FIX session {SessionId}: the application failed in {Callback}")]
    public static partial void ApplicationFailed(ILogger logger, Exception exception, int sessionId, string callback);

    [LoggerMessage(27, LogLevel.Critical, "FIX session {SessionId}: the message store failed; the connection is dropped")]
    public static partial void StoreFailed(ILogger logger, Exception exception, int sessionId);

    [LoggerMessage(28, LogLevel.Warning, "FIX session {SessionId}: Send after the acceptor stopped; message dropped (further ones silently)")]
    public static partial void SendAfterStop(ILogger logger, int sessionId);

    [LoggerMessage(29, LogLevel.Trace, "FIX session {SessionId} in: {Message}")]
    public static partial void Inbound(ILogger logger, int sessionId, string message);

    [LoggerMessage(30, LogLevel.Error, "FIX connection {ConnectionId} from {Remote} failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, long connectionId, string remote);

    [LoggerMessage(31, LogLevel.Error, "FIX acceptor: accept failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(32, LogLevel.Warning, "FIX connection from {Remote}: garbled data before Logon ignored ({SkippedBytes} bytes)")]
    public static partial void GarbledBeforeLogon(ILogger logger, string remote, long skippedBytes);
}
