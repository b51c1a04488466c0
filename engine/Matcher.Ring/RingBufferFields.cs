using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Matcher.Ring;

/// <summary>
/// <see cref="RingBuffer{T}"/>'s fields between two paddings. Explicit layout is the
/// only way to put padding before reference fields (the runtime lays out a class's
/// references first, whatever its declared layout), and explicit layout cannot be
/// generic, nor nested in a generic type: hence <see cref="Entries"/> is an
/// <see cref="object"/> that always holds the ring's <c>T[]</c>, read back with
/// <see cref="Unsafe.As{T}(object)"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = (2 * CacheLine.PaddingBytes) + 24)]
internal struct RingBufferFields
{
    [FieldOffset(CacheLine.PaddingBytes)]
    public object Entries;

    [FieldOffset(CacheLine.PaddingBytes + 8)]
    public Sequencer Sequencer;

    [FieldOffset(CacheLine.PaddingBytes + 16)]
    public int Padding;

    [FieldOffset(CacheLine.PaddingBytes + 20)]
    public int Mask;
}
