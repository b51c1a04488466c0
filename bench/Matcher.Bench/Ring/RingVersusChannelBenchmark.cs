using System.Threading.Channels;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// What every throughput benchmark shares: a ring whose consumers form a chain ending
/// in a <see cref="CountingHandler"/>, and the baseline, a chain of bounded channels of
/// the same capacity ending in a counting <see cref="ChannelStage"/>. Each method
/// pushes its entries and returns once the last consumer has seen them all.
/// </summary>
public abstract class RingVersusChannelBenchmark
{
    protected const int Capacity = 1 << 16;

    private RingPipeline<ValueEntry> _pipeline = null!;
    private CountingHandler _last = null!;
    private Channel<long>[] _channels = null!;
    private ChannelStage[] _stages = null!;

    protected RingBuffer<ValueEntry> Buffer { get; private set; } = null!;

    protected ChannelWriter<long> ChannelWriter => _channels[0].Writer;

    /// <summary>A ring with one consumer per wait strategy, each depending on the one before.</summary>
    protected void StartRing(bool multiProducer, params IWaitStrategy[] stages)
    {
        Buffer = multiProducer
            ? RingBuffer.CreateMultiProducer<ValueEntry>(Capacity)
            : RingBuffer.CreateSingleProducer<ValueEntry>(Capacity);
        _pipeline = new RingPipeline<ValueEntry>(Buffer);
        _last = new CountingHandler();
        BatchEventProcessor<ValueEntry>? previous = null;
        for (var i = 0; i < stages.Length; i++)
        {
            IEntryHandler<ValueEntry> handler = i == stages.Length - 1 ? _last : new PassThroughHandler();
            BatchEventProcessor<ValueEntry>[] dependsOn = previous is null ? [] : [previous];
            previous = _pipeline.Add($"stage-{i + 1}", handler, stages[i], dependsOn);
        }

        _pipeline.Start();
    }

    protected void StopRing() => _pipeline.Stop(StopMode.Abandon, TimeSpan.FromSeconds(10));

    /// <summary>Arms the last consumer for <paramref name="count"/> more entries.</summary>
    protected void ExpectOnRing(long count) => _last.Expect(Buffer.Cursor.Value + count);

    /// <summary>Waits until the last consumer has seen what <see cref="ExpectOnRing"/> announced.</summary>
    protected long AwaitRing()
    {
        _last.Done.Wait();
        return _last.Sum;
    }

    /// <summary>Publishes <paramref name="count"/> entries one claim at a time and waits for them.</summary>
    protected long PublishOneByOne(long count)
    {
        var ring = Buffer;
        ExpectOnRing(count);
        for (long i = 0; i < count; i++)
        {
            var sequence = ring.Next();
            ring[sequence].Value = i;
            ring.Publish(sequence);
        }

        return AwaitRing();
    }

    /// <summary>A chain of <paramref name="stages"/> bounded channels, each drained by a stage.</summary>
    protected void StartChannels(int stages, bool singleWriter)
    {
        _channels = [.. Enumerable.Range(0, stages).Select(i => ChannelStage.CreateChannel(Capacity, singleWriter || i > 0))];
        _stages = [.. Enumerable.Range(0, stages).Select(i => new ChannelStage(_channels[i].Reader, i + 1 < stages ? _channels[i + 1].Writer : null))];
    }

    protected void StopChannels()
    {
        _channels[0].Writer.Complete();
        Task.WaitAll([.. _stages.Select(s => s.Completion)]);
    }

    /// <summary>Arms the last stage for <paramref name="count"/> more items.</summary>
    protected void ExpectOnChannels(long count) => _stages[^1].Expect(count);

    /// <summary>Waits until the last stage has seen what <see cref="ExpectOnChannels"/> announced.</summary>
    protected long AwaitChannels()
    {
        _stages[^1].Done.Wait();
        return _stages[^1].Sum;
    }

    /// <summary>Writes <paramref name="count"/> items as a .NET user would and waits for them.</summary>
    protected async Task<long> WriteOneByOne(long count)
    {
        ExpectOnChannels(count);
        var writer = ChannelWriter;
        for (long i = 0; i < count; i++)
        {
            if (!writer.TryWrite(i))
            {
                await writer.WriteAsync(i).ConfigureAwait(false);
            }
        }

        return AwaitChannels();
    }
}
