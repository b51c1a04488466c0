using BenchmarkDotNet.Attributes;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// One producer, one consumer: the ring (busy-spin and blocking consumer) against a
/// bounded single-reader/single-writer channel of the same capacity.
/// </summary>
[MemoryDiagnoser]
public class OneToOneBenchmarks : RingVersusChannelBenchmark
{
    private const int Operations = 1_000_000;

    [GlobalSetup(Target = nameof(RingBusySpin))]
    public void SetupBusySpin() => StartRing(multiProducer: false, new BusySpinWaitStrategy());

    [GlobalSetup(Target = nameof(RingBlocking))]
    public void SetupBlocking() => StartRing(multiProducer: false, new BlockingWaitStrategy());

    [GlobalCleanup(Targets = [nameof(RingBusySpin), nameof(RingBlocking)])]
    public void CleanupRing() => StopRing();

    [Benchmark(OperationsPerInvoke = Operations)]
    public long RingBusySpin() => PublishOneByOne(Operations);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long RingBlocking() => PublishOneByOne(Operations);

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel() => StartChannels(stages: 1, singleWriter: true);

    [GlobalCleanup(Target = nameof(Channel))]
    public void CleanupChannel() => StopChannels();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public Task<long> Channel() => WriteOneByOne(Operations);
}
