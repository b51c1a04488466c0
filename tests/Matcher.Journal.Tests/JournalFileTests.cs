using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Journal.Tests;

public class JournalFileTests
{
    private static void WriteAll(JournalOptions options, IEnumerable<Command> commands, int batch = 7)
    {
        var report = JournalRecovery.Recover(options.Directory);
        using var writer = new JournalWriter(options, report.LastSequence);
        var inBatch = 0;
        foreach (var command in commands)
        {
            var copy = command;
            writer.Append(ref copy);
            if (++inBatch == batch)
            {
                Assert.That(writer.Commit(), Is.EqualTo(copy.Sequence), "a committed batch is durable under the policy");
                inBatch = 0;
            }
        }

        writer.Commit();
    }

    private static ulong Replay(IEnumerable<Command> commands)
    {
        var engine = new MatchingEngine();
        var sink = new EventListSink();
        foreach (var command in commands)
        {
            var copy = command;
            engine.Process(ref copy, sink);
        }

        return engine.ComputeStateHash();
    }

    [TestCase(Durability.FsyncPerBatch)]
    [TestCase(Durability.FsyncInterval)]
    [TestCase(Durability.None)]
    public void WriteThenRead_AcrossSegmentRolls_GivesEveryCommandInOrder(Durability durability)
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(2_000);
        WriteAll(journal.Options(segmentBytes: 50 * JournalRecord.RecordSize, durability), commands);

