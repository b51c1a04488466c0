namespace Matcher.Bench.Core;

/// <summary>How the throughput harness runs: the load, how long to measure, and where events go.</summary>
public sealed record CoreThroughputOptions
{
    public LoadOptions Load { get; init; } = new();

    /// <summary>Measured passes continue until this much time has been spent in them (at least <see cref="MinRepetitions"/>).</summary>
    public double Seconds { get; init; } = 30;

    /// <summary>Untimed passes over the measured commands first, so the JIT has reached its final tier.</summary>
    public int WarmUpPasses { get; init; } = 2;

    public int MinRepetitions { get; init; } = 3;

    /// <summary><c>ring</c>: the production <c>RingEventSink</c> on a ring with no consumer; <c>array</c>: a plain circular array.</summary>
    public string Sink { get; init; } = "ring";

    /// <summary>Events the sink holds before it wraps (a power of two).</summary>
    public int RingSize { get; init; } = 1 << 14;
}
