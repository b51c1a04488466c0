using System.Diagnostics;
using Matcher.Core.Commands;

namespace Matcher.Journal.Tests;

public class JournalTailReaderTests
{
    /// <summary>Long enough never to be reached when things work; a failure then says what was missing.</summary>
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(10);

    private static int RecordSize => JournalRecord.RecordSize;

    /// <summary>Appends <paramref name="commands"/> (consecutive sequences) in batches and closes the writer.</summary>
    private static void Write(JournalOptions options, List<Command> commands, int batch = 7)
    {
        using var writer = new JournalWriter(options, commands[0].Sequence - 1);
        for (var i = 0; i < commands.Count; i++)
        {
            var copy = commands[i];
            writer.Append(ref copy);
            if ((i + 1) % batch == 0)
            {
                writer.Commit();
            }
        }

        writer.Commit();
    }

    /// <summary>Everything the reader has now, without waiting.</summary>
    private static List<Command> ReadAvailable(JournalTailReader reader)
    {
        var commands = new List<Command>();
        while (reader.TryRead(out var command))
        {
            commands.Add(command);
        }

        return commands;
    }

    /// <summary>
    /// Polls past <see cref="JournalTailReader.FullScanPolls"/>: a next segment with an
    /// unexpected name is found by the periodic directory listing, not by the per-poll check.
    /// </summary>
    private static void PollUntilThrown(JournalTailReader reader)
    {
        for (var poll = 0; poll < 3 * JournalTailReader.FullScanPolls; poll++)
        {
            Assert.That(reader.TryRead(out _), Is.False, "no record past the damage");
        }
    }

    private static byte[] RecordBytes(Command command)
    {
        var bytes = new byte[RecordSize];
        JournalRecord.Write(ref command, bytes);
        return bytes;
    }

    /// <summary>Appends raw bytes as a writer would, while readers hold the file open.</summary>
    private static void Append(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        file.Write(bytes);
    }

    [TestCase(Durability.None, 3_000)]
    [TestCase(Durability.FsyncPerBatch, 400)]
    public void TryRead_WriterRollingSegmentsOnAnotherThread_ReadsEveryCommandOnceInOrder(Durability durability, int count)
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(count);
        var options = journal.Options(segmentBytes: 20 * RecordSize, durability) with { BufferBytes = 3 * RecordSize };
        using var reader = new JournalTailReader(journal.Path, 1);
        Assert.That(reader.TryRead(out _), Is.False, "nothing written yet");

        var writing = Task.Run(() =>
        {
            var random = new Random(7);
            using var writer = new JournalWriter(options, 0);
            for (var i = 0; i < commands.Count;)
            {
                for (var end = Math.Min(commands.Count, i + random.Next(1, 30)); i < end; i++)
                {
                    var copy = commands[i];
                    writer.Append(ref copy);
                }

                writer.Commit();
                if (random.Next(4) == 0)
                {
                    Thread.Yield();
                }
            }
        });

        // Polls without sleeping, so that the reader meets the writer mid-write and mid-roll.
        var read = new List<Command>(count);
        var progressed = Stopwatch.GetTimestamp();
        while (read.Count < count)
        {
            if (reader.TryRead(out var command))
            {
                read.Add(command);
                progressed = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(progressed) > _patience)
            {
                Assert.Fail($"no command after {read.Count} of {count} within {_patience}; writer status {writing.Status}: {writing.Exception}");
            }
        }

