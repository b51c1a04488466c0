namespace Matcher.Ring.Tests;

/// <summary>What every wait strategy must do; one subclass per strategy.</summary>
public abstract class WaitStrategyContract
{
    protected abstract IWaitStrategy Create();

    [Test]
    public void WaitFor_AlreadyPublished_ReturnsTheCursor()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        ring.Publish(ring.Next(3) - 2, 2);
        var barrier = ring.NewBarrier(Create());

        Assert.That(barrier.WaitFor(0), Is.EqualTo(2));
    }

    [Test]
    public void WaitFor_PublishedLaterByAnotherThread_Returns()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var barrier = ring.NewBarrier(Create());
        var waiter = Task.Factory.StartNew(() => WaitLikeAConsumer(barrier, 0), TaskCreationOptions.LongRunning);

        Thread.Sleep(20);
        ring.Publish(ring.Next());

        Assert.That(waiter.Wait(TestTimeouts.Long), Is.True);
        Assert.That(waiter.Result, Is.EqualTo(0));
    }

    [Test]
    public void WaitFor_DependentConsumerBehindTheCursor_WaitsForTheConsumer()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        ring.Publish(ring.Next(4) - 3, 3);
        var upstream = new Sequence();
        var barrier = ring.NewBarrier(Create(), upstream);
        var waiter = Task.Factory.StartNew(() => WaitLikeAConsumer(barrier, 2), TaskCreationOptions.LongRunning);

        Thread.Sleep(20);
        upstream.SetRelease(1);
        ring.Sequencer.SignalConsumers();
        Assert.That(waiter.Wait(TimeSpan.FromMilliseconds(50)), Is.False, "upstream has not reached 2 yet");

        upstream.SetRelease(2);
        ring.Sequencer.SignalConsumers();
        Assert.That(waiter.Wait(TestTimeouts.Long), Is.True);
        Assert.That(waiter.Result, Is.EqualTo(2), "never more than the upstream consumer has finished");
    }

    [Test]
    public void Alert_WakesAWaitingConsumer()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var barrier = ring.NewBarrier(Create());
        var waiter = Task.Factory.StartNew(() => WaitLikeAConsumer(barrier, 0), TaskCreationOptions.LongRunning);

        Thread.Sleep(20);
        barrier.Alert();

        Assert.That(waiter.Wait(TestTimeouts.Long), Is.True);
        Assert.That(waiter.Result, Is.LessThan(0));
        Assert.That(barrier.IsAlerted, Is.True);
    }

    [Test]
    public void Pipeline_WithThisStrategy_DeliversEverythingInOrder()
    {
        const int Count = 20_000;
        var ring = RingBuffer.CreateMultiProducer<TestEntry>(64);
        var pipeline = new RingPipeline<TestEntry>(ring);
        var first = new RecordingHandler();
        var second = new RecordingHandler();
        var firstConsumer = pipeline.Add("first", first, Create());
        pipeline.Add("second", second, Create(), firstConsumer);
        pipeline.Start();

        for (var i = 0; i < Count; i++)
        {
            var sequence = ring.Next();
            ring[sequence].Value = i;
            ring.Publish(sequence);
        }

        Assert.That(pipeline.Stop(StopMode.Drain, TestTimeouts.Long), Is.Zero);
        Assert.That(first.Values, Is.EqualTo(Enumerable.Range(0, Count).Select(i => (long)i)));
        Assert.That(second.Values, Is.EqualTo(first.Values));
    }

    /// <summary>Waits as a consumer does: a timeout means "wait again", an alert means "stop".</summary>
    private static long WaitLikeAConsumer(SequenceBarrier barrier, long sequence)
    {
        long available;
        do
        {
            available = barrier.WaitFor(sequence);
        }
        while (available < sequence && !barrier.IsAlerted);

        return available;
    }

    private sealed class RecordingHandler : IEntryHandler<TestEntry>
    {
        public List<long> Values { get; } = [];

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch) => Values.Add(entry.Value);
    }
}

public sealed class BlockingWaitStrategyTests : WaitStrategyContract
{
    protected override IWaitStrategy Create() => new BlockingWaitStrategy();

    [Test]
    public void WaitFor_NothingPublishedWithinTheTimeout_ReturnsBelowTheSequence()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(16);
        var barrier = ring.NewBarrier(new BlockingWaitStrategy(TimeSpan.FromMilliseconds(10)));

        Assert.That(barrier.WaitFor(0), Is.EqualTo(-1));
        Assert.That(barrier.IsAlerted, Is.False, "a timeout is not an alert");
    }

    [Test]
    public void Constructor_NonPositiveTimeout_Throws() =>
        Assert.That(() => new BlockingWaitStrategy(TimeSpan.Zero), Throws.TypeOf<ArgumentOutOfRangeException>());
}

public sealed class BlockingWithTimeoutWaitStrategyTests : WaitStrategyContract
{
    protected override IWaitStrategy Create() => new BlockingWaitStrategy(TimeSpan.FromMilliseconds(5));
}

public sealed class YieldingWaitStrategyTests : WaitStrategyContract
{
    protected override IWaitStrategy Create() => new YieldingWaitStrategy();
}

public sealed class SleepingWaitStrategyTests : WaitStrategyContract
{
    protected override IWaitStrategy Create() => new SleepingWaitStrategy();
}

/// <summary>Busy-spin takes a core while a test runs: these tests are short on purpose.</summary>
public sealed class BusySpinWaitStrategyTests : WaitStrategyContract
{
    protected override IWaitStrategy Create() => new BusySpinWaitStrategy();
}

public sealed class WaitStrategiesTests
{
    [TestCase("blocking", WaitStrategyKind.Blocking, typeof(BlockingWaitStrategy))]
    [TestCase("Yielding", WaitStrategyKind.Yielding, typeof(YieldingWaitStrategy))]
    [TestCase(" sleeping ", WaitStrategyKind.Sleeping, typeof(SleepingWaitStrategy))]
    [TestCase("busy-spin", WaitStrategyKind.BusySpin, typeof(BusySpinWaitStrategy))]
    public void TryParse_KnownName_CreatesThatStrategy(string name, WaitStrategyKind kind, Type type)
    {
        Assert.That(WaitStrategies.TryParse(name, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(kind));
        Assert.That(WaitStrategies.Create(parsed), Is.TypeOf(type));
    }

    [TestCase("spinning")]
    [TestCase("")]
    [TestCase(null)]
    public void TryParse_UnknownName_Fails(string? name) =>
        Assert.That(WaitStrategies.TryParse(name, out _), Is.False);

    [Test]
    public void Create_BlockingWithTimeout_KeepsTheTimeout()
    {
        var strategy = (BlockingWaitStrategy)WaitStrategies.Create(WaitStrategyKind.Blocking, TimeSpan.FromMilliseconds(3));
        Assert.That(strategy.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(3)));
    }

    [Test]
    public void WaitStrategyKind_ValuesArePinned()
    {
        // Configuration files name these; the numbers must not move.
        Assert.Multiple(() =>
        {
            Assert.That((int)WaitStrategyKind.Blocking, Is.EqualTo(0));
            Assert.That((int)WaitStrategyKind.Yielding, Is.EqualTo(1));
            Assert.That((int)WaitStrategyKind.Sleeping, Is.EqualTo(2));
            Assert.That((int)WaitStrategyKind.BusySpin, Is.EqualTo(3));
        });
    }
}
