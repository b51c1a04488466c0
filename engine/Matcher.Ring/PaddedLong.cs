using System.Runtime.InteropServices;

namespace Matcher.Ring;

/// <summary>
/// A <see cref="long"/> with <see cref="CacheLine.PaddingBytes"/> of padding on each
/// side, so nothing else shares its cache lines.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = (2 * CacheLine.PaddingBytes) + sizeof(long))]
internal struct PaddedLong
{
    /// <summary>Byte offset of <see cref="Value"/> inside the struct.</summary>
    public const int ValueOffset = CacheLine.PaddingBytes;

    [FieldOffset(ValueOffset)]
    public long Value;
}
