using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Journal.Tests;

public class JournalStartupTests
{
    private static void Journal(JournalOptions options, IEnumerable<Command> commands)
    {
        using var writer = new JournalWriter(options, JournalRecovery.Recover(options.Directory).LastSequence);
        foreach (var command in commands)
        {
            var copy = command;
            writer.Append(ref copy);
        }

        writer.Commit();
    }

    private static MatchingEngine Run(IEnumerable<Command> commands)
    {
        var engine = new MatchingEngine();
        var sink = new EventListSink();
        foreach (var command in commands)
        {
            var copy = command;
            engine.Process(ref copy, sink);
        }

        return engine;
    }

    [TestCase(1)]
    [TestCase(37)]
    [TestCase(500)]
    [TestCase(1_499)]
    [TestCase(1_500)]
    public void SnapshotPlusTail_EqualsFullReplay(int snapshotAt)
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(1_500);
        Journal(journal.Options(segmentBytes: 100 * JournalRecord.RecordSize), commands);
        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        store.Write(Run(commands.Take(snapshotAt)));

        var result = JournalStartup.Recover(journal.Path, store);

        Assert.That(result.SnapshotPath, Is.Not.Null);
        Assert.That(result.Replayed, Is.EqualTo(1_500 - snapshotAt));
        Assert.That(result.Warnings, Is.Empty);
        Assert.That(result.Engine.ComputeStateHash(), Is.EqualTo(Run(commands).ComputeStateHash()));
    }

    [Test]
    public void DamagedNewestSnapshot_FallsBackToAnOlderOneWithAWarning()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(1_000);
        Journal(journal.Options(), commands);
        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        store.Write(Run(commands.Take(300)));
        var newest = store.Write(Run(commands.Take(700)));
        var bytes = File.ReadAllBytes(newest);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(newest, bytes);

        var result = JournalStartup.Recover(journal.Path, store);

        Assert.That(result.Replayed, Is.EqualTo(700));
        Assert.That(result.Warnings.Single(), Does.Contain(newest));
        Assert.That(result.Engine.ComputeStateHash(), Is.EqualTo(Run(commands).ComputeStateHash()));
    }

    [Test]
    public void EmptyJournalWithSnapshots_RefusesToStartEmpty()
    {
        using var journal = new TempJournal();
        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        store.Write(Run(SampleCommands.Stream(50)));
        Assert.That(Assert.Throws<InvalidOperationException>(() => JournalStartup.Recover(journal.Path, store))!.Message, Does.Contain("empty"));
    }

    [Test]
    public void JournalNotContinuingTheSnapshot_IsRefused()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(1_100);
        using (var writer = new JournalWriter(journal.Options(), 1_000))
        {
            foreach (var command in commands.Skip(1_000))
            {
                var copy = command;
                writer.Append(ref copy);
            }

            writer.Commit();
        }

        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        store.Write(Run(commands.Take(500)));
        Assert.That(Assert.Throws<InvalidDataException>(() => JournalStartup.Recover(journal.Path, store))!.Message,
            Does.Contain("does not continue the state at sequence 500"));
    }

    [Test]
    public void SnapshotPastTheJournal_IsSetAsideSoItCannotReturn()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(300);
        Journal(journal.Options(), commands.Take(200));
        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        var ahead = store.Write(Run(commands.Take(250)));

        JournalStartup.Recover(journal.Path, store);
        Journal(journal.Options(), commands.Skip(200));

        Assert.That(File.Exists(ahead), Is.False);
        Assert.That(File.Exists(ahead + ".stale"), Is.True);
        Assert.That(JournalStartup.Recover(journal.Path, store).Engine.ComputeStateHash(), Is.EqualTo(Run(commands).ComputeStateHash()));
    }

    [Test]
    public void SnapshotWhoseNameDisagreesWithItsState_IsNotUsed()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(400);
        Journal(journal.Options(), commands);
        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        var written = store.Write(Run(commands.Take(300)));
        var misnamed = Path.Combine(store.Directory, "00000000000000000350" + SnapshotStore.Extension);
        File.Move(written, misnamed);

        var result = JournalStartup.Recover(journal.Path, store);

        Assert.That((result.SnapshotPath, result.Replayed), Is.EqualTo(((string?)null, 400L)));
        Assert.That(result.Warnings.Single(), Does.Contain("not 350"));
        Assert.That(result.Engine.ComputeStateHash(), Is.EqualTo(Run(commands).ComputeStateHash()));
    }

    [Test]
    public void NoUsableSnapshot_ReplaysEverything()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(400);
        Journal(journal.Options(), commands.Take(200));
        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        store.Write(Run(commands.Take(300)));

        var result = JournalStartup.Recover(journal.Path, store);

        Assert.That((result.SnapshotPath, result.Replayed), Is.EqualTo(((string?)null, 200L)));
        Assert.That(result.Warnings.Single(), Does.Contain("past the journal's last record"));
        Assert.That(result.Engine.ComputeStateHash(), Is.EqualTo(Run(commands.Take(200)).ComputeStateHash()));
    }
}