        Assert.That(writing.Wait(_patience), Is.True, "the writer finished");
        Assert.That(reader.TryRead(out _), Is.False, "nothing more than was written");
        Assert.That(read.Select(c => c.Sequence), Is.EqualTo(Enumerable.Range(1, count).Select(i => (long)i)), "each once, in order");
        Assert.That(read, Is.EqualTo(commands));
        Assert.That(Segments.List(journal.Path), Has.Count.EqualTo((count + 19) / 20), "the reader crossed every roll");
        Assert.That(reader.SegmentPath, Is.EqualTo(Segments.List(journal.Path)[^1].Path));
    }

    [Test]
    public void TryRead_WriterRolledToAnEmptySegment_ReturnsFalseUntilItIsWritten()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(21);
        using var writer = new JournalWriter(journal.Options(segmentBytes: 20 * RecordSize, Durability.None), 0);
        for (var i = 0; i < 21; i++)
        {
            var copy = commands[i];
            writer.Append(ref copy);
        }

        // Appending the 21st record rolled: the first segment is complete, the second exists
        // and is empty, and the record is still in the writer's buffer.
        Assert.That(Segments.List(journal.Path).Select(s => new FileInfo(s.Path).Length), Is.EqualTo(new[] { 20L * RecordSize, 0L }));
        using var reader = new JournalTailReader(journal.Path, 1);
        var polling = Task.Run(() => (Read: ReadAvailable(reader), More: reader.TryRead(out _)));
        Assert.That(polling.Wait(_patience), Is.True, "polls at an empty segment return");
        Assert.That(polling.Result.Read, Is.EqualTo(commands[..20]));
        Assert.That(polling.Result.More, Is.False);
        Assert.That(reader.SegmentPath, Is.EqualTo(Segments.List(journal.Path)[1].Path));

        writer.Commit();
        Assert.That(reader.TryRead(out var command), Is.True);
        Assert.That(command, Is.EqualTo(commands[20]));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(100)]
    [TestCase(101)]
    [TestCase(150)]
    [TestCase(300)]
    public void TryRead_StartSequence_ReturnsFromThatSequenceOn(int start)
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(300);
        Write(journal.Options(segmentBytes: 100 * RecordSize, Durability.None), commands);
        Assert.That(Segments.List(journal.Path), Has.Count.EqualTo(3));

        using var reader = new JournalTailReader(journal.Path, start);
        Assert.That(ReadAvailable(reader), Is.EqualTo(commands.Skip(start - 1)));
        Assert.That(reader.NextSequence, Is.EqualTo(301));
    }

    [Test]
    public void TryRead_StartBeyondTheEnd_ReturnsFromThatSequenceOnceWritten()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(300);
        var options = journal.Options(segmentBytes: 100 * RecordSize, Durability.None);
        Write(options, commands[..150]);

        using var reader = new JournalTailReader(journal.Path, 250);
        Assert.That(reader.TryRead(out _), Is.False, "sequence 250 is not written yet");
        Write(options, commands[150..]);

        Assert.That(ReadAvailable(reader), Is.EqualTo(commands[249..]));
    }

    [TestCase(1)]
    [TestCase(20)]
    [TestCase(32)]
    [TestCase(33)]
    [TestCase(200)]
    [TestCase(323)]
    public void TryRead_TornRecordAtTheTail_IsReturnedOnlyOnceComplete(int writtenFirst)
    {
        Assert.That(writtenFirst, Is.LessThan(RecordSize), "a part of one record");
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(11);
        Write(journal.Options(durability: Durability.None), commands[..10]);
        var path = Segments.List(journal.Path)[0].Path;
        using var reader = new JournalTailReader(journal.Path, 1);
        Assert.That(ReadAvailable(reader), Is.EqualTo(commands[..10]));

        var record = RecordBytes(commands[10]);
        Append(path, record.AsSpan(0, writtenFirst));
        for (var poll = 0; poll < 3; poll++)
        {
            Assert.That(reader.TryRead(out _), Is.False, "half a record is not a record");
        }

        Assert.That(reader.NextSequence, Is.EqualTo(11));
        Append(path, record.AsSpan(writtenFirst));

        Assert.That(reader.TryRead(out var command), Is.True, "the completed record");
        Assert.That(command, Is.EqualTo(commands[10]));
        Assert.That(reader.TryRead(out _), Is.False);
    }

    [Test]
    public void TryRead_DamagedRecordAtTheTail_IsNotYetAvailableAndTheRewrittenRecordIsReturned()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(11);
        Write(journal.Options(durability: Durability.None), commands[..10]);
        var path = Segments.List(journal.Path)[0].Path;
        using var reader = new JournalTailReader(journal.Path, 1);
        Assert.That(ReadAvailable(reader), Has.Count.EqualTo(10));

        var damaged = RecordBytes(commands[10]);
        damaged[100] ^= 0x01;
        Append(path, damaged);
        Assert.That(reader.TryRead(out _), Is.False, "a damaged last record may be a write in progress");
        Assert.That(reader.TryRead(out _), Is.False);

        // What recovery and a restarted writer do: cut the torn tail, write the record again.
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.SetLength(10L * RecordSize);
        }

        Append(path, RecordBytes(commands[10]));
        Assert.That(reader.TryRead(out var command), Is.True);
        Assert.That(command, Is.EqualTo(commands[10]));
    }

    [Test]
    public void TryRead_CorruptRecordWithDataAfterIt_ThrowsWithFileAndOffset()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(50);
        Write(journal.Options(durability: Durability.None), commands);
        var path = Segments.List(journal.Path)[0].Path;
        var bytes = File.ReadAllBytes(path);
        var offset = 20L * RecordSize;
        bytes[offset + 100] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        using var reader = new JournalTailReader(journal.Path, 1);
        for (var i = 0; i < 20; i++)
        {
            Assert.That(reader.TryRead(out var command), Is.True);
            Assert.That(command.Sequence, Is.EqualTo(i + 1));
        }

        var error = Assert.Throws<JournalCorruptException>(() => reader.TryRead(out _))!;
        Assert.That((error.Path, error.Offset), Is.EqualTo((path, offset)));
        Assert.That(Assert.Throws<JournalCorruptException>(() => reader.TryRead(out _))!.Offset, Is.EqualTo(offset), "never skipped");
    }

    [Test]
    public void TryRead_DamagedTailThenMoreData_Throws()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(12);
        Write(journal.Options(durability: Durability.None), commands[..10]);
        var path = Segments.List(journal.Path)[0].Path;
        using var reader = new JournalTailReader(journal.Path, 1);
        Assert.That(ReadAvailable(reader), Has.Count.EqualTo(10));

        var damaged = RecordBytes(commands[10]);
        damaged[^1] ^= 0x01;
        Append(path, damaged);
        Assert.That(reader.TryRead(out _), Is.False, "maybe a write in progress");

        Append(path, RecordBytes(commands[11]));
        var error = Assert.Throws<JournalCorruptException>(() => reader.TryRead(out _))!;
        Assert.That((error.Path, error.Offset), Is.EqualTo((path, 10L * RecordSize)));
    }

    [Test]
    public void TryRead_FinishedSegmentEndingInAPartialRecord_Throws()
    {
        using var journal = new TempJournal();
        Write(journal.Options(segmentBytes: 30 * RecordSize, Durability.None), SampleCommands.Stream(100));
        var first = Segments.List(journal.Path)[0].Path;
        using (var file = new FileStream(first, FileMode.Open))
        {
            file.SetLength(file.Length - 3);
        }

        using var reader = new JournalTailReader(journal.Path, 1);
        Assert.That(ReadAvailable(reader), Has.Count.EqualTo(29), "the whole records");
        var error = Assert.Throws<JournalCorruptException>(() => PollUntilThrown(reader))!;
        Assert.That((error.Path, error.Offset), Is.EqualTo((first, 29L * RecordSize)));
        Assert.That(reader.NextSequence, Is.EqualTo(30), "nothing skipped");
    }

    [Test]
    public void TryRead_NextSegmentOutOfSequence_Throws()
    {
        using var journal = new TempJournal();
        Write(journal.Options(segmentBytes: 50 * RecordSize, Durability.None), SampleCommands.Stream(100));
        var second = Segments.List(journal.Path)[1].Path;
        var misnamed = Path.Combine(journal.Path, Segments.FileName(61));
        File.Move(second, misnamed);

        using var reader = new JournalTailReader(journal.Path, 1);
        Assert.That(ReadAvailable(reader), Has.Count.EqualTo(50));
        var error = Assert.Throws<JournalCorruptException>(() => PollUntilThrown(reader))!;
        Assert.That((error.Path, error.Offset), Is.EqualTo((misnamed, 0L)));
    }

    [Test]
    public void TryRead_JournalStartingAfterTheStartSequence_Throws()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(110)[100..];
        Write(journal.Options(durability: Durability.None), commands);

        using var early = new JournalTailReader(journal.Path, 1);
        Assert.That(() => early.TryRead(out _), Throws.TypeOf<JournalCorruptException>(), "sequences 1-100 are not in the journal");
        using var late = new JournalTailReader(journal.Path, 105);
        Assert.That(ReadAvailable(late), Is.EqualTo(commands[4..]));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void TryRead_NoJournalYet_ReturnsFalseThenPicksUpRecords(bool directoryExists)
    {
        using var journal = new TempJournal();
        var directory = directoryExists ? journal.Path : Path.Combine(journal.Path, "later");
        using var reader = new JournalTailReader(directory, 1);
        Assert.That(reader.TryRead(out _), Is.False);
        Assert.That(reader.TryRead(out _), Is.False);
        Assert.That(reader.SegmentPath, Is.Null);

        var commands = SampleCommands.Stream(5);
        Write(new JournalOptions { Directory = directory, Durability = Durability.None }, commands);

        Assert.That(ReadAvailable(reader), Is.EqualTo(commands));
        Assert.That(reader.TryRead(out _), Is.False);
    }

    [Test]
    public void TryRead_WithTimeout_ReturnsARecordWrittenWhileWaiting()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(3);
        using var reader = new JournalTailReader(journal.Path, 1);
        Assert.That(reader.TryRead(out _, TimeSpan.FromMilliseconds(20)), Is.False, "nothing written");

        var writing = Task.Run(() =>
        {
            Thread.Sleep(20);
            Write(journal.Options(durability: Durability.None), commands);
        });
        Assert.That(reader.TryRead(out var command, _patience), Is.True, $"a record within {_patience}");
        Assert.That(command, Is.EqualTo(commands[0]));
        Assert.That(writing.Wait(_patience), Is.True, "the writer finished");
    }

    [Test]
    public void TryRead_WithTimeoutCancelled_Throws()
    {
        using var journal = new TempJournal();
        using var reader = new JournalTailReader(journal.Path, 1);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.That(() => reader.TryRead(out _, Timeout.InfiniteTimeSpan, cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void TryRead_AfterWarmUp_AllocatesNothing()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(2_000);
        Write(journal.Options(durability: Durability.None), commands);
        using var reader = new JournalTailReader(journal.Path, 1);
        for (var i = 0; i < 100; i++)
        {
            reader.TryRead(out _);
        }

        long sum = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_800; i++)
        {
            reader.TryRead(out var command);
            sum += command.Sequence;
        }

        var readingBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(sum, Is.EqualTo(Enumerable.Range(101, 1_800).Sum(i => (long)i)), "the records were read");

        while (reader.TryRead(out _))
        {
        }

        before = GC.GetAllocatedBytesForCurrentThread();
        var found = 0;
        for (var poll = 0; poll < 100; poll++)
        {
            found += reader.TryRead(out _) ? 1 : 0;
        }

        var pollingBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(found, Is.Zero);
        Assert.That((readingBytes, pollingBytes), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public void TryRead_AfterDispose_Throws()
    {
        using var journal = new TempJournal();
        var reader = new JournalTailReader(journal.Path, 1);
        reader.Dispose();
        Assert.That(() => reader.TryRead(out _), Throws.TypeOf<ObjectDisposedException>());
    }
}
