namespace Matcher.Journal;

/// <summary>Where and how the journal writes.</summary>
public sealed record JournalOptions
{
    /// <summary>The directory of segment files.</summary>
    public required string Directory { get; init; }

    /// <summary>A segment rolls over once it reaches this size (at a record boundary).</summary>
    public long SegmentBytes { get; init; } = 64L << 20;

    /// <summary>When a batch is made durable.</summary>
    public Durability Durability { get; init; } = Durability.FsyncPerBatch;

    /// <summary>The longest time between fsyncs under <see cref="Durability.FsyncInterval"/>.</summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Bytes buffered before a write to the file, even within a batch.</summary>
    public int BufferBytes { get; init; } = 1 << 20;
}
