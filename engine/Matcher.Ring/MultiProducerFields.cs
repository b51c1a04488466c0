using System.Runtime.InteropServices;

namespace Matcher.Ring;

/// <summary>
/// <see cref="MultiProducerSequencer"/>'s fields that producers and consumers read on
/// every claim, publish and batch, between two paddings (see <see cref="RingBufferFields"/>).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = (2 * CacheLine.PaddingBytes) + 24)]
internal struct MultiProducerFields
{
    [FieldOffset(CacheLine.PaddingBytes)]
    public Sequence GatingSequenceCache;

    [FieldOffset(CacheLine.PaddingBytes + 8)]
    public int[] AvailableLaps;

    [FieldOffset(CacheLine.PaddingBytes + 16)]
    public int IndexMask;

    [FieldOffset(CacheLine.PaddingBytes + 20)]
    public int LapShift;
}
