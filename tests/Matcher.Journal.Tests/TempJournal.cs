namespace Matcher.Journal.Tests;

/// <summary>A journal directory that is deleted afterwards.</summary>
internal sealed class TempJournal : IDisposable
{
    public TempJournal() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "matcher-journal-" + Guid.NewGuid().ToString("N"));

    public JournalOptions Options(long segmentBytes = 64L << 20, Durability durability = Durability.FsyncPerBatch) =>
        new() { Directory = Path, SegmentBytes = segmentBytes, Durability = durability };

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
