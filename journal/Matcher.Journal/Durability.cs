namespace Matcher.Journal;

/// <summary>When the journal makes a committed batch durable. Configuration, not persisted.</summary>
public enum Durability
{
    /// <summary>fsync after every batch before it is acknowledged (the default).</summary>
    FsyncPerBatch,

    /// <summary>
    /// fsync every batch, but at most once per <see cref="JournalOptions.FsyncInterval"/>: a
    /// batch that comes sooner waits, and larger batches gather meanwhile.
    /// </summary>
    FsyncInterval,

    /// <summary>Never fsync: the page cache only, like exchange-core. A machine crash can lose acknowledged commands.</summary>
    None,
}
