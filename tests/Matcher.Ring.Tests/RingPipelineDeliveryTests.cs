using static Matcher.Ring.Tests.TestHandlers;

namespace Matcher.Ring.Tests;

/// <summary>Every consumer gets every entry once, in order, never before what it depends on.</summary>
public sealed class RingPipelineDeliveryTests
{
    [Test]
    public void SeveralProducers_EveryConsumerGetsEachEntryOnceInProducerOrder()
    {
        const int Producers = 4;
        const int PerProducer = 50_000;
        var ring = RingBuffer.CreateMultiProducer<TestEntry>(256);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var left = new OrderCheckingHandler(Producers);
        var right = new OrderCheckingHandler(Producers);
        pipeline.Add("left", left, new BlockingWaitStrategy());
        pipeline.Add("right", right, new YieldingWaitStrategy());
        pipeline.Start();

        var threads = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                var sequence = ring.Next();
                ref var entry = ref ring[sequence];
                entry.ProducerId = p;
                entry.Value = i;
                ring.Publish(sequence);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        foreach (var handler in new[] { left, right })
        {
            Assert.Multiple(() =>
            {
                Assert.That(handler.Errors, Is.Empty);
                Assert.That(handler.Count, Is.EqualTo(Producers * PerProducer));
                Assert.That(handler.NextValueByProducer, Is.All.EqualTo(PerProducer));
            });
        }
    }

    [Test]
    public void BatchedPublish_ConsumerSeesEveryEntryOfEveryBatch()
    {
        const int Batches = 2_000;
        const int BatchSize = 10;
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(64);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var handler = new OrderCheckingHandler(1);
        pipeline.Add("consumer", handler, new BlockingWaitStrategy());
        pipeline.Start();

        var value = 0L;
        for (var b = 0; b < Batches; b++)
        {
            var high = ring.Next(BatchSize);
            for (var s = high - BatchSize + 1; s <= high; s++)
            {
                ring[s].Value = value++;
            }

            ring.Publish(high - BatchSize + 1, high);
        }

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.That(handler.Errors, Is.Empty);
        Assert.That(handler.Count, Is.EqualTo(Batches * BatchSize));
    }

    [Test]
    public void DependentConsumers_NeverPassWhatTheyDependOn()
    {
        const int Count = 100_000;
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(32);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var journal = pipeline.Add("journal", new MarkingHandler(), new YieldingWaitStrategy());
        var coreHandler = new DependencyCheckingHandler(journal.Sequence) { ExpectStageOneMark = true };
        var core = pipeline.Add("core", coreHandler, new BlockingWaitStrategy(), journal);
        var responderA = new DependencyCheckingHandler(core.Sequence);
        var responderB = new DependencyCheckingHandler(core.Sequence);
        pipeline.Add("responder-a", responderA, new BlockingWaitStrategy(), core);
        pipeline.Add("responder-b", responderB, new YieldingWaitStrategy(), core);
        pipeline.Start();

        Publish(ring, Count);

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        foreach (var handler in new[] { coreHandler, responderA, responderB })
        {
            Assert.Multiple(() =>
            {
                Assert.That(handler.Violations, Is.Zero, "an entry was processed before its upstream consumer finished it");
                Assert.That(handler.Count, Is.EqualTo(Count));
            });
        }
    }

    [Test]
    public void Diamond_ConsumerAfterTwoOthers_WaitsForBoth()
    {
        const int Count = 50_000;
        var ring = RingBuffer.CreateMultiProducer<TestEntry>(16);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var a = pipeline.Add("a", new MarkingHandler(), new BlockingWaitStrategy());
        var b = pipeline.Add("b", new CountingHandler(), new YieldingWaitStrategy());
        var join = new DependencyCheckingHandler(a.Sequence, b.Sequence);
        pipeline.Add("join", join, new BlockingWaitStrategy(), a, b);
        pipeline.Start();

        Publish(ring, Count);

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.That(join.Violations, Is.Zero);
        Assert.That(join.Count, Is.EqualTo(Count));
    }

