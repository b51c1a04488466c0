using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Fix.Application;

/// <summary>The application layer's log events (source-generated).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(101, LogLevel.Error, "Cancel-on-disconnect for FIX session {SessionId} could not be published: the server is stopping or its ring is full; the next start cancels the orders")]
    public static partial void CancelOnDisconnectRefused(ILogger logger, int sessionId);
}
