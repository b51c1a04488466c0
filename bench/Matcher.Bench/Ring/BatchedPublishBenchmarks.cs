using BenchmarkDotNet.Attributes;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// One producer publishing ten entries per claim (how a gateway hands over a read
/// buffer's worth of commands) against the same items written one by one to a bounded
/// channel, which has no batch write.
/// </summary>
[MemoryDiagnoser]
public class BatchedPublishBenchmarks : RingVersusChannelBenchmark
{
    private const int BatchSize = 10;
    private const int Operations = 1_000_000;

    [GlobalSetup(Target = nameof(Ring))]
    public void SetupRing() => StartRing(multiProducer: false, new BusySpinWaitStrategy());

    [GlobalCleanup(Target = nameof(Ring))]
    public void CleanupRing() => StopRing();

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Ring()
    {
        var ring = Buffer;
        ExpectOnRing(Operations);
        for (long i = 0; i < Operations; i += BatchSize)
        {
            var high = ring.Next(BatchSize);
            var low = high - BatchSize + 1;
            for (var sequence = low; sequence <= high; sequence++)
            {
                ring[sequence].Value = i;
            }

            ring.Publish(low, high);
        }

        return AwaitRing();
    }

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel() => StartChannels(stages: 1, singleWriter: true);

    [GlobalCleanup(Target = nameof(Channel))]
    public void CleanupChannel() => StopChannels();

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public Task<long> Channel() => WriteOneByOne(Operations);
}
