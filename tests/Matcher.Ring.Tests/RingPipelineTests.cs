using System.Collections.Concurrent;

namespace Matcher.Ring.Tests;

public sealed class RingPipelineTests
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
    public void Stop_Drain_ProcessesEverythingPublishedFirst()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(1024);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var slow = new SlowHandler();
        var first = pipeline.Add("slow", slow, new BlockingWaitStrategy());
        var after = new CountingHandler();
        pipeline.Add("after", after, new BlockingWaitStrategy(), first);
        pipeline.Start();

        Publish(ring, 500);

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.That(slow.Count, Is.EqualTo(500));
        Assert.That(after.Count, Is.EqualTo(500));
    }

    [Test]
    public void Stop_Abandon_LeavesPendingEntriesUnprocessedAndSaysHowMany()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(1024);
        var pipeline = new RingPipeline<TestEntry>(ring);
        using var gate = new ManualResetEventSlim();
        var handler = new GatedHandler(gate);
        pipeline.Add("slow", handler, new BlockingWaitStrategy(), maxBatchSize: 1);
        pipeline.Start();

        PublishWhileTheFirstIsHeld(ring, handler, 99);

        var stop = Task.Run(() => pipeline.Stop(StopMode.Abandon, TestTimeouts.Long));
        TestTimeouts.WaitUntil(() => pipeline.Consumers[0].Barrier.IsAlerted, "the consumer was told to halt");
        gate.Set();

        Assert.That(stop.Wait(TestTimeouts.Long), Is.True);
        Assert.That(stop.Result, Is.EqualTo(99));
        Assert.That(handler.Count, Is.EqualTo(1), "only the entry in hand was finished");
    }

    [Test]
    public void Stop_Drain_StillRunsLifecycleShutdownOnTheConsumerThread()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var handler = new LifecycleHandler();
        pipeline.Add("lifecycle", handler, new BlockingWaitStrategy());
        pipeline.Start();
        Publish(ring, 3);
        pipeline.Stop(StopMode.Drain, TestTimeouts.Long);

        Assert.That(handler.Calls, Is.EqualTo(new[] { "start:matcher-lifecycle", "event", "event", "event", "shutdown:matcher-lifecycle" }));
    }

    [Test]
    public void HandlerThrows_DefaultHandlerLogsAndHaltsThePipeline_EntryNotSkipped()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(64);
        using var log = new StringWriter();
        var pipeline = new RingPipeline<TestEntry>(ring, new LogAndHaltExceptionHandler<TestEntry>(log));
        var handler = new ThrowingHandler(failAt: 5);
        var failing = pipeline.Add("core", handler, new BlockingWaitStrategy());
        var responder = pipeline.Add("responder", new CountingHandler(), new BlockingWaitStrategy(), failing);
        pipeline.Add("metrics", new CountingHandler(), new BlockingWaitStrategy());
        pipeline.Start();

        Publish(ring, 20);
        TestTimeouts.WaitUntil(() => pipeline.Fault is not null, "the pipeline faulted");
        var unprocessed = pipeline.Stop(StopMode.Drain, TestTimeouts.Long);

        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Fault, Is.TypeOf<InvalidOperationException>());
            Assert.That(pipeline.FaultedConsumer, Is.SameAs(failing));
            Assert.That(handler.Processed, Does.Not.Contain(5L));
            Assert.That(handler.Processed, Has.None.GreaterThan(5L), "nothing after the failed entry was handled");
            Assert.That(failing.Sequence.Value, Is.LessThan(5), "the failed entry is never marked processed");
            Assert.That(responder.Sequence.Value, Is.LessThanOrEqualTo(failing.Sequence.Value));
            Assert.That(pipeline.Consumers.Select(c => c.IsRunning), Is.All.False, "every consumer halted");
            Assert.That(unprocessed, Is.EqualTo(19 - pipeline.Consumers.Min(c => c.Sequence.Value)));
            Assert.That(log.ToString(), Does.Contain("'core'").And.Contain("sequence 5").And.Contain("boom at 5"));
        });
    }

    [Test]
    public void HandlerThrowsMidBatch_DownstreamNeverSeesTheUnfinishedBatch()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(64);
        using var log = new StringWriter();
        var pipeline = new RingPipeline<TestEntry>(ring, new LogAndHaltExceptionHandler<TestEntry>(log));
        using var gate = new ManualResetEventSlim();
        var gated = new GatedHandler(gate, failAt: 6);
        var journal = pipeline.Add("journal", gated, new BlockingWaitStrategy());
        var downstream = new RecordingHandler();
        pipeline.Add("core", downstream, new BlockingWaitStrategy(), journal);
        pipeline.Start();

        PublishWhileTheFirstIsHeld(ring, gated, 10);
        gate.Set();
        TestTimeouts.WaitUntil(() => pipeline.Fault is not null, "the pipeline faulted");
        pipeline.Stop(StopMode.Abandon, TestTimeouts.Long);

        Assert.Multiple(() =>
        {
            Assert.That(journal.Sequence.Value, Is.Zero, "entries 1..5 were handed over without an end of batch");
            Assert.That(downstream.Sequences, Is.EqualTo(new[] { 0L }));
        });
    }

    [Test]
    public void ExceptionHandlerItselfThrows_ConsumerFaultsInsteadOfCrashingTheProcess()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var pipeline = new RingPipeline<TestEntry>(ring, new ThrowingExceptionHandler());
        var consumer = pipeline.Add("core", new ThrowingHandler(failAt: 2), new BlockingWaitStrategy());
        pipeline.Add("other", new CountingHandler(), new BlockingWaitStrategy());
        pipeline.Start();

        Publish(ring, 5);
        TestTimeouts.WaitUntil(() => pipeline.Fault is not null, "the pipeline faulted");
        pipeline.Stop(StopMode.Abandon, TestTimeouts.Long);

        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Fault, Is.TypeOf<IOException>());
            Assert.That(consumer.Sequence.Value, Is.LessThan(2));
            Assert.That(pipeline.Consumers.Select(c => c.IsRunning), Is.All.False);
        });
    }

    [Test]
    public void HandlerThrows_ExceptionHandlerSkips_SkipIsRecordedAndTheRestIsProcessed()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(64);
        var exceptions = new SkippingExceptionHandler();
        var pipeline = new RingPipeline<TestEntry>(ring, exceptions);
        var handler = new ThrowingHandler(failAt: 5);
        pipeline.Add("core", handler, new BlockingWaitStrategy());
        pipeline.Start();

        Publish(ring, 20);

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.That(exceptions.Skipped, Is.EqualTo(new[] { 5L }));
        Assert.That(handler.Processed, Is.EqualTo(Enumerable.Range(0, 20).Where(i => i != 5).Select(i => (long)i)));
        Assert.That(pipeline.Fault, Is.Null);
    }

    [Test]
    public void HandlerThrowsMidBatch_ExceptionHandlerSkips_RestOfTheBatchEndsItNormally()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(64);
        var exceptions = new SkippingExceptionHandler();
        var pipeline = new RingPipeline<TestEntry>(ring, exceptions);
        using var gate = new ManualResetEventSlim();
        var handler = new GatedHandler(gate, failAt: 4);
        var consumer = pipeline.Add("journal", handler, new BlockingWaitStrategy());
        pipeline.Start();

        PublishWhileTheFirstIsHeld(ring, handler, 10);
        gate.Set();

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(exceptions.Skipped, Is.EqualTo(new[] { 4L }));
            Assert.That(consumer.Sequence.Value, Is.EqualTo(10));
            bool[] flags = [true, false, false, false, false, false, false, false, false, true];
            Assert.That(handler.EndOfBatchFlags, Is.EqualTo(flags), "entries 0..3 and 5..10: the batch still ends on 10");
        });
    }

    [Test]
    public void Stop_DrainWithInfiniteTimeout_Drains()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(1024);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var slow = new SlowHandler();
        pipeline.Add("slow", slow, new BlockingWaitStrategy());
        pipeline.Start();

        Publish(ring, 300);

        Assert.That(pipeline.Stop(StopMode.Drain, Timeout.InfiniteTimeSpan), Is.Zero);
        Assert.That(slow.Count, Is.EqualTo(300));
    }

    [Test]
    public void Stop_SeveralProducersWithAClaimNeverPublished_CountsThePublishedEntriesBehindTheGap()
    {
        var ring = RingBuffer.CreateMultiProducer<TestEntry>(64);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var handler = new CountingHandler();
        pipeline.Add("consumer", handler, new BlockingWaitStrategy());
        pipeline.Start();

        Publish(ring, 3);
        TestTimeouts.WaitUntil(() => handler.Count == 3, "the first three were consumed");
        ring.Next();
        Publish(ring, 5);

        Assert.That(pipeline.Stop(StopMode.Drain, TimeSpan.FromMilliseconds(200)), Is.EqualTo(5));
        Assert.That(handler.Count, Is.EqualTo(3), "nothing passes an unpublished claim");
    }

    [Test]
    public void Stop_ConsumerBlockedInItsHandler_ThrowsTimeoutNamingIt()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var pipeline = new RingPipeline<TestEntry>(ring);
        using var gate = new ManualResetEventSlim();
        var handler = new GatedHandler(gate);
        pipeline.Add("stuck", handler, new BlockingWaitStrategy());
        pipeline.Start();
        Publish(ring, 1);
        TestTimeouts.WaitUntil(() => handler.Entered, "the consumer held entry 0");

        Assert.That(() => pipeline.Stop(StopMode.Abandon, TimeSpan.FromMilliseconds(50)), Throws.TypeOf<TimeoutException>().With.Message.Contains("stuck"));
        gate.Set();
        Assert.That(pipeline.Stop(StopMode.Abandon, TestTimeouts.Long), Is.Zero);
    }

    [Test]
    public void Stop_FromAConsumerThread_IsRefused()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var handler = new StoppingHandler(pipeline);
        pipeline.Add("self-stopper", handler, new BlockingWaitStrategy());
        pipeline.Start();
        Publish(ring, 1);
        TestTimeouts.WaitUntil(() => handler.Caught is not null, "the handler tried to stop");
        pipeline.Stop(StopMode.Abandon, TestTimeouts.Long);

        Assert.That(handler.Caught, Is.TypeOf<InvalidOperationException>());
    }

    [Test]
    public void Start_AfterEntriesWereClaimed_Throws()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var pipeline = new RingPipeline<TestEntry>(ring);
        pipeline.Add("late", new CountingHandler(), new BlockingWaitStrategy());
        Publish(ring, 1);
        Assert.That(pipeline.Start, Throws.InvalidOperationException.With.Message.Contains("before producers claim"));
    }

    [Test]
    public void Halt_WhileTheConsumerFinishesItsBatch_IsRunningStaysTrueUntilItReturns()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        using var gate = new ManualResetEventSlim();
        var handler = new GatedHandler(gate);
        var consumer = new BatchEventProcessor<TestEntry>("c", ring, ring.NewBarrier(new BlockingWaitStrategy()), handler);
        ring.Sequencer.AddGatingSequences(consumer.Sequence);
        var thread = new Thread(consumer.Run);
        thread.Start();
        Publish(ring, 1);
        TestTimeouts.WaitUntil(() => handler.Entered, "the consumer held entry 0");

        consumer.Halt();
        Assert.That(consumer.IsRunning, Is.True);
        gate.Set();
        Assert.That(thread.Join(TestTimeouts.Long), Is.True);
        Assert.That(consumer.IsRunning, Is.False);
        Assert.That(consumer.Sequence.Value, Is.Zero);
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

    [Test]
    public void Halt_BeforeRun_RunReturnsAtOnce()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var consumer = new BatchEventProcessor<TestEntry>("c", ring, ring.NewBarrier(new BlockingWaitStrategy()), new CountingHandler());
        consumer.Halt();
        var run = Task.Run(consumer.Run);
        Assert.That(run.Wait(TestTimeouts.Long), Is.True);
        Assert.That(consumer.IsRunning, Is.False);
    }

    [Test]
    public void Add_AfterStart_Throws()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var pipeline = new RingPipeline<TestEntry>(ring);
        pipeline.Add("a", new CountingHandler(), new BlockingWaitStrategy());
        pipeline.Start();
        try
        {
            Assert.That(() => pipeline.Add("b", new CountingHandler(), new BlockingWaitStrategy()), Throws.InvalidOperationException);
            Assert.That(pipeline.Start, Throws.InvalidOperationException);
        }
        finally
        {
            pipeline.Stop(StopMode.Abandon, TestTimeouts.Long);
        }
    }

    [Test]
    public void Add_DependingOnAnotherPipelinesConsumer_Throws()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var other = new RingPipeline<TestEntry>(ring).Add("x", new CountingHandler(), new BlockingWaitStrategy());
        var pipeline = new RingPipeline<TestEntry>(ring);
        Assert.That(() => pipeline.Add("y", new CountingHandler(), new BlockingWaitStrategy(), other), Throws.InvalidOperationException);
    }

    [Test]
    public void Consumer_BarrierOfAnotherRing_Throws()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var other = RingBuffer.CreateSingleProducer<TestEntry>(16);
        Assert.That(
            () => new BatchEventProcessor<TestEntry>("c", ring, other.NewBarrier(new BlockingWaitStrategy()), new CountingHandler()),
            Throws.InvalidOperationException);
    }

    private static void Publish(RingBuffer<TestEntry> ring, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sequence = ring.Next();
            ring[sequence].Value = sequence;
            ring.Publish(sequence);
        }
    }

    private static bool Publish(RingBuffer<TestEntry> ring, long sequence)
    {
        ring[sequence].Value = sequence;
        ring.Publish(sequence);
        return true;
    }

    /// <summary>Publishes one entry, waits until the gated consumer holds it, then publishes <paramref name="more"/>.</summary>
    private static void PublishWhileTheFirstIsHeld(RingBuffer<TestEntry> ring, GatedHandler handler, int more)
    {
        Publish(ring, 1);
        TestTimeouts.WaitUntil(() => handler.Entered, "the consumer held the first entry");
        Publish(ring, more);
    }

    private sealed class OrderCheckingHandler(int producers) : IEntryHandler<TestEntry>
    {
        private long _lastSequence = -1;

        public long[] NextValueByProducer { get; } = new long[producers];

        public List<string> Errors { get; } = [];

        public long Count { get; private set; }

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            if (sequence != _lastSequence + 1)
            {
                Errors.Add($"sequence {sequence} after {_lastSequence}");
            }

            if (entry.Value != NextValueByProducer[entry.ProducerId])
            {
                Errors.Add($"producer {entry.ProducerId}: value {entry.Value}, expected {NextValueByProducer[entry.ProducerId]}");
            }

            NextValueByProducer[entry.ProducerId] = entry.Value + 1;
            _lastSequence = sequence;
            Count++;
        }
    }

    private sealed class MarkingHandler : IEntryHandler<TestEntry>
    {
        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch) => entry.StageOneMark = sequence + 1;
    }

    private sealed class DependencyCheckingHandler(params Sequence[] upstream) : IEntryHandler<TestEntry>
    {
        public bool ExpectStageOneMark { get; init; }

        public long Violations { get; private set; }

        public long Count { get; private set; }

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            if (Sequence.Min(upstream) < sequence || (ExpectStageOneMark && entry.StageOneMark != sequence + 1))
            {
                Violations++;
            }

            Count++;
        }
    }

    private sealed class CountingHandler : IEntryHandler<TestEntry>
    {
        private long _count;

        public long Count => Volatile.Read(ref _count);

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch) => Interlocked.Increment(ref _count);
    }

    private sealed class SlowHandler : IEntryHandler<TestEntry>
    {
        public long Count { get; private set; }

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            Thread.SpinWait(2_000);
            Count++;
        }
    }

    private sealed class GatedHandler(ManualResetEventSlim gate, long failAt = -1) : IEntryHandler<TestEntry>
    {
        private volatile bool _entered;
        private long _count;

        public bool Entered => _entered;

        public long Count => Volatile.Read(ref _count);

        public List<bool> EndOfBatchFlags { get; } = [];

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            _entered = true;
            gate.Wait();
            if (sequence == failAt)
            {
                throw new InvalidOperationException($"boom at {sequence}");
            }

            EndOfBatchFlags.Add(endOfBatch);
            Interlocked.Increment(ref _count);
        }
    }

    private sealed class LifecycleHandler : IEntryHandler<TestEntry>, ILifecycleAware
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch) => Calls.Enqueue("event");

        public void OnStart() => Calls.Enqueue($"start:{Thread.CurrentThread.Name}");

        public void OnShutdown() => Calls.Enqueue($"shutdown:{Thread.CurrentThread.Name}");
    }

    private sealed class ThrowingHandler(long failAt) : IEntryHandler<TestEntry>
    {
        public List<long> Processed { get; } = [];

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            if (sequence == failAt)
            {
                throw new InvalidOperationException($"boom at {sequence}");
            }

            Processed.Add(sequence);
        }
    }

    private sealed class RecordingHandler : IEntryHandler<TestEntry>
    {
        public ConcurrentQueue<long> Sequences { get; } = new();

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch) => Sequences.Enqueue(sequence);
    }

    private sealed class StoppingHandler(RingPipeline<TestEntry> pipeline) : IEntryHandler<TestEntry>
    {
        private Exception? _caught;

        public Exception? Caught => Volatile.Read(ref _caught);

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            try
            {
                pipeline.Stop(StopMode.Abandon, TimeSpan.FromSeconds(1));
            }
            catch (InvalidOperationException exception)
            {
                Volatile.Write(ref _caught, exception);
            }
        }
    }

    private sealed class ThrowingExceptionHandler : IExceptionHandler<TestEntry>
    {
        public ExceptionAction OnEventException(string consumerName, long sequence, ref TestEntry entry, Exception exception) =>
            throw new IOException("the log is gone");

        public ExceptionAction OnLifecycleException(string consumerName, Exception exception) => ExceptionAction.Halt;
    }

    private sealed class SkippingExceptionHandler : IExceptionHandler<TestEntry>
    {
        public List<long> Skipped { get; } = [];

        public ExceptionAction OnEventException(string consumerName, long sequence, ref TestEntry entry, Exception exception)
        {
            Skipped.Add(sequence);
            return ExceptionAction.Skip;
        }

        public ExceptionAction OnLifecycleException(string consumerName, Exception exception) => ExceptionAction.Halt;
    }

    private sealed class TimeoutHandler : IEntryHandler<TestEntry>, ITimeoutHandler
    {
        public ConcurrentBag<long> TimeoutSequences { get; } = [];

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
        }

        public void OnTimeout(long sequence) => TimeoutSequences.Add(sequence);
    }
}
