namespace Matcher.Bench.Ring;

/// <summary>The benchmark payload: one long, like the Disruptor's own throughput tests.</summary>
public struct ValueEntry
{
    public long Value;
}
