using Matcher.Core;

namespace Matcher.Journal;

/// <summary>
/// Start-up: recover the journal, load the newest snapshot that is valid, and replay the
/// records after it. A snapshot that fails its check falls back to an older one, and
/// with none left to a full replay; each refusal is a warning in the result.
/// </summary>
public static class JournalStartup
{
    /// <summary>Rebuilds the core from <paramref name="journalDirectory"/> and the snapshots in <paramref name="snapshots"/>.</summary>
    /// <exception cref="JournalCorruptException">The journal is damaged other than at its tail.</exception>
    public static StartupResult Recover(string journalDirectory, SnapshotStore snapshots, int expectedOrders = 1 << 16)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var recovery = JournalRecovery.Recover(journalDirectory);
        if (recovery.Records == 0 && snapshots.List().Count > 0)
        {
            throw new InvalidOperationException(
                $"the journal in {journalDirectory} is empty but {snapshots.Directory} holds snapshots: refusing to start an empty exchange (wrong directory?)");
        }

        var warnings = new List<string>();
        snapshots.SetAsideNewerThan(recovery.LastSequence, warnings);
        var (engine, snapshotPath) = snapshots.LoadNewest(recovery.LastSequence, warnings, expectedOrders);
        var sink = new DiscardingEventSink();
        long replayed = 0;
        foreach (var command in JournalReader.Read(journalDirectory, engine.LastSequence + 1))
        {
            if (command.Sequence != engine.LastSequence + 1)
            {
                throw new InvalidDataException(
                    $"the journal does not continue the state at sequence {engine.LastSequence}: its next record is {command.Sequence}");
            }

            var copy = command;
            engine.Process(ref copy, sink);
            replayed++;
        }

        if (engine.LastSequence != recovery.LastSequence)
        {
            throw new InvalidDataException(
                $"replay ended at sequence {engine.LastSequence}, but the journal's last record is {recovery.LastSequence}");
        }

        return new StartupResult(engine, recovery, snapshotPath, replayed, warnings);
    }
}
