using BenchmarkDotNet.Attributes;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// One producer and three consumers in a chain (like journaler → core → responder):
/// one ring with dependent consumers against three bounded channels joined by tasks.
/// Four busy threads on two cores, so the ring's consumers yield.
/// </summary>
[MemoryDiagnoser]
public class ThreeStagePipelineBenchmarks : RingVersusChannelBenchmark
{
    private const int Operations = 1_000_000;

    [GlobalSetup(Target = nameof(Ring))]
    public void SetupRing() =>
        StartRing(multiProducer: false, new YieldingWaitStrategy(), new YieldingWaitStrategy(), new YieldingWaitStrategy());

    [GlobalCleanup(Target = nameof(Ring))]
    public void CleanupRing() => StopRing();

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Ring() => PublishOneByOne(Operations);

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel() => StartChannels(stages: 3, singleWriter: true);

    [GlobalCleanup(Target = nameof(Channel))]
    public void CleanupChannel() => StopChannels();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public Task<long> Channel() => WriteOneByOne(Operations);
}
