namespace Matcher.Journal;

/// <summary>When the journal makes a committed batch durable. Configuration, not persisted.</summary>
public enum Durability
{
    /// <summary>fsync after every batch before it is acknowledged (the default).</summary>
    FsyncPerBatch,

    /// <summary>fsync at most every <see cref="JournalOptions.FsyncInterval"/>; batches in between are acknowledged after the write.</summary>
    FsyncInterval,

    /// <summary>Never fsync: the page cache only, like exchange-core. A machine crash can lose acknowledged commands.</summary>
    None,
}
