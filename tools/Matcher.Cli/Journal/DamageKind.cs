namespace Matcher.Cli.Journal;

/// <summary>What is wrong at some place in a journal, as start-up recovery would judge it.</summary>
internal enum DamageKind
{
    /// <summary>
    /// A bad or incomplete record at the end of the last segment with no good record after
    /// it: a write cut short by a crash. Recovery truncates it; it was never acknowledged.
    /// </summary>
    TornTail,

    /// <summary>
    /// Bytes that are not a good record (bad magic, version, length or checksum, or cut
    /// short) before the journal's end. Recovery refuses the journal.
    /// </summary>
    CorruptRecord,

    /// <summary>
    /// Good records whose sequences do not follow on (a gap or a repeat, within a segment
    /// or between segments). Recovery refuses the journal.
    /// </summary>
    SequenceBreak,
}
