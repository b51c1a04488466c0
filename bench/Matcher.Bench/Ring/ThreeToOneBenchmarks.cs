using BenchmarkDotNet.Attributes;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// Three producer threads, one consumer: the multi-producer ring against a bounded
/// multi-writer channel. Four busy threads on two cores, so the ring's consumer yields.
/// </summary>
[MemoryDiagnoser]
public class ThreeToOneBenchmarks : RingVersusChannelBenchmark, IDisposable
{
    private const int Producers = 3;
    private const int PerProducer = 400_000;
    private const int Operations = Producers * PerProducer;

    private ProducerThreads? _producers;

    [GlobalSetup(Target = nameof(Ring))]
    public void SetupRing()
    {
        StartRing(multiProducer: true, new YieldingWaitStrategy());
        _producers = new ProducerThreads(Producers, _ =>
        {
            var ring = Buffer;
            for (long i = 0; i < PerProducer; i++)
            {
                var sequence = ring.Next();
                ring[sequence].Value = i;
                ring.Publish(sequence);
            }
        });
    }

    [GlobalCleanup(Target = nameof(Ring))]
    public void CleanupRing()
    {
        Dispose();
        StopRing();
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Ring()
    {
        ExpectOnRing(Operations);
        _producers!.RunRound();
        return AwaitRing();
    }

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel()
    {
        StartChannels(stages: 1, singleWriter: false);
        _producers = new ProducerThreads(Producers, _ =>
        {
            var writer = ChannelWriter;
            for (long i = 0; i < PerProducer; i++)
            {
                if (!writer.TryWrite(i))
                {
                    writer.WriteAsync(i).AsTask().GetAwaiter().GetResult();
                }
            }
        });
    }

    [GlobalCleanup(Target = nameof(Channel))]
    public void CleanupChannel()
    {
        Dispose();
        StopChannels();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long Channel()
    {
        ExpectOnChannels(Operations);
        _producers!.RunRound();
        return AwaitChannels();
    }

    public void Dispose()
    {
        _producers?.Dispose();
        _producers = null;
        GC.SuppressFinalize(this);
    }
}
