using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// Three producer threads, one consumer: the multi-producer ring against a bounded
/// multi-writer channel. Four busy threads on two cores, so the ring's consumer yields.
/// </summary>
[MemoryDiagnoser]
public class ThreeToOneBenchmarks : IDisposable
{
    private const int Producers = 3;
    private const int PerProducer = 400_000;
    private const int Operations = Producers * PerProducer;
    private const int Capacity = 1 << 16;

    private RingBuffer<ValueEntry> _ring = null!;
    private RingPipeline<ValueEntry> _pipeline = null!;
    private CountingHandler _handler = null!;
    private Channel<long> _channel = null!;
    private ChannelStage _stage = null!;
    private ProducerThreads _producers = null!;

    [GlobalSetup(Target = nameof(Ring))]
    public void SetupRing()
    {
        _ring = RingBuffer.CreateMultiProducer<ValueEntry>(Capacity);
        _pipeline = new RingPipeline<ValueEntry>(_ring);
        _handler = new CountingHandler();
        _pipeline.Add("consumer", _handler, new YieldingWaitStrategy());
        _pipeline.Start();
        _producers = new ProducerThreads(Producers, _ =>
        {
            var ring = _ring;
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
        _producers.Dispose();
        _pipeline.Stop(StopMode.Abandon, TimeSpan.FromSeconds(10));
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Ring()
    {
        _handler.Expect(_ring.Cursor.Value + Operations);
        _producers.RunRound();
        _handler.Done.Wait();
        return _handler.Sum;
    }

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel()
    {
        _channel = ChannelStage.CreateChannel(Capacity, singleWriter: false);
        _stage = new ChannelStage(_channel.Reader, next: null);
        _producers = new ProducerThreads(Producers, _ =>
        {
            var writer = _channel.Writer;
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
        _producers.Dispose();
        _channel.Writer.Complete();
        _stage.Completion.Wait();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long Channel()
    {
        _stage.Expect(Operations);
        _producers.RunRound();
        _stage.Done.Wait();
        return _stage.Sum;
    }

    public void Dispose()
    {
        _producers?.Dispose();
        GC.SuppressFinalize(this);
    }
}
