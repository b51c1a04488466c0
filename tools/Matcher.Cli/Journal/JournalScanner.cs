using System.Buffers.Binary;
using System.Globalization;
using Matcher.Core.Commands;
using Matcher.Core.Hashing;
using Matcher.Journal;

namespace Matcher.Cli.Journal;

/// <summary>
/// Reads a journal's segments in order, read-only, hands every good record to a visitor,
/// and finds damage the way start-up recovery (<see cref="JournalRecovery.Recover"/>)
/// judges it, without truncating anything.
/// </summary>
/// <remarks>
/// Recovery stops at the first damage; the scanner, unless told to stop, resumes at the
/// next good record after it, so one run reports every damaged place. A bad record is a
/// torn tail only when it is in the last segment and no good record follows it, as in
/// recovery; anything else is corruption. Segment files are opened for reading with
/// sharing, so a journal that a writer is appending to can be scanned (its unfinished
/// last record then shows as a torn tail).
/// </remarks>
internal static class JournalScanner
{
    /// <summary>Scans the journal in <paramref name="directory"/>.</summary>
    /// <param name="directory">The journal directory.</param>
    /// <param name="visitor">Gets every good record from <paramref name="fromSequence"/> on (null: only count them).</param>
    /// <param name="fromSequence">
    /// The first sequence the visitor wants: segments that end before it are not read (so
    /// their damage is not seen).
    /// </param>
    /// <param name="stopAtDamage">Stop at the first damage instead of resuming after it (replay).</param>
    /// <exception cref="IOException">A segment could not be read.</exception>
    public static ScanSummary Scan(string directory, IRecordVisitor? visitor, long fromSequence = 1, bool stopAtDamage = false)
    {
        var summary = new ScanSummary();
        var segments = Segments.List(directory);
        var buffer = Array.Empty<byte>();
        long lastSequence = 0;
        var readAny = false;
        for (var i = 0; i < segments.Count; i++)
        {
            if (i + 1 < segments.Count && segments[i + 1].FirstSequence <= fromSequence)
            {
                continue;
            }

            var (firstSequence, path) = segments[i];
            var length = Read(path, ref buffer);
            summary.AddSegment(length);
            if (readAny && firstSequence != lastSequence + 1)
            {
                summary.Damage.Add(new JournalDamage(DamageKind.SequenceBreak, path, 0, 0, string.Create(CultureInfo.InvariantCulture,
                    $"the segment starts at sequence {firstSequence}, but the previous segment ends at {lastSequence}")));
                if (stopAtDamage)
                {
                    return summary;
                }
            }

            readAny = true;
            var expected = firstSequence;
            var offset = 0;
            while (offset < length)
            {
                var bytes = buffer.AsSpan(offset, length - offset);
                var status = JournalRecord.TryRead(bytes, out var command, out var recordLength);
                if (status == RecordStatus.Ok)
                {
                    if (command.Sequence != expected)
                    {
                        summary.Damage.Add(new JournalDamage(DamageKind.SequenceBreak, path, offset, 0, string.Create(CultureInfo.InvariantCulture,
                            $"the record has sequence {command.Sequence}, expected {expected}")));
                        if (stopAtDamage)
                        {
                            return summary;
                        }
                    }

                    summary.AddRecord(command);
                    lastSequence = command.Sequence;
                    expected = command.Sequence + 1;
                    if (visitor is not null && command.Sequence >= fromSequence && !visitor.OnRecord(ref command, path, offset))
                    {
                        summary.StoppedEarly = true;
                        return summary;
                    }

                    offset += recordLength;
                    continue;
                }

                var problem = Problem(bytes, status);
                var next = NextGoodRecord(buffer.AsSpan(0, length), offset + 1);
                if (next < 0)
                {
                    var last = i == segments.Count - 1;
                    var rest = length - offset;
                    summary.Damage.Add(new JournalDamage(last ? DamageKind.TornTail : DamageKind.CorruptRecord, path, offset, rest, last
                        ? string.Create(CultureInfo.InvariantCulture, $"{problem}; {rest} bytes to the end of the last segment, with no good record after them")
                        : string.Create(CultureInfo.InvariantCulture, $"{problem}; {rest} bytes unreadable to the end of the segment, which is not the last")));
                    if (stopAtDamage)
                    {
                        return summary;
                    }

                    break;
                }

                JournalRecord.TryRead(buffer.AsSpan(next, length - next), out var resumed, out _);
                summary.Damage.Add(new JournalDamage(DamageKind.CorruptRecord, path, offset, next - offset, string.Create(CultureInfo.InvariantCulture,
                    $"{problem}; {next - offset} bytes unreadable before the next good record, at offset {next} with sequence {resumed.Sequence} (expected {expected})")));
                if (stopAtDamage)
                {
                    return summary;
                }

                // Resume at the good record; its sequence is reported above, so it is not
                // reported again as a break.
                offset = next;
                expected = resumed.Sequence;
            }
        }

        return summary;
    }

    /// <summary>Why the bytes at the start of <paramref name="bytes"/> are not a good record.</summary>
    private static string Problem(ReadOnlySpan<byte> bytes, RecordStatus status)
    {
        if (bytes.Length < JournalRecord.HeaderSize)
        {
            return string.Create(CultureInfo.InvariantCulture, $"incomplete record header ({bytes.Length} of {JournalRecord.HeaderSize} bytes)");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != JournalRecord.Magic)
        {
            return "bad magic (not the start of a record)";
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (version != JournalRecord.FormatVersion)
        {
            return string.Create(CultureInfo.InvariantCulture, $"format version {version}, expected {JournalRecord.FormatVersion}");
        }

        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (payloadLength != JournalRecord.PayloadSize)
        {
            return string.Create(CultureInfo.InvariantCulture, $"payload length {payloadLength}, expected {JournalRecord.PayloadSize}");
        }

        if (status == RecordStatus.Incomplete || bytes.Length < JournalRecord.RecordSize)
        {
            return string.Create(CultureInfo.InvariantCulture, $"incomplete record ({bytes.Length} of {JournalRecord.RecordSize} bytes)");
        }

        var checksumAt = JournalRecord.HeaderSize + JournalRecord.PayloadSize;
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes[checksumAt..]) != Crc32C.Compute(bytes[..checksumAt])
            ? "checksum mismatch"
            : "the header's sequence, time or type differs from the payload's";
    }

    /// <summary>The offset of the first good record at or after <paramref name="start"/>, or -1.</summary>
    private static int NextGoodRecord(ReadOnlySpan<byte> segment, int start)
    {
        Span<byte> magic = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, JournalRecord.Magic);
        while (start < segment.Length)
        {
            var at = segment[start..].IndexOf(magic);
            if (at < 0)
            {
                return -1;
            }

            var position = start + at;
            if (JournalRecord.TryRead(segment[position..], out Command _, out _) == RecordStatus.Ok)
            {
                return position;
            }

            start = position + 1;
        }

        return -1;
    }

    /// <summary>Reads the whole file into <paramref name="buffer"/> (grown as needed) without locking writers out.</summary>
    /// <returns>The bytes read.</returns>
    private static int Read(string path, ref byte[] buffer)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var fileLength = RandomAccess.GetLength(handle);
        if (fileLength > Array.MaxLength)
        {
            throw new IOException($"{path}: {fileLength} bytes is too large a segment to read");
        }

        var length = (int)fileLength;
        if (buffer.Length < length)
        {
            buffer = new byte[length];
        }

        var total = 0;
        while (total < length)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(total, length - total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
