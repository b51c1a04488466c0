using System.Globalization;
using Matcher.Core;
using Matcher.Journal;

namespace Matcher.Cli.Tests;

public sealed class ReplayVerbTests
{
    private const int Count = 1_200;

    [TestCase(false)]
    [TestCase(true)]
    public void Replay_WholeJournal_PrintsTheHashOfProcessingTheCommandsDirectly(bool progress)
    {
        using var journal = new TestJournal();
        var commands = JournalCommands.Stream(Count);
        journal.Write(commands);
        var expected = JournalCommands.DirectHash(commands);

        var run = progress
            ? CliRun.Of("replay", "--journal", journal.Path, "--progress")
            : CliRun.Of("replay", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Field("state hash"), Is.EqualTo(expected.ToString("x16", CultureInfo.InvariantCulture)));
            Assert.That(run.Field("commands"), Is.EqualTo("1200"));
            Assert.That(run.Field("sequences"), Is.EqualTo("1 to 1200"));
            Assert.That(run.Field("snapshot"), Is.EqualTo("none (from an empty core)"));
            Assert.That(run.Field("commands/s"), Does.Match("^[0-9]+$"));
            Assert.That(run.Field("events"), Does.Match(@"^[0-9]+ \(trades [1-9][0-9]*, rejected [0-9]+\)$"), "the stream trades");
        });
    }

    [Test]
    public void Replay_SnapshotPlusTheRest_EqualsFullReplay()
    {
        using var journal = new TestJournal();
        var commands = JournalCommands.Stream(Count, seed: 3);
        journal.Write(commands);
        var snapshot = journal.File("at-450.snapshot");
        WriteSnapshot(JournalCommands.Process(new MatchingEngine(), commands.Take(450)), snapshot);

        var full = CliRun.Of("replay", "--journal", journal.Path);
        var fromSnapshot = CliRun.Of("replay", "--journal", journal.Path, "--snapshot", snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(fromSnapshot.ExitCode, Is.EqualTo(ExitCodes.Success), fromSnapshot.ToString());
            Assert.That(fromSnapshot.Field("state hash"), Is.EqualTo(full.Field("state hash")));
            Assert.That(fromSnapshot.Field("state hash"), Is.EqualTo(JournalCommands.DirectHash(commands).ToString("x16", CultureInfo.InvariantCulture)));
            Assert.That(fromSnapshot.Field("commands"), Is.EqualTo("750"));
            Assert.That(fromSnapshot.Field("sequences"), Is.EqualTo("451 to 1200"));
            Assert.That(fromSnapshot.Field("snapshot"), Is.EqualTo($"{snapshot} (sequence 450)"));
        });
    }

    [Test]
    public void Replay_WriteSnapshot_WritesTheReplayedStateThatAFurtherReplayContinues()
    {
        using var journal = new TestJournal();
        var commands = JournalCommands.Stream(Count, seed: 5);
        journal.Write(commands.Take(700).ToList());
        var snapshot = journal.File("out.snapshot");

        var first = CliRun.Of("replay", "--journal", journal.Path, "--write-snapshot", snapshot);
        journal.Write(commands.Skip(700).ToList(), lastSequence: 700);
        var rest = CliRun.Of("replay", "--journal", journal.Path, "--snapshot", snapshot);
        using var stream = File.OpenRead(snapshot);
        var loaded = MatchingEngine.LoadSnapshot(stream);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString());
            Assert.That(first.Field("wrote"), Is.EqualTo($"{snapshot} (sequence 700)"));
            Assert.That(loaded.LastSequence, Is.EqualTo(700));
            Assert.That(loaded.ComputeStateHash().ToString("x16", CultureInfo.InvariantCulture), Is.EqualTo(first.Field("state hash")));
            Assert.That(rest.Field("commands"), Is.EqualTo("500"));
            Assert.That(rest.Field("state hash"), Is.EqualTo(JournalCommands.DirectHash(commands).ToString("x16", CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void Replay_JournalThatDoesNotContinueTheCore_FailsNamingTheMissingRecords()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(50, firstSequence: 101), lastSequence: 100);

        var run = CliRun.Of("replay", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Output, Is.Empty);
            Assert.That(run.Error, Does.StartWith("matcher replay: the journal's first record after sequence 0 is 101"));
            Assert.That(run.Error, Does.Contain("records 1 to 100 are missing"));
        });
    }

    [Test]
    public void Replay_TornTail_ReplaysTheGoodRecordsAndSaysSo()
    {
        using var journal = new TestJournal();
        var commands = JournalCommands.Stream(250);
        journal.Write(commands);
        TestJournal.CutTail(journal.SegmentPaths()[^1], 7);

        var run = CliRun.Of("replay", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Field("commands"), Is.EqualTo("249"));
            Assert.That(run.Field("state hash"), Is.EqualTo(JournalCommands.DirectHash(commands.Take(249)).ToString("x16", CultureInfo.InvariantCulture)));
            Assert.That(run.Error, Does.StartWith("matcher replay: ended at a torn tail in "));
        });
    }

    [Test]
    public void Replay_CorruptionBeforeTheEnd_StopsThereAndFails()
    {
        using var journal = new TestJournal();
        var commands = JournalCommands.Stream(250);
        journal.Write(commands);
        var segment = journal.SegmentPaths()[1];
        TestJournal.FlipByte(segment, (9L * JournalRecord.RecordSize) + 200);
        var snapshot = journal.File("never.snapshot");

        var run = CliRun.Of("replay", "--journal", journal.Path, "--write-snapshot", snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Corrupt), run.ToString());
            Assert.That(run.Field("commands"), Is.EqualTo("109"));
            Assert.That(run.Error, Does.StartWith($"matcher replay: stopped at corrupt record in {segment} at offset {9L * JournalRecord.RecordSize}"));
            Assert.That(File.Exists(snapshot), Is.False, "no snapshot of a partial replay");
        });
    }

    [Test]
    public void Replay_SnapshotPastTheJournalsEnd_ReplaysNothingAndSaysSo()
    {
        using var journal = new TestJournal();
        var commands = JournalCommands.Stream(700);
        journal.Write(commands.Take(500).ToList());
        var snapshot = journal.File("at-700.snapshot");
        var engine = JournalCommands.Process(new MatchingEngine(), commands);
        WriteSnapshot(engine, snapshot);

        var run = CliRun.Of("replay", "--journal", journal.Path, "--snapshot", snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Field("commands"), Is.EqualTo("0"));
            Assert.That(run.Field("state hash"), Is.EqualTo(engine.ComputeStateHash().ToString("x16", CultureInfo.InvariantCulture)));
            Assert.That(run.Error, Does.StartWith("matcher replay: the journal ends at sequence 500, before the snapshot's 700"));
        });
    }

    [Test]
    public void Replay_BadSnapshot_IsAUsageError()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(20));
        var snapshot = journal.File("bad.snapshot");
        File.WriteAllBytes(snapshot, new byte[64]);

        var run = CliRun.Of("replay", "--journal", journal.Path, "--snapshot", snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Error, Is.EqualTo($"matcher replay: snapshot {snapshot}: not a Matcher snapshot (bad magic)\n"));
        });
    }

    private static void WriteSnapshot(MatchingEngine engine, string path)
    {
        using var stream = File.Create(path);
        engine.WriteSnapshot(stream);
    }
}
