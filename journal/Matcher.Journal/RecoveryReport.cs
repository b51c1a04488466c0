namespace Matcher.Journal;

/// <summary>What start-up found in the journal.</summary>
/// <param name="LastSequence">The last good record's sequence (0: the journal is empty).</param>
/// <param name="Records">Good records found.</param>
/// <param name="TruncatedPath">The segment whose damaged tail was cut off, or null.</param>
/// <param name="TruncatedAtOffset">Where it was cut.</param>
/// <param name="TruncatedBytes">How many bytes were dropped: never acknowledged, since no good record follows them.</param>
public sealed record RecoveryReport(long LastSequence, long Records, string? TruncatedPath, long TruncatedAtOffset, long TruncatedBytes);
