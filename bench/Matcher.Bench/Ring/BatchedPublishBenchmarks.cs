using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// One producer publishing ten entries per claim (how a gateway hands over a read
/// buffer's worth of commands) against the same items written one by one to a bounded
/// channel, which has no batch write.
/// </summary>
[MemoryDiagnoser]
public class BatchedPublishBenchmarks
{
    private const int BatchSize = 10;
    private const int Operations = 1_000_000;
    private const int Capacity = 1 << 16;

    private RingBuffer<ValueEntry> _ring = null!;
    private RingPipeline<ValueEntry> _pipeline = null!;
    private CountingHandler _handler = null!;
    private Channel<long> _channel = null!;
    private ChannelStage _stage = null!;

    [GlobalSetup(Target = nameof(Ring))]
    public void SetupRing()
    {
        _ring = RingBuffer.CreateSingleProducer<ValueEntry>(Capacity);
        _pipeline = new RingPipeline<ValueEntry>(_ring);
        _handler = new CountingHandler();
        _pipeline.Add("consumer", _handler, new BusySpinWaitStrategy());
        _pipeline.Start();
    }

    [GlobalCleanup(Target = nameof(Ring))]
    public void CleanupRing() => _pipeline.Stop(StopMode.Abandon, TimeSpan.FromSeconds(10));

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Ring()
    {
        var ring = _ring;
        _handler.Expect(ring.Cursor.Value + Operations);
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

        _handler.Done.Wait();
        return _handler.Sum;
    }

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
        for (long i = 0; i < Operations; i += BatchSize)
        {
            for (var j = 0; j < BatchSize; j++)
            {
                if (!writer.TryWrite(i))
                {
                    await writer.WriteAsync(i).ConfigureAwait(false);
                }
            }
        }

        _stage.Done.Wait();
        return _stage.Sum;
    }
}
