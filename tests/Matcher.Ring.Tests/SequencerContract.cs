namespace Matcher.Ring.Tests;

/// <summary>What every sequencer must do; one subclass per implementation.</summary>
public abstract class SequencerContract
{
    private const int Size = 8;

    protected abstract Sequencer Create(int size);

    [Test]
    public void Constructor_SizeNotAPowerOfTwo_Throws()
    {
        Assert.That(() => Create(6), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Create(0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Next_ClaimsConsecutiveSequences()
    {
        var sequencer = Create(Size);
        Assert.Multiple(() =>
        {
            Assert.That(sequencer.Next(), Is.EqualTo(0));
            Assert.That(sequencer.Next(), Is.EqualTo(1));
            Assert.That(sequencer.Next(3), Is.EqualTo(4));
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(Size + 1)]
    public void Next_CountOutOfRange_Throws(int count)
    {
        var sequencer = Create(Size);
        Assert.That(() => sequencer.Next(count), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => sequencer.TryNext(count, out _), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Publish_MakesTheSequenceAvailable()
    {
        var sequencer = Create(Size);
        var sequence = sequencer.Next();
        Assert.That(sequencer.IsAvailable(sequence), Is.False);
        sequencer.Publish(sequence);
        Assert.That(sequencer.IsAvailable(sequence), Is.True);
    }

    [Test]
    public void TryNext_RingFull_FailsAtOnceAndClaimsNothing()
    {
        var sequencer = Create(Size);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        var high = sequencer.Next(Size);
        sequencer.Publish(high - Size + 1, high);

        Assert.Multiple(() =>
        {
            Assert.That(sequencer.TryNext(1, out _), Is.False);
            Assert.That(sequencer.RemainingCapacity(), Is.Zero);
        });

        consumer.SetRelease(1);
        Assert.Multiple(() =>
        {
            Assert.That(sequencer.TryNext(2, out var claimed), Is.True);
            Assert.That(claimed, Is.EqualTo(Size + 1), "the failed attempt must not have consumed a sequence");
            Assert.That(sequencer.TryNext(1, out _), Is.False);
        });
    }

    [Test]
    public void TryNext_BatchLargerThanTheRoomLeft_Fails()
    {
        var sequencer = Create(Size);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        sequencer.Next(Size - 2);

        Assert.Multiple(() =>
        {
            Assert.That(sequencer.TryNext(3, out _), Is.False);
            Assert.That(sequencer.TryNext(2, out var high), Is.True);
            Assert.That(high, Is.EqualTo(Size - 1));
        });
    }

    [Test]
    public void Next_RingFull_WaitsUntilTheSlowestConsumerMoves()
    {
        var sequencer = Create(Size);
        var fast = new Sequence();
        var slow = new Sequence();
        sequencer.AddGatingSequences(fast, slow);
        var high = sequencer.Next(Size);
        sequencer.Publish(0, high);
        fast.SetRelease(high);

        using var claimed = new ManualResetEventSlim();
        long claimedSequence = -1;
        var producer = new Thread(() =>
        {
            claimedSequence = sequencer.Next();
            claimed.Set();
        });
        producer.Start();

        Assert.That(claimed.Wait(TimeSpan.FromMilliseconds(100)), Is.False, "the producer must wait for the slow consumer");
        slow.SetRelease(0);
        Assert.That(claimed.Wait(TestTimeouts.Long), Is.True);
        producer.Join();
        Assert.That(claimedSequence, Is.EqualTo(Size));
    }

    [Test]
    public void RemainingCapacity_FollowsClaimsAndConsumption()
    {
        var sequencer = Create(Size);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        sequencer.Next(3);
        Assert.That(sequencer.RemainingCapacity(), Is.EqualTo(Size - 3));
        consumer.SetRelease(1);
        Assert.That(sequencer.RemainingCapacity(), Is.EqualTo(Size - 1));
    }

    [Test]
    public void AddGatingSequences_StartsThemAtTheCursor()
    {
        var sequencer = Create(Size);
        sequencer.Publish(sequencer.Next(3) - 2, 2);
        var late = new Sequence();
        sequencer.AddGatingSequences(late);
        Assert.That(late.Value, Is.EqualTo(2));
    }

    [Test]
    public void RemoveGatingSequence_NoLongerHoldsProducersBack()
    {
        var sequencer = Create(Size);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        sequencer.Next(Size);
        Assert.That(sequencer.TryNext(1, out _), Is.False);

        Assert.That(sequencer.RemoveGatingSequence(consumer), Is.True);
        Assert.That(sequencer.RemoveGatingSequence(consumer), Is.False);
        Assert.That(sequencer.TryNext(1, out _), Is.True);
    }
}

public sealed class SingleProducerSequencerTests : SequencerContract
{
    protected override Sequencer Create(int size) => new SingleProducerSequencer(size);

    [Test]
    public void IsAvailable_OverwrittenLap_IsFalse()
    {
        var sequencer = new SingleProducerSequencer(4);
        for (var i = 0; i < 6; i++)
        {
            sequencer.Publish(sequencer.Next());
        }

        Assert.Multiple(() =>
        {
            Assert.That(sequencer.IsAvailable(1), Is.False);
            Assert.That(sequencer.IsAvailable(2), Is.True);
            Assert.That(sequencer.IsAvailable(5), Is.True);
            Assert.That(sequencer.IsAvailable(6), Is.False);
        });
    }
}

public sealed class MultiProducerSequencerTests : SequencerContract
{
    protected override Sequencer Create(int size) => new MultiProducerSequencer(size);

    [Test]
    public void GetHighestPublishedSequence_StopsAtTheFirstUnpublishedGap()
    {
        var sequencer = new MultiProducerSequencer(8);
        var s0 = sequencer.Next();
        var s1 = sequencer.Next();
        var s2 = sequencer.Next();
        sequencer.Publish(s0);
        sequencer.Publish(s2);

        Assert.Multiple(() =>
        {
            Assert.That(sequencer.Cursor.Value, Is.EqualTo(2), "the cursor is the highest claimed");
            Assert.That(sequencer.GetHighestPublishedSequence(0, 2), Is.EqualTo(0));
            Assert.That(sequencer.GetHighestPublishedSequence(1, 2), Is.EqualTo(0), "low - 1 when low is unpublished");
        });

        sequencer.Publish(s1);
        Assert.That(sequencer.GetHighestPublishedSequence(0, 2), Is.EqualTo(2));
    }

    [Test]
    public void IsAvailable_DistinguishesLaps()
    {
        var sequencer = new MultiProducerSequencer(4);
        for (var i = 0; i < 5; i++)
        {
            sequencer.Publish(sequencer.Next());
        }

        Assert.Multiple(() =>
        {
            Assert.That(sequencer.IsAvailable(4), Is.True);
            Assert.That(sequencer.IsAvailable(0), Is.False, "slot 0 now holds lap 1");
            Assert.That(sequencer.IsAvailable(8), Is.False);
        });
    }

    [Test]
    public void TryNext_ConcurrentProducers_ClaimEachSequenceOnce()
    {
        var sequencer = new MultiProducerSequencer(1024);
        const int PerThread = 200;
        var claimed = new long[4][];
        var failures = 0;
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            claimed[t] = new long[PerThread];
            for (var i = 0; i < PerThread; i++)
            {
                if (!sequencer.TryNext(1, out claimed[t][i]))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var all = claimed.SelectMany(c => c).OrderBy(s => s).ToArray();
        Assert.That(failures, Is.Zero);
        Assert.That(all, Is.EqualTo(Enumerable.Range(0, 4 * PerThread).Select(i => (long)i)));
    }
}
