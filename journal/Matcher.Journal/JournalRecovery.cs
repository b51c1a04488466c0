using System.Buffers.Binary;
using System.Globalization;
using Matcher.Core.Commands;

namespace Matcher.Journal;

/// <summary>
/// Start-up: walks every segment, finds the last good record, cuts off a torn or corrupt
/// tail, and refuses (with the file and offset) damage anywhere else.
/// </summary>
/// <remarks>
/// A damaged record is a tail only if it is in the last segment and no good record
/// follows it: then it was being written when the process died, and since acknowledgement
/// follows the write, nobody saw it acknowledged. A damaged record with good records
/// after it is corruption of acknowledged data and stops start-up.
/// </remarks>
public static class JournalRecovery
{
    /// <summary>Checks the journal in <paramref name="directory"/> and truncates a damaged tail.</summary>
    /// <exception cref="JournalCorruptException">Damage other than at the tail, or a gap in the sequences.</exception>
    /// <exception cref="InvalidOperationException">Another process is writing the journal.</exception>
    public static RecoveryReport Recover(string directory)
    {
        using var exclusive = JournalLock.Acquire(directory);
        var segments = Segments.List(directory);
        long lastSequence = 0;
        long records = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var (firstSequence, path) = segments[i];
            if (i > 0 && firstSequence != lastSequence + 1)
            {
                throw new JournalCorruptException(path, 0, $"segment starts at sequence {firstSequence}, expected {lastSequence + 1}");
            }

            var bytes = File.ReadAllBytes(path);
            var expected = firstSequence;
            var offset = 0;
            while (offset < bytes.Length)
            {
                var status = JournalRecord.TryRead(bytes.AsSpan(offset), out var command, out var length);
                if (status == RecordStatus.Ok && command.Sequence == expected)
                {
                    offset += length;
                    lastSequence = expected++;
                    records++;
                    continue;
                }

                if (status == RecordStatus.UnsupportedVersion)
                {
                    // Another version's journal: cutting it off as a torn tail would erase the exchange.
                    throw new JournalCorruptException(path, offset, string.Create(
                        CultureInfo.InvariantCulture,
                        $"record format version {BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 4))}: written by another version of Matcher (this one reads version {JournalRecord.FormatVersion}); the journal is left as it is"));
                }

                var problem = status == RecordStatus.Ok
                    ? $"record has sequence {command.Sequence}, expected {expected}"
                    : $"{status.ToString().ToLowerInvariant()} record";
                if (i < segments.Count - 1 || status == RecordStatus.Ok || HasGoodRecordAfter(bytes, offset + 1))
                {
                    throw new JournalCorruptException(path, offset, problem);
                }

                using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    file.SetLength(offset);
                    file.Flush(flushToDisk: true);
                }

                return new RecoveryReport(lastSequence, records, path, offset, bytes.Length - offset);
            }
        }

        return new RecoveryReport(lastSequence, records, null, 0, 0);
    }

    private static bool HasGoodRecordAfter(byte[] bytes, int start)
    {
        var magic = BitConverter.GetBytes(JournalRecord.Magic);
        for (var at = bytes.AsSpan(start).IndexOf(magic); at >= 0;)
        {
            var position = start + at;
            if (JournalRecord.TryRead(bytes.AsSpan(position), out Command _, out _) == RecordStatus.Ok)
            {
                return true;
            }

            start = position + 1;
            at = bytes.AsSpan(start).IndexOf(magic);
        }

        return false;
    }
}
