namespace Matcher.Ring.Tests;

/// <summary>Publishing and consuming allocate nothing once warmed up, on either side.</summary>
public sealed class AllocationTests
{
    private const int WarmUp = 10_000;
    private const int Measured = 100_000;

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var multiProducer in new[] { false, true })
        {
            yield return new TestCaseData(multiProducer, WaitStrategyKind.Blocking);
            yield return new TestCaseData(multiProducer, WaitStrategyKind.Yielding);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void PublishAndConsume_AfterWarmUp_AllocateZeroBytes(bool multiProducer, WaitStrategyKind wait)
    {
        var ring = multiProducer
            ? RingBuffer.CreateMultiProducer<TestEntry>(1024)
            : RingBuffer.CreateSingleProducer<TestEntry>(1024);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var handler = new AllocationMeasuringHandler(startAt: WarmUp);
        pipeline.Add("consumer", handler, WaitStrategies.Create(wait));
        pipeline.Start();

        PublishBatchesAndSingles(ring, WarmUp);
        TestTimeouts.WaitUntil(() => pipeline.Consumers[0].Sequence.Value >= WarmUp - 1, "warm-up was consumed");

        var before = GC.GetAllocatedBytesForCurrentThread();
        PublishBatchesAndSingles(ring, Measured);
        var producerBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(producerBytes, Is.Zero, "bytes allocated by the producer");
            Assert.That(handler.ConsumerBytes, Is.Zero, "bytes allocated on the consumer thread");
            Assert.That(handler.Seen, Is.EqualTo(WarmUp + Measured));
        });
    }

    private static void PublishBatchesAndSingles(RingBuffer<TestEntry> ring, int count)
    {
        for (var i = 0; i < count;)
        {
            if (i % 2 == 0 && count - i >= 8)
            {
                var high = ring.Next(8);
                ring.Publish(high - 7, high);
                i += 8;
            }
            else
            {
                var sequence = ring.Next();
                ring[sequence].Value = i;
                ring.Publish(sequence);
                i++;
            }
        }
    }

    private sealed class AllocationMeasuringHandler(long startAt) : IEntryHandler<TestEntry>
    {
        private long _startBytes;

        public long ConsumerBytes { get; private set; }

        public long Seen { get; private set; }

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            Seen++;
            if (sequence == startAt)
            {
                _startBytes = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (sequence > startAt)
            {
                ConsumerBytes = GC.GetAllocatedBytesForCurrentThread() - _startBytes;
            }
        }
    }
}
