namespace Matcher.Projections;

/// <summary>Where a <see cref="Projector"/> reads from, where it writes to, and how it batches and retries.</summary>
public sealed record ProjectorOptions
{
    /// <summary>The journal directory the projector follows (it only reads it).</summary>
    public required string JournalDirectory { get; init; }

    /// <summary>The Npgsql connection string of the projection database.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The projector's name: the key of its row in <c>projector_position</c>.</summary>
    public string Name { get; init; } = "default";

    /// <summary>
    /// A snapshot directory (<c>SnapshotStore</c>) to start the replica from: the newest valid
    /// snapshot at or before the stored position, then replay. Null: replay from the start.
    /// </summary>
    public string? SnapshotDirectory { get; init; }

    /// <summary>The most commands written in one transaction.</summary>
    public int MaxBatchCommands { get; init; } = 4096;

    /// <summary>How long to wait before polling the journal again when it has nothing new.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The first wait after a failed write; it doubles on each failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between retries while Postgres is unavailable.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sizes the replica's order indexes (<c>new MatchingEngine(expectedOrders)</c>).</summary>
    public int ExpectedOrders { get; init; } = 1 << 16;
}
