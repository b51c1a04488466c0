using Microsoft.Extensions.Logging;

namespace Matcher.Projections;

/// <summary>The projector's log events (source-generated). Never a connection string: it may hold a password.</summary>
internal static partial class ProjectorLog
{
    [LoggerMessage(1, LogLevel.Information, "projector {Name}: schema at version {Version}, {Applied} migrations applied")]
    public static partial void Migrated(ILogger logger, string name, int version, int applied);

    [LoggerMessage(2, LogLevel.Information, "projector {Name}: stored position {Position}; replica rebuilt from {Snapshot} plus {Replayed} commands")]
    public static partial void Started(ILogger logger, string name, long position, string snapshot, long replayed);

    [LoggerMessage(3, LogLevel.Warning, "projector {Name}: snapshot refused: {Warning}")]
    public static partial void SnapshotWarning(ILogger logger, string name, string warning);

    [LoggerMessage(4, LogLevel.Warning, "projector {Name}: Postgres unavailable ({Error}); batch {First}..{Last} kept, retry {Attempt} in {DelayMs} ms")]
    public static partial void WriteFailed(ILogger logger, string name, string error, long first, long last, int attempt, long delayMs);

    [LoggerMessage(5, LogLevel.Information, "projector {Name}: Postgres is back after {Attempts} failed attempts; position {Position}")]
    public static partial void Recovered(ILogger logger, string name, int attempts, long position);

    [LoggerMessage(6, LogLevel.Warning, "projector {Name}: batch {First}..{Last} was already committed (its commit's acknowledgement was lost); not written again")]
    public static partial void AlreadyCommitted(ILogger logger, string name, long first, long last);

    [LoggerMessage(7, LogLevel.Error, "projector {Name}: stopped at position {Position}")]
    public static partial void Failed(ILogger logger, Exception exception, string name, long position);

    [LoggerMessage(8, LogLevel.Warning, "projector {Name}: Postgres unavailable at start ({Error}); retry {Attempt} in {DelayMs} ms")]
    public static partial void StartFailed(ILogger logger, string name, string error, int attempt, long delayMs);

    [LoggerMessage(9, LogLevel.Information, "projection tables dropped for a rebuild (projector {Name})")]
    public static partial void Dropped(ILogger logger, string name);
}
