using System.Diagnostics;
using Matcher.Core.Commands;
using Matcher.Metrics;

namespace Matcher.Journal;

/// <summary>
/// Appends command records to segment files with group commit: <see cref="Append"/>
/// buffers, <see cref="Commit"/> writes what is buffered and makes it durable per the
/// <see cref="Durability"/> policy. Only <see cref="DurableSequence"/> may be acknowledged.
/// One thread (the journaler) uses a writer.
/// </summary>
public sealed class JournalWriter : IDisposable
{
    private readonly JournalOptions _options;
    private readonly byte[] _buffer;
    private readonly FileStream _lock;
    private FileStream _segment;
    private long _segmentBytes;
    private int _buffered;
    private long _bufferedLastSequence;
    private long _writtenSequence;
    private long _lastFsyncTimestamp;

    /// <summary>
    /// Opens the journal for appending after <paramref name="lastSequence"/>, which must be
    /// what <see cref="JournalRecovery.Recover"/> reported for the same directory.
    /// </summary>
    public JournalWriter(JournalOptions options, long lastSequence)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferBytes, JournalRecord.RecordSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SegmentBytes, JournalRecord.RecordSize);
        _options = options;
        _buffer = new byte[options.BufferBytes];
        _lock = JournalLock.Acquire(options.Directory);
        _writtenSequence = _bufferedLastSequence = DurableSequence = lastSequence;
        var segments = Segments.List(options.Directory);
        _segment = segments.Count > 0
            ? Open(segments[^1].Path)
            : Create(Path.Combine(options.Directory, Segments.FileName(lastSequence + 1)));
        _segmentBytes = _segment.Length;
        _lastFsyncTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>The last sequence appended (buffered, maybe not yet written).</summary>
    public long LastSequence => _bufferedLastSequence;

    /// <summary>The last sequence made durable per the policy: safe to acknowledge.</summary>
    public long DurableSequence { get; private set; }

    /// <summary>fsync latencies in nanoseconds, for metrics (the writer's thread records; read a copy).</summary>
    public LatencyHistogram FsyncLatencyNs { get; } = new(10_000_000_000);

    /// <summary>Buffers <paramref name="command"/>, whose sequence must follow the last one.</summary>
    public void Append(ref Command command)
    {
        if (command.Sequence != _bufferedLastSequence + 1)
        {
            throw new InvalidOperationException($"command sequence {command.Sequence} does not follow {_bufferedLastSequence}");
        }

        if (_segmentBytes + _buffered >= _options.SegmentBytes)
        {
            Roll();
        }

        if (_buffered + JournalRecord.RecordSize > _buffer.Length)
        {
            WriteBuffer();
        }

        _buffered += JournalRecord.Write(ref command, _buffer.AsSpan(_buffered));
        _bufferedLastSequence = command.Sequence;
    }

    /// <summary>
    /// Ends a batch: writes everything buffered and makes it durable per the policy.
    /// Returns <see cref="DurableSequence"/>.
    /// </summary>
    public long Commit()
    {
        WriteBuffer();
        switch (_options.Durability)
        {
            case Durability.FsyncPerBatch:
                Fsync();
                break;
            case Durability.FsyncInterval:
                // At most one fsync per interval: a batch that comes sooner waits out the
                // rest of it, and the batch that gathers meanwhile shares the next fsync.
                var remaining = _options.FsyncInterval - Stopwatch.GetElapsedTime(_lastFsyncTimestamp);
                if (remaining >= TimeSpan.FromMilliseconds(1))
                {
                    Thread.Sleep(remaining);
                }

                // Thread.Sleep rounds down to whole milliseconds; yield out the rest.
                while (Stopwatch.GetElapsedTime(_lastFsyncTimestamp) < _options.FsyncInterval)
                {
                    Thread.Yield();
                }

                Fsync();
                break;
            default:
                DurableSequence = _writtenSequence;
                break;
        }

        return DurableSequence;
    }

    /// <summary>Writes and fsyncs what is buffered, then closes the segment.</summary>
    public void Dispose()
    {
        try
        {
            WriteBuffer();
            Fsync();
        }
        finally
        {
            _segment.Dispose();
            _lock.Dispose();
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.None);

    /// <summary>A new segment, whose name is made durable before any record goes into it.</summary>
    private FileStream Create(string path)
    {
        var segment = Open(path);
        try
        {
            DirectorySync.Fsync(_options.Directory);
        }
        catch
        {
            segment.Dispose();
            throw;
        }

        return segment;
    }

    private void WriteBuffer()
    {
        if (_buffered == 0)
        {
            return;
        }

        _segment.Write(_buffer, 0, _buffered);
        _segmentBytes += _buffered;
        _buffered = 0;
        _writtenSequence = _bufferedLastSequence;
    }

    /// <summary>Makes what is written durable (a real fsync unless the policy is none, or <paramref name="always"/>).</summary>
    private void Fsync(bool always = false)
    {
        var start = Stopwatch.GetTimestamp();
        if (always || _options.Durability != Durability.None)
        {
            _segment.Flush(flushToDisk: true);
            FsyncLatencyNs.Record((long)Stopwatch.GetElapsedTime(start).TotalNanoseconds);
        }

        _lastFsyncTimestamp = start;
        DurableSequence = _writtenSequence;
    }

    /// <summary>
    /// Closes the full segment and starts the next. The full one is fsynced whatever the
    /// policy (once per segment): recovery refuses an earlier segment with a torn end, so
    /// no later segment may outlive an earlier one's data.
    /// </summary>
    private void Roll()
    {
        WriteBuffer();
        Fsync(always: true);
        _segment.Dispose();
        _segment = Create(Path.Combine(_options.Directory, Segments.FileName(_bufferedLastSequence + 1)));
        _segmentBytes = 0;
    }
}
