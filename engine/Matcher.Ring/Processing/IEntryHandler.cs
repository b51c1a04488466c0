namespace Matcher.Ring;

/// <summary>Consumes ring entries in sequence order, one consumer thread at a time.</summary>
/// <typeparam name="T">The ring's entry type.</typeparam>
public interface IEntryHandler<T>
    where T : struct
{
    /// <summary>
    /// Handles the entry at <paramref name="sequence"/>. <paramref name="endOfBatch"/> is
    /// true on the last entry currently available: the place to flush, fsync or signal
    /// (group commit).
    /// </summary>
    void OnEvent(ref T entry, long sequence, bool endOfBatch);
}
