using Matcher.Core;

namespace Matcher.Journal;

/// <summary>What start-up rebuilt, and how.</summary>
/// <param name="Engine">The core, at the journal's last good record.</param>
/// <param name="Recovery">What journal recovery found (and truncated).</param>
/// <param name="SnapshotPath">The snapshot it started from, or null for a full replay.</param>
/// <param name="Replayed">Journal records replayed after the snapshot.</param>
/// <param name="Warnings">Snapshots refused (damaged, or ahead of the journal), each with why.</param>
public sealed record StartupResult(MatchingEngine Engine, RecoveryReport Recovery, string? SnapshotPath, long Replayed, IReadOnlyList<string> Warnings);
