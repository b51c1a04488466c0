using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>A middle pipeline stage: touches the entry in place.</summary>
public sealed class PassThroughHandler : IEntryHandler<ValueEntry>
{
    public void OnEvent(ref ValueEntry entry, long sequence, bool endOfBatch) => entry.Value++;
}
