using Matcher.Core.Commands;

namespace Matcher.Journal;

/// <summary>Reads the commands of a journal in sequence order.</summary>
public static class JournalReader
{
    /// <summary>
    /// Every good record from <paramref name="fromSequence"/> on, across segments. Stops at
    /// the first incomplete or damaged record (the tail of a journal being written, or
    /// damage that <see cref="JournalRecovery"/> reports).
    /// </summary>
    public static IEnumerable<Command> Read(string directory, long fromSequence = 1)
    {
        var segments = Segments.List(directory);
        for (var i = 0; i < segments.Count; i++)
        {
            if (i + 1 < segments.Count && segments[i + 1].FirstSequence <= fromSequence)
            {
                continue;
            }

            var bytes = File.ReadAllBytes(segments[i].Path);
            var offset = 0;
            while (JournalRecord.TryRead(bytes.AsSpan(offset), out var command, out var length) == RecordStatus.Ok)
            {
                offset += length;
                if (command.Sequence >= fromSequence)
                {
                    yield return command;
                }
            }

            if (offset < bytes.Length)
            {
                yield break;
            }
        }
    }
}
