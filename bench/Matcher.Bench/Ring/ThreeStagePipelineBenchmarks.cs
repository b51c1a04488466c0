using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// One producer and three consumers in a chain (like journaler → core → responder):
/// one ring with dependent consumers against three bounded channels joined by tasks.
/// Four busy threads on two cores, so the ring's consumers yield.
/// </summary>
[MemoryDiagnoser]
public class ThreeStagePipelineBenchmarks
{
    private const int Operations = 1_000_000;
    private const int Capacity = 1 << 16;

    private RingBuffer<ValueEntry> _ring = null!;
    private RingPipeline<ValueEntry> _pipeline = null!;
    private CountingHandler _handler = null!;
    private Channel<long>[] _channels = null!;
    private ChannelStage[] _stages = null!;

    [GlobalSetup(Target = nameof(Ring))]
    public void SetupRing()
    {
        _ring = RingBuffer.CreateSingleProducer<ValueEntry>(Capacity);
        _pipeline = new RingPipeline<ValueEntry>(_ring);
        _handler = new CountingHandler();
        var first = _pipeline.Add("stage-1", new PassThroughHandler(), new YieldingWaitStrategy());
        var second = _pipeline.Add("stage-2", new PassThroughHandler(), new YieldingWaitStrategy(), first);
        _pipeline.Add("stage-3", _handler, new YieldingWaitStrategy(), second);
        _pipeline.Start();
    }

    [GlobalCleanup(Target = nameof(Ring))]
    public void CleanupRing() => _pipeline.Stop(StopMode.Abandon, TimeSpan.FromSeconds(10));

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Ring()
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

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel()
    {
        _channels = [.. Enumerable.Range(0, 3).Select(_ => ChannelStage.CreateChannel(Capacity, singleWriter: true))];
        _stages =
        [
            new ChannelStage(_channels[0].Reader, _channels[1].Writer),
            new ChannelStage(_channels[1].Reader, _channels[2].Writer),
            new ChannelStage(_channels[2].Reader, next: null),
        ];
    }

    [GlobalCleanup(Target = nameof(Channel))]
    public void CleanupChannel()
    {
        _channels[0].Writer.Complete();
        Task.WaitAll([.. _stages.Select(s => s.Completion)]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public async Task<long> Channel()
    {
        var last = _stages[^1];
        last.Expect(Operations);
        var writer = _channels[0].Writer;
        for (long i = 0; i < Operations; i++)
        {
            if (!writer.TryWrite(i))
            {
                await writer.WriteAsync(i).ConfigureAwait(false);
            }
        }

        last.Done.Wait();
        return last.Sum;
    }
}
