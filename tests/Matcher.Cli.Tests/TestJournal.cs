using Matcher.Core.Commands;
using Matcher.Journal;

namespace Matcher.Cli.Tests;

/// <summary>A journal written with the real <see cref="JournalWriter"/> into a temporary directory, deleted afterwards.</summary>
internal sealed class TestJournal : IDisposable
{
    /// <summary>Records per segment file: small, so that a few hundred commands span several segments.</summary>
    public const int RecordsPerSegment = 100;

    public TestJournal() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "matcher-cli-journal-" + Guid.NewGuid().ToString("N"));

    /// <summary>Appends <paramref name="commands"/> (already sequenced) after <paramref name="lastSequence"/>, committing every 37.</summary>
    public void Write(IReadOnlyList<Command> commands, long lastSequence = 0)
    {
        var options = new JournalOptions
        {
            Directory = Path,
            SegmentBytes = RecordsPerSegment * JournalRecord.RecordSize,
            Durability = Durability.None,
        };
        using var writer = new JournalWriter(options, lastSequence);
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            writer.Append(ref command);
            if (i % 37 == 36)
            {
                writer.Commit();
            }
        }

        writer.Commit();
    }

    /// <summary>The segment files, oldest first.</summary>
    public List<string> SegmentPaths() => Segments.List(Path).Select(s => s.Path).ToList();

    /// <summary>A file in the journal's directory (for snapshots next to it; deleted with it).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Flips every bit of the byte at <paramref name="offset"/> in <paramref name="path"/>.</summary>
    public static void FlipByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)~value);
    }

    /// <summary>Cuts <paramref name="bytes"/> bytes off the end of <paramref name="path"/>.</summary>
    public static void CutTail(string path, int bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(file.Length - bytes);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
