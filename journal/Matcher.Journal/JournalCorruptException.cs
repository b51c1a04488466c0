namespace Matcher.Journal;

/// <summary>
/// The journal is damaged somewhere other than its tail. Start-up stops: a damaged record
/// followed by good ones may have been acknowledged, so it is never skipped.
/// </summary>
public sealed class JournalCorruptException : Exception
{
    /// <summary>Reports damage at <paramref name="offset"/> in <paramref name="path"/>.</summary>
    public JournalCorruptException(string path, long offset, string problem)
        : base($"journal corrupt at {path} offset {offset}: {problem}")
    {
        Path = path;
        Offset = offset;
    }

    /// <summary>The segment file.</summary>
    public string Path { get; }

    /// <summary>Where in it the damage starts.</summary>
    public long Offset { get; }
}
