namespace Matcher.Projections;

/// <summary>A projector's figures at one moment, for <c>/metrics</c>.</summary>
/// <param name="Name">The projector's name.</param>
/// <param name="AppliedSequence">The last journal sequence committed to Postgres.</param>
/// <param name="JournalLastSequence">The last journal sequence the projector has seen (read, or found at the end of the journal's last segment).</param>
/// <param name="LagSequences">Journal records not yet committed: <c>JournalLastSequence − AppliedSequence</c>, at least 0.</param>
/// <param name="LagSeconds">How old the oldest known uncommitted command is (its journal timestamp against now); 0 when caught up.</param>
/// <param name="EventsWritten">Core events turned into committed batches since start.</param>
/// <param name="CommandsWritten">Commands in committed batches since start.</param>
/// <param name="Batches">Committed batches (transactions) since start.</param>
/// <param name="FailedWrites">Writes that failed and were retried.</param>
/// <param name="LastError">The last write failure's message, or null.</param>
public sealed record ProjectorStatus(
    string Name,
    long AppliedSequence,
    long JournalLastSequence,
    long LagSequences,
    double LagSeconds,
    long EventsWritten,
    long CommandsWritten,
    long Batches,
    long FailedWrites,
    string? LastError);
