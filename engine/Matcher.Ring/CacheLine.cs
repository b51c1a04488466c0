namespace Matcher.Ring;

/// <summary>
/// The one padding constant for everything in the ring that two threads write.
/// </summary>
/// <remarks>
/// 128 bytes, not 64: x86's adjacent-line (spatial) prefetcher pulls cache lines in
/// 128-byte aligned pairs, so a hot value needs 128 bytes of nothing-else on each side
/// to keep another core's writes from invalidating it (the same reason the JDK's
/// <c>@Contended</c> pads by 128).
/// </remarks>
public static class CacheLine
{
    /// <summary>Bytes of padding placed before and after a contended value.</summary>
    public const int PaddingBytes = 128;
}
