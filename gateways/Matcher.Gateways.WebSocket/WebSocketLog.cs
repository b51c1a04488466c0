using Matcher.Protocol;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.WebSocket;

/// <summary>The gateway's log messages. Secrets and signatures are never logged.</summary>
internal static partial class WebSocketLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket connection {ConnectionId} opened")]
    public static partial void Opened(ILogger logger, int connectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket connection {ConnectionId} logged in for account {AccountId}")]
    public static partial void LoggedIn(ILogger logger, int connectionId, long accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebSocket connection {ConnectionId}: login refused ({Reason})")]
    public static partial void LoginRefused(ILogger logger, int connectionId, RejectCode reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebSocket connection {ConnectionId} closed")]
    public static partial void Closed(ILogger logger, int connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebSocket connection {ConnectionId} closing: {Reason} ({Text})")]
    public static partial void Closing(ILogger logger, int connectionId, RejectCode reason, string text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket connection {ConnectionId}: receive ended: {Message}")]
    public static partial void ReceiveEnded(ILogger logger, int connectionId, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket connection {ConnectionId}: send ended: {Message}")]
    public static partial void SendEnded(ILogger logger, int connectionId, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "WebSocket connection {ConnectionId}: cancel-on-disconnect could not be published (server stopping); the orders are cancelled at the next start")]
    public static partial void CancelOnDisconnectRefused(ILogger logger, int connectionId);
}