        Assert.That(Segments.List(journal.Path), Has.Count.EqualTo(40));
        Assert.That(JournalReader.Read(journal.Path), Is.EqualTo(commands));
        Assert.That(JournalReader.Read(journal.Path, fromSequence: 1_234).First().Sequence, Is.EqualTo(1_234));
        Assert.That(Replay(JournalReader.Read(journal.Path)), Is.EqualTo(Replay(commands)));
    }

    [Test]
    public void Reopen_AfterRecovery_ContinuesTheSequence()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(600);
        var options = journal.Options(segmentBytes: 64 * JournalRecord.RecordSize);
        WriteAll(options, commands.Take(250));
        WriteAll(options, commands.Skip(250));
        Assert.That(JournalReader.Read(journal.Path), Is.EqualTo(commands));
        Assert.That(JournalRecovery.Recover(journal.Path), Is.EqualTo(new RecoveryReport(600, 600, null, 0, 0)));
    }

    [Test]
    public void DirectorySync_ExistingDirectorySyncs_MissingOneThrows()
    {
        using var journal = new TempJournal();
        Assert.DoesNotThrow(() => DirectorySync.Fsync(journal.Path));
        Assert.Throws<IOException>(() => DirectorySync.Fsync(Path.Combine(journal.Path, "missing")));
    }

    [Test]
    public void SecondWriterOrRecovery_OnALiveJournal_IsRefused()
    {
        using var journal = new TempJournal();
        using var writer = new JournalWriter(journal.Options(), 0);
        Assert.Throws<InvalidOperationException>(() => new JournalWriter(journal.Options(), 0).Dispose());
        Assert.Throws<InvalidOperationException>(() => JournalRecovery.Recover(journal.Path));
    }

    [Test]
    public void Append_OutOfSequence_Throws()
    {
        using var journal = new TempJournal();
        using var writer = new JournalWriter(journal.Options(), 0);
        var command = SampleCommands.Stream(5)[3];
        Assert.Throws<InvalidOperationException>(() => writer.Append(ref command));
    }

    [Test]
    public void Recover_TornTail_IsTruncatedToTheLastGoodRecord()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(300);
        WriteAll(journal.Options(segmentBytes: 100 * JournalRecord.RecordSize), commands);
        var last = Segments.List(journal.Path)[^1].Path;
        var random = new Random(3);
        for (var round = 0; round < 20; round++)
        {
            var length = new FileInfo(last).Length;
            var cut = random.NextInt64(length - JournalRecord.RecordSize, length);
            using (var file = new FileStream(last, FileMode.Open))
            {
                file.SetLength(cut);
            }

            var report = JournalRecovery.Recover(journal.Path);
            var kept = JournalReader.Read(journal.Path).ToList();
            Assert.That(report.LastSequence, Is.EqualTo(kept[^1].Sequence));
            Assert.That(kept, Is.EqualTo(commands.Take(kept.Count)));
            Assert.That(new FileInfo(last).Length % JournalRecord.RecordSize, Is.Zero, "cut at a record boundary");
            if (cut % JournalRecord.RecordSize != 0)
            {
                Assert.That(report.TruncatedBytes, Is.EqualTo(cut % JournalRecord.RecordSize));
            }
        }
    }

    [Test]
    public void Recover_CorruptLastRecord_IsTruncatedAndReported()
    {
        using var journal = new TempJournal();
        WriteAll(journal.Options(), SampleCommands.Stream(100));
        var last = Segments.List(journal.Path)[^1].Path;
        var bytes = File.ReadAllBytes(last);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(last, bytes);

        var report = JournalRecovery.Recover(journal.Path);
        Assert.That(report.LastSequence, Is.EqualTo(99));
        Assert.That((report.TruncatedPath, report.TruncatedAtOffset, report.TruncatedBytes),
            Is.EqualTo((last, 99L * JournalRecord.RecordSize, (long)JournalRecord.RecordSize)));
    }

    [Test]
    public void Recover_AnotherFormatVersion_IsRefusedAndNeverTruncated([Values(0, 50, 99)] int firstOld)
    {
        // A journal written by another version of Matcher (here: every record from firstOld on)
        // is not a torn tail: cutting it off would erase the exchange.
        using var journal = new TempJournal();
        WriteAll(journal.Options(), SampleCommands.Stream(100));
        var last = Segments.List(journal.Path)[^1].Path;
        var bytes = File.ReadAllBytes(last);
        for (var record = firstOld; record < 100; record++)
        {
            bytes[(record * JournalRecord.RecordSize) + 4] = 1;
        }

        File.WriteAllBytes(last, bytes);

        var error = Assert.Throws<JournalCorruptException>(() => JournalRecovery.Recover(journal.Path))!;
        Assert.That(error.Message, Does.Contain("format version 1").And.Contain("another version of Matcher"));
        Assert.That(error.Offset, Is.EqualTo((long)firstOld * JournalRecord.RecordSize));
        Assert.That(File.ReadAllBytes(last), Is.EqualTo(bytes), "nothing was truncated");
    }

    [Test]
    public void Recover_CorruptionInTheMiddle_StopsWithFileAndOffset()
    {
        using var journal = new TempJournal();
        WriteAll(journal.Options(), SampleCommands.Stream(100));
        var last = Segments.List(journal.Path)[^1].Path;
        var bytes = File.ReadAllBytes(last);
        var offset = 40L * JournalRecord.RecordSize;
        bytes[offset + 100] ^= 0x01;
        File.WriteAllBytes(last, bytes);

        var error = Assert.Throws<JournalCorruptException>(() => JournalRecovery.Recover(journal.Path))!;
        Assert.That((error.Path, error.Offset), Is.EqualTo((last, offset)));
        Assert.That(File.ReadAllBytes(last), Is.EqualTo(bytes), "nothing was truncated");
    }

    [Test]
    public void Recover_DamageInAnEarlierSegment_StopsEvenAtItsEnd()
    {
        using var journal = new TempJournal();
        WriteAll(journal.Options(segmentBytes: 30 * JournalRecord.RecordSize), SampleCommands.Stream(100));
        var first = Segments.List(journal.Path)[0].Path;
        using (var file = new FileStream(first, FileMode.Open))
        {
            file.SetLength(file.Length - 3);
        }

        Assert.That(Assert.Throws<JournalCorruptException>(() => JournalRecovery.Recover(journal.Path))!.Path, Is.EqualTo(first));
    }
}
