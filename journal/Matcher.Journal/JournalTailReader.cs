using System.Diagnostics;
using Matcher.Core.Commands;
using Microsoft.Win32.SafeHandles;

namespace Matcher.Journal;

/// <summary>
/// Follows a journal as it grows, across segment rolls: each <see cref="TryRead(out Command)"/>
/// returns the next complete, checksum-valid record, or <see langword="false"/> if there is
/// none yet. For the projector and the hot standby, which read while the writer writes.
/// </summary>
/// <remarks>
/// <para>
/// Records are fixed-size and their sequences consecutive from the segment's name, so the
/// record at byte offset <c>o</c> of a segment that starts at sequence <c>f</c> has sequence
/// <c>f + o / RecordSize</c>. The reader uses that to seek to the start sequence, to check
/// every record's sequence, and to know the name of the segment that must follow the current
/// one.
/// </para>
/// <para>
/// The end of the current segment is one of: nothing more (the writer has not written yet),
/// part of a record (a write in progress), or a record that fails its checks with nothing
/// after it. All three read as "not yet": the reader returns <see langword="false"/> and
/// reads the same offset again next time, never skipping. A damaged last record is treated
/// as a torn write in progress because the writer may be in the middle of writing it; if
/// the writer dies there, <see cref="JournalRecovery"/> truncates it on restart and the
/// writer appends good records at the same offset, which this reader then returns. A damaged
/// record with bytes after it is not a write in progress: <see cref="JournalCorruptException"/>.
/// </para>
/// <para>
/// The writer starts a segment only after the previous one is complete, so the reader moves
/// on only when the current segment has no complete record left and the next segment exists;
/// it then reads the current segment once more (a record written just before the roll is
/// not lost), and anything other than a clean end there is damage in a finished segment:
/// <see cref="JournalCorruptException"/>. The next segment must start at the sequence after
/// the current one's last record.
/// </para>
/// <para>
/// Reading goes through one reusable buffer with positional reads on a handle opened with
/// <see cref="FileShare.ReadWrite"/> (the writer keeps the segment open): no allocation per
/// record. A poll that finds nothing checks whether the next segment's file exists, by the
/// name it must have (built once per position, not per poll), and every
/// <see cref="FullScanPolls"/> such polls lists the directory, so a next segment with the
/// wrong name is reported rather than waited for. Until the journal's first segment exists,
/// each poll lists the directory.
/// </para>
/// <para>One thread uses a reader.</para>
/// </remarks>
public sealed class JournalTailReader : IDisposable
{
    /// <summary>Polls that find nothing between directory listings that look for a misnamed next segment.</summary>
    public const int FullScanPolls = 1_000;

    /// <summary>How long the blocking <see cref="TryRead(out Command, TimeSpan, CancellationToken)"/> sleeps between polls.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    // 64 KiB of whole records: a catch-up read fills it in one call, and it always holds
    // more than one record, which telling a damaged last record from one with bytes after
    // it relies on.
    private static readonly int _bufferBytes = Math.Max(2, (64 << 10) / JournalRecord.RecordSize) * JournalRecord.RecordSize;

    private readonly string _directory;
    private readonly byte[] _buffer = new byte[_bufferBytes];
    private SafeFileHandle? _file;
    private string? _path;
    private long _segmentFirstSequence;
    private long _offset;
    private int _start;
    private int _end;
    private long _successorSequence = -1;
    private string? _successorPath;
    private int _idlePolls;
    private bool _disposed;

    /// <summary>
    /// Follows the journal in <paramref name="directory"/> (which need not exist yet) from the
    /// record with <paramref name="startSequence"/>; earlier records are skipped. Nothing is
    /// opened until the first read.
    /// </summary>
    public JournalTailReader(string directory, long startSequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(startSequence, 1);
        _directory = Path.GetFullPath(directory);
        NextSequence = startSequence;
    }

    /// <summary>The sequence of the record the next successful read returns.</summary>
    public long NextSequence { get; private set; }

    /// <summary>The segment file being read, or <see langword="null"/> before the first one exists.</summary>
    public string? SegmentPath => _path;

    private long SequenceAtOffset => _segmentFirstSequence + (_offset / JournalRecord.RecordSize);

    /// <summary>
    /// Returns the next record if a complete, checksum-valid one is available; otherwise
    /// <see langword="false"/> at once, and a later call reads from the same place.
    /// </summary>
    /// <exception cref="JournalCorruptException">
    /// A damaged record with data after it, a finished segment that ends in a damaged or
    /// incomplete record, a record or segment out of sequence, or a journal that starts after
    /// the requested start sequence.
    /// </exception>
    public bool TryRead(out Command command)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        command = default;
        if (_file is null && !TryOpenFirstSegment())
        {
            return false;
        }