    [Test]
    public void SmallRing_WrapsAroundManyTimes_WithoutLosingOrOverwritingEntries()
    {
        const int Count = 100_000;
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(4);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var handler = new OrderCheckingHandler(1);
        pipeline.Add("consumer", handler, new BlockingWaitStrategy());
        pipeline.Start();

        Publish(ring, Count);

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.That(handler.Errors, Is.Empty);
        Assert.That(handler.Count, Is.EqualTo(Count));
    }

    [Test]
    public void FullRing_TryNextFails_UntilTheConsumerCatchesUp()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(8);
        var pipeline = new RingPipeline<TestEntry>(ring);
        using var gate = new ManualResetEventSlim();
        var handler = new GatedHandler(gate);
        pipeline.Add("slow", handler, new BlockingWaitStrategy());
        pipeline.Start();

        for (var i = 0; i < 8; i++)
        {
            Assert.That(ring.TryNext(out var sequence), Is.True);
            ring.Publish(sequence);
        }

        Assert.That(ring.TryNext(out _), Is.False, "a full ring rejects at once");
        gate.Set();
        TestTimeouts.WaitUntil(() => ring.TryNext(out var s) && Publish(ring, s), "the ring had room again");

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.That(handler.Count, Is.EqualTo(9));
    }

    [Test]
    public void SeveralProducers_FullRing_MixedNextAndTryNext_EachEntryDeliveredOnce()
    {
        const int PerProducer = 20_000;
        var ring = RingBuffer.CreateMultiProducer<TestEntry>(8);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var handler = new OrderCheckingHandler(3);
        pipeline.Add("consumer", handler, new BlockingWaitStrategy());
        pipeline.Start();

        var rejected = 0L;
        var threads = Enumerable.Range(0, 3).Select(p => new Thread(() =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                long sequence;
                if (p == 0)
                {
                    sequence = ring.Next();
                }
                else
                {
                    while (!ring.TryNext(out sequence))
                    {
                        Interlocked.Increment(ref rejected);
                        Thread.Yield();
                    }
                }

                ring[sequence].ProducerId = p;
                ring[sequence].Value = i;
                ring.Publish(sequence);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(handler.Errors, Is.Empty);
            Assert.That(handler.Count, Is.EqualTo(3 * PerProducer));
            Assert.That(rejected, Is.GreaterThan(0), "the ring of 8 was full at times");
        });
    }

    [Test]
    public void EndOfBatch_IsTrueOnlyOnTheLastAvailableEntry()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(64);
        var pipeline = new RingPipeline<TestEntry>(ring);
        using var gate = new ManualResetEventSlim();
        var handler = new GatedHandler(gate);
        pipeline.Add("batcher", handler, new BlockingWaitStrategy());
        pipeline.Start();

        PublishWhileTheFirstIsHeld(ring, handler, 10);
        gate.Set();

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        var expected = new[] { true }.Concat(Enumerable.Repeat(false, 9)).Append(true);
        Assert.That(handler.EndOfBatchFlags, Is.EqualTo(expected));
    }

    [Test]
    public void MaxBatchSize_EndsABatchEveryNEntries()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(64);
        var pipeline = new RingPipeline<TestEntry>(ring);
        using var gate = new ManualResetEventSlim();
        var handler = new GatedHandler(gate);
        pipeline.Add("batcher", handler, new BlockingWaitStrategy(), maxBatchSize: 4);
        pipeline.Start();

        PublishWhileTheFirstIsHeld(ring, handler, 10);
        gate.Set();

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        bool[] expected = [true, false, false, false, true, false, false, false, true, false, true];
        Assert.That(handler.EndOfBatchFlags, Is.EqualTo(expected));
    }

    [Test]
    public void IdleConsumerWithTimeout_GetsOnTimeoutWithTheLastProcessedSequence()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var handler = new TimeoutHandler();
        pipeline.Add("timer", handler, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(2)));
        pipeline.Start();

        Publish(ring, 3);
        TestTimeouts.WaitUntil(() => handler.TimeoutSequences.Contains(2), "an idle timeout after entry 2");
        pipeline.Stop(StopMode.Drain, TestTimeouts.Long);

        Assert.That(handler.TimeoutSequences.All(s => s is >= -1 and <= 2), Is.True);
    }
}
