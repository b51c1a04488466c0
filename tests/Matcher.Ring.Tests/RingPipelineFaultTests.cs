using static Matcher.Ring.Tests.TestHandlers;

namespace Matcher.Ring.Tests;

/// <summary>A throwing handler never makes the ring skip or release an entry silently.</summary>
public sealed class RingPipelineFaultTests
{
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
}
