using System.Security.Cryptography;
using Matcher.Journal;

namespace Matcher.Cli.Tests;

public sealed class JournalVerifyTests
{
    private const int Count = 350;

    [Test]
    public void Verify_GoodJournal_ReportsItsExtentAndSucceeds()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(Count));

        var run = CliRun.Of("journal", "verify", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Field("segments"), Is.EqualTo("4"));
            Assert.That(run.Field("records"), Is.EqualTo("350"));
            Assert.That(run.Field("sequences"), Is.EqualTo("1 to 350"));
            Assert.That(run.Fields("damage"), Is.Empty);
            Assert.That(run.Field("result"), Is.EqualTo("ok"));
        });
    }

    [Test]
    public void Verify_JournalStartingAfterOne_IsGood()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(150, firstSequence: 1_001), lastSequence: 1_000);

        var run = CliRun.Of("journal", "verify", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Field("sequences"), Is.EqualTo("1001 to 1150"));
        });
    }

    [Test]
    public void Verify_FlippedByteInTheMiddle_ReportsCorruptionWithFileAndOffset()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(Count));
        var segment = journal.SegmentPaths()[1];
        var offset = 57L * JournalRecord.RecordSize;
        TestJournal.FlipByte(segment, offset + 100);

        var run = CliRun.Of("journal", "verify", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Corrupt), run.ToString());
            Assert.That(run.Fields("damage"), Is.EqualTo(new[]
            {
                $"corrupt record in {segment} at offset {offset}: checksum mismatch; {JournalRecord.RecordSize} bytes unreadable "
                    + $"before the next good record, at offset {offset + JournalRecord.RecordSize} with sequence 159 (expected 158)",
            }));
            Assert.That(run.Field("result"), Does.StartWith("CORRUPT: damage before the end of the journal"));
            Assert.That(run.Field("records"), Is.EqualTo("349"), "the scan resumes after the damage");
        });
    }

    [Test]
    public void Verify_FlippedByteInTheMiddle_AgreesWithStartUpRecovery()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(Count));
        var segment = journal.SegmentPaths()[2];
        TestJournal.FlipByte(segment, (3L * JournalRecord.RecordSize) + 2);

        var run = CliRun.Of("journal", "verify", "--journal", journal.Path);
        var refused = Assert.Throws<JournalCorruptException>(() => JournalRecovery.Recover(journal.Path))!;

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Corrupt));
            Assert.That(run.Field("damage"), Does.StartWith($"corrupt record in {refused.Path} at offset {refused.Offset}: bad magic"));
        });
    }

    [Test]
    public void Verify_TruncatedLastRecord_ReportsATornTailDistinctly()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(Count));
        var last = journal.SegmentPaths()[^1];
        TestJournal.CutTail(last, 100);
        var offset = 49L * JournalRecord.RecordSize;

        var run = CliRun.Of("journal", "verify", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.TornTail), run.ToString());
            Assert.That(run.Fields("damage"), Is.EqualTo(new[]
            {
                $"torn tail in {last} at offset {offset}: incomplete record ({JournalRecord.RecordSize - 100} of {JournalRecord.RecordSize} bytes); "
                    + $"{JournalRecord.RecordSize - 100} bytes to the end of the last segment, with no good record after them",
            }));
            Assert.That(run.Field("result"), Does.StartWith($"torn tail: start-up recovery would cut {JournalRecord.RecordSize - 100} bytes off {last} at offset {offset}"));
            Assert.That(run.Output, Does.Not.Contain("CORRUPT"));
            Assert.That(run.Field("sequences"), Is.EqualTo("1 to 349"));
        });
    }

    [Test]
    public void Verify_TornTail_ChangesNothingWhereRecoveryWouldTruncateAtTheSameOffset()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(Count));
        var last = journal.SegmentPaths()[^1];
        TestJournal.FlipByte(last, (49L * JournalRecord.RecordSize) + 40);
        var before = SHA256.HashData(File.ReadAllBytes(last));

        var run = CliRun.Of("journal", "verify", "--journal", journal.Path);
        var after = SHA256.HashData(File.ReadAllBytes(last));
        var report = JournalRecovery.Recover(journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.TornTail), run.ToString());
            Assert.That(after, Is.EqualTo(before), "verify left the segment as it was");
            Assert.That(run.Field("damage"), Does.StartWith($"torn tail in {report.TruncatedPath} at offset {report.TruncatedAtOffset}: checksum mismatch"));
            Assert.That(new FileInfo(last).Length, Is.EqualTo(report.TruncatedAtOffset), "recovery, by contrast, truncates");
        });
    }

    [Test]
    public void Verify_DamageInAnEarlierSegmentsLastRecord_IsCorruptionNotATornTail()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(Count));
        var first = journal.SegmentPaths()[0];
        TestJournal.CutTail(first, 10);

        var run = CliRun.Of("journal", "verify", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Corrupt), run.ToString());
            Assert.That(run.Fields("damage"), Has.Count.EqualTo(2));
            Assert.That(run.Fields("damage")[0], Does.StartWith($"corrupt record in {first} at offset {99L * JournalRecord.RecordSize}: incomplete record"));
            Assert.That(run.Fields("damage")[0], Does.EndWith("to the end of the segment, which is not the last"));
            Assert.That(run.Fields("damage")[1], Does.StartWith($"sequence break in {journal.SegmentPaths()[1]} at offset 0: the segment starts at sequence 101, but the previous segment ends at 99"));
        });
    }

    [Test]
    public void Verify_MissingSegment_ReportsASequenceBreak()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(Count));
        var segments = journal.SegmentPaths();
        File.Delete(segments[1]);

        var run = CliRun.Of("journal", "verify", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Corrupt), run.ToString());
            Assert.That(run.Fields("damage"), Is.EqualTo(new[]
            {
                $"sequence break in {segments[2]} at offset 0: the segment starts at sequence 201, but the previous segment ends at 100",
            }));
        });
    }

    [Test]
    public void Verify_EmptyDirectory_HasNoRecordsAndNoDamage()
    {
        using var journal = new TestJournal();

        var run = CliRun.Of("journal", "verify", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Field("records"), Is.EqualTo("0"));
            Assert.That(run.Field("sequences"), Is.EqualTo("none"));
        });
    }

    [Test]
    public void Verify_NoSuchDirectory_IsAUsageError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "matcher-cli-no-such-journal-" + Guid.NewGuid().ToString("N"));

        var run = CliRun.Of("journal", "verify", "--journal", missing);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Error, Is.EqualTo($"matcher journal verify: no journal directory '{missing}'\n"));
        });
    }
}
