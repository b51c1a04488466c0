using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// The last consumer of a benchmark: sums what it sees and signals when the sequence
/// it was told to expect has gone by. The channel baselines use the same signal.
/// </summary>
public sealed class CountingHandler : IEntryHandler<ValueEntry>
{
    private long _expectedSequence = -1;

    public ManualResetEventSlim Done { get; } = new();

    public long Sum { get; private set; }

    /// <summary>Arms the signal for <paramref name="sequence"/>; call before publishing it.</summary>
    public void Expect(long sequence)
    {
        Done.Reset();
        Volatile.Write(ref _expectedSequence, sequence);
    }

    public void OnEvent(ref ValueEntry entry, long sequence, bool endOfBatch)
    {
        Sum += entry.Value;
        if (sequence == _expectedSequence)
        {
            Done.Set();
        }
    }
}
