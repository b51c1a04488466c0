namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// A message store is damaged somewhere other than its tail (a bad record with good records after it, or
/// sequence numbers out of order): it is not repaired, because those records may have been sent.
/// </summary>
public sealed class FixStoreCorruptException : IOException
{
    /// <summary>A store damaged in <paramref name="path"/> at <paramref name="offset"/>.</summary>
    public FixStoreCorruptException(string path, long offset, string problem)
        : base($"FIX message store {path} is corrupt at offset {offset}: {problem}")
    {
        Path = path;
        Offset = offset;
    }

    /// <summary>An exception with a message only.</summary>
    public FixStoreCorruptException()
    {
        Path = string.Empty;
    }

    /// <summary>An exception with a message only.</summary>
    public FixStoreCorruptException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    /// <summary>An exception with a message and a cause.</summary>
    public FixStoreCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>The offset of the damaged record.</summary>
    public long Offset { get; }
}