        while (true)
        {
            var result = ReadRecord(out command);
            if (result == ReadResult.Record)
            {
                _idlePolls = 0;
                return true;
            }

            if (!TryFindSuccessor(out var successorFirst, out var successorPath))
            {
                return false;
            }

            // The writer may have written a last batch to this segment between the read
            // above and the roll: read it once more before moving on.
            result = ReadRecord(out command);
            if (result == ReadResult.Record)
            {
                _idlePolls = 0;
                return true;
            }

            if (result != ReadResult.End)
            {
                throw new JournalCorruptException(_path!, _offset,
                    $"{(result == ReadResult.Corrupt ? "corrupt" : "incomplete")} record at the end of a segment that has a successor");
            }

            var expected = SequenceAtOffset;
            if (successorFirst != expected)
            {
                throw new JournalCorruptException(successorPath, 0, $"segment starts at sequence {successorFirst}, expected {expected}");
            }

            Open(successorFirst, successorPath);
        }
    }

    /// <summary>
    /// Waits for the next record, polling <see cref="TryRead(out Command)"/> every
    /// <see cref="PollInterval"/>, for at most <paramref name="timeout"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> waits until cancelled).
    /// </summary>
    /// <remarks>
    /// A convenience for tools and tests. A sleep costs about a millisecond of latency; a hot
    /// standby that needs less calls the non-blocking overload from its own idle strategy.
    /// </remarks>
    /// <returns><see langword="true"/> with the record, or <see langword="false"/> if none came in time.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public bool TryRead(out Command command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "must be non-negative or infinite");
        }

        var started = Stopwatch.GetTimestamp();
        while (!TryRead(out command))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(started) >= timeout)
            {
                return false;
            }

            Thread.Sleep(PollInterval);
        }

        return true;
    }

    /// <summary>Closes the segment file.</summary>
    public void Dispose()
    {
        _disposed = true;
        _file?.Dispose();
        _file = null;
    }

    /// <summary>Opens the segment that holds <see cref="NextSequence"/>, if the journal has begun.</summary>
    private bool TryOpenFirstSegment()
    {
        var segments = Segments.List(_directory);
        if (segments.Count == 0)
        {
            return false;
        }

        if (segments[0].FirstSequence > NextSequence)
        {
            throw new JournalCorruptException(segments[0].Path, 0,
                $"journal starts at sequence {segments[0].FirstSequence}, after the requested start {NextSequence}");
        }

        var at = segments.Count - 1;
        while (segments[at].FirstSequence > NextSequence)
        {
            at--;
        }

        Open(segments[at].FirstSequence, segments[at].Path);
        return true;
    }

    /// <summary>
    /// Opens a segment and seeks to <see cref="NextSequence"/>, or to the segment's last whole
    /// record if it does not reach that far yet (the rest is read and skipped).
    /// </summary>
    private void Open(long firstSequence, string path)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _file?.Dispose();
        _file = file;
        _path = path;
        _segmentFirstSequence = firstSequence;
        var skipRecords = Math.Max(0, NextSequence - firstSequence);
        var wholeRecords = RandomAccess.GetLength(file) / JournalRecord.RecordSize;
        _offset = Math.Min(skipRecords, wholeRecords) * JournalRecord.RecordSize;
        _start = _end = 0;
        _idlePolls = 0;
    }

    /// <summary>
    /// The record at the current offset, skipping any before <see cref="NextSequence"/>. On
    /// anything but a record the buffer is emptied, so the next call reads the file afresh at
    /// the same offset (the tail may have been completed, or truncated and rewritten).
    /// </summary>
    private ReadResult ReadRecord(out Command command)
    {
        // Whether the bytes from _start on were all read by this call: only such a view of
        // the tail may decide that a record is incomplete or damaged.
        var fresh = false;
        while (true)
        {
            if (_end - _start < JournalRecord.RecordSize)
            {
                fresh |= _start == _end;
                Fill();
            }

            var available = _end - _start;
            var status = JournalRecord.TryRead(_buffer.AsSpan(_start, available), out command, out var length);
            if (status == RecordStatus.Ok)
            {
                var expected = SequenceAtOffset;
                if (command.Sequence != expected)
                {
                    throw new JournalCorruptException(_path!, _offset, $"record has sequence {command.Sequence}, expected {expected}");
                }

                _start += length;
                _offset += length;
                if (command.Sequence < NextSequence)
                {
                    continue;
                }

                NextSequence = command.Sequence + 1;
                return ReadResult.Record;
            }

            _start = _end = 0;
            if (!fresh)
            {
                continue;
            }

            if (status == RecordStatus.UnsupportedVersion)
            {
                throw new JournalCorruptException(_path!, _offset, "a record of another format version: written by another version of Matcher");
            }

            if (status == RecordStatus.Corrupt && available > JournalRecord.RecordSize)
            {
                throw new JournalCorruptException(_path!, _offset, "corrupt record with data after it");
            }

            return available == 0 ? ReadResult.End
                : status == RecordStatus.Corrupt ? ReadResult.Corrupt
                : ReadResult.Incomplete;
        }
    }

    /// <summary>Moves what is left of the buffer to its front and reads the file after it.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        while (_end < _buffer.Length)
        {
            var read = RandomAccess.Read(_file!, _buffer.AsSpan(_end), _offset + _end);
            if (read == 0)
            {
                break;
            }

            _end += read;
        }
    }

    /// <summary>
    /// Whether a segment after the current one exists: the one named for the sequence at the
    /// current offset, or, every <see cref="FullScanPolls"/> calls, any later one.
    /// </summary>
    private bool TryFindSuccessor(out long firstSequence, out string path)
    {
        // At the start of an empty segment the name for the sequence at the offset is this
        // segment's own: only the directory listing can find a successor then.
        var expected = SequenceAtOffset;
        if (_successorSequence != expected)
        {
            _successorPath = Path.Combine(_directory, Segments.FileName(expected));
            _successorSequence = expected;
        }

        firstSequence = expected;
        path = _successorPath!;
        if (expected != _segmentFirstSequence && File.Exists(path))
        {
            return true;
        }

        if (++_idlePolls < FullScanPolls)
        {
            return false;
        }

        _idlePolls = 0;
        foreach (var segment in Segments.List(_directory))
        {
            if (segment.FirstSequence > _segmentFirstSequence)
            {
                (firstSequence, path) = segment;
                return true;
            }
        }

        return false;
    }

    private enum ReadResult
    {
        Record,
        End,
        Incomplete,
        Corrupt,
    }
}
