using Microsoft.Extensions.Logging;

namespace Matcher.Server;

/// <summary>The server's log events (source-generated).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(201, LogLevel.Warning, "Recovery: {Warning}")]
    public static partial void RecoveryWarning(ILogger logger, string warning);

    [LoggerMessage(202, LogLevel.Information, "Recovered {Records} journal records up to sequence {Sequence} (snapshot {Snapshot}, {Replayed} replayed); {Orders} open orders")]
    public static partial void Recovered(ILogger logger, long records, long sequence, string snapshot, long replayed, int orders);

    [LoggerMessage(203, LogLevel.Information, "Published {Count} start-up commands (setup on an empty journal, cancel-on-disconnect sweep)")]
    public static partial void StartupCommands(ILogger logger, int count);

    [LoggerMessage(204, LogLevel.Error, "Shutdown: {Count} ring entries were not drained within {Timeout}")]
    public static partial void NotDrained(ILogger logger, long count, TimeSpan timeout);

    [LoggerMessage(206, LogLevel.Error, "Shutdown: the {Stage} stage failed")]
    public static partial void StopStageFailed(ILogger logger, string stage, Exception exception);

    [LoggerMessage(207, LogLevel.Warning, "The order-book page is off: {WebRoot} does not exist (run ./run.sh, or npm run build in web/orderbook)")]
    public static partial void NoWebRoot(ILogger logger, string webRoot);

    [LoggerMessage(205, LogLevel.Information, "Stopped at journal sequence {Sequence}")]
    public static partial void Stopped(ILogger logger, long sequence);
}
