using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// One producer, one consumer: the ring (busy-spin and blocking consumer) against a
/// bounded single-reader/single-writer channel of the same capacity.
/// </summary>
[MemoryDiagnoser]
public class OneToOneBenchmarks
{
    private const int Operations = 1_000_000;
    private const int Capacity = 1 << 16;

    private RingBuffer<ValueEntry> _ring = null!;
    private RingPipeline<ValueEntry> _pipeline = null!;
    private CountingHandler _handler = null!;
    private Channel<long> _channel = null!;
    private ChannelStage _stage = null!;

    [GlobalSetup(Target = nameof(RingBusySpin))]
    public void SetupBusySpin() => SetupRing(new BusySpinWaitStrategy());

    [GlobalSetup(Target = nameof(RingBlocking))]
    public void SetupBlocking() => SetupRing(new BlockingWaitStrategy());

    [GlobalCleanup(Targets = [nameof(RingBusySpin), nameof(RingBlocking)])]
    public void CleanupRing() => _pipeline.Stop(StopMode.Abandon, TimeSpan.FromSeconds(10));

    [Benchmark(OperationsPerInvoke = Operations)]
    public long RingBusySpin() => PublishToRing();

    [Benchmark(OperationsPerInvoke = Operations)]
    public long RingBlocking() => PublishToRing();

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel()
    {
        _channel = ChannelStage.CreateChannel(Capacity, singleWriter: true);
        _stage = new ChannelStage(_channel.Reader, next: null);
    }

    [GlobalCleanup(Target = nameof(Channel))]
    public void CleanupChannel()
    {
        _channel.Writer.Complete();
        _stage.Completion.Wait();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public async Task<long> Channel()
    {
        _stage.Expect(Operations);
        var writer = _channel.Writer;
        for (long i = 0; i < Operations; i++)
        {
            if (!writer.TryWrite(i))
            {
                await writer.WriteAsync(i).ConfigureAwait(false);
            }
        }

        _stage.Done.Wait();
        return _stage.Sum;
    }

    private void SetupRing(IWaitStrategy consumerWait)
    {
        _ring = RingBuffer.CreateSingleProducer<ValueEntry>(Capacity);
        _pipeline = new RingPipeline<ValueEntry>(_ring);
        _handler = new CountingHandler();
        _pipeline.Add("consumer", _handler, consumerWait);
        _pipeline.Start();
    }

    private long PublishToRing()
    {
        var ring = _ring;
        _handler.Expect(ring.Cursor.Value + Operations);
        for (long i = 0; i < Operations; i++)
        {
            var sequence = ring.Next();
            ring[sequence].Value = i;
            ring.Publish(sequence);
        }

        _handler.Done.Wait();
        return _handler.Sum;
    }
}
