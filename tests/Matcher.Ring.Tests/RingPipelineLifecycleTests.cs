using static Matcher.Ring.Tests.TestHandlers;

namespace Matcher.Ring.Tests;

/// <summary>Starting, halting and stopping: drain or abandon, explicitly, and never hang.</summary>
public sealed class RingPipelineLifecycleTests
{
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
}
