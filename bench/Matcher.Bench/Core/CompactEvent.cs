using System.Runtime.InteropServices;

namespace Matcher.Bench.Core;

/// <summary>
/// A 64-byte event (one cache line) for <see cref="EventWriteBenchmarks"/>: what writing a
/// book-level or balance event would cost if events were sized to what they carry.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public struct CompactEvent
{
    public ushort Type;
    public ushort CommandType;
    public int InstrumentId;
    public long CommandSequence;
    public long TimestampNs;
    public long AccountId;
    public long PriceTicks;
    public long Quantity;
    public long Amount;
}
