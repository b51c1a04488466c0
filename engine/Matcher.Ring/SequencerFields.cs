using System.Runtime.InteropServices;

namespace Matcher.Ring;

/// <summary>
/// <see cref="Sequencer"/>'s fields that producers read on every claim or publish,
/// between two paddings (see <see cref="RingBufferFields"/> for why explicit layout).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = (2 * CacheLine.PaddingBytes) + 32)]
internal struct SequencerFields
{
    [FieldOffset(CacheLine.PaddingBytes)]
    public Sequence Cursor;

    [FieldOffset(CacheLine.PaddingBytes + 8)]
    public Sequence[] GatingSequences;

    [FieldOffset(CacheLine.PaddingBytes + 16)]
    public IWaitStrategy[] BlockingWaitStrategies;

    [FieldOffset(CacheLine.PaddingBytes + 24)]
    public int BufferSize;
}
