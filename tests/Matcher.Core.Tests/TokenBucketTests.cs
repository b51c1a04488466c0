using Matcher.Core.Pipeline;

namespace Matcher.Core.Tests;

public sealed class TokenBucketTests
{
    private const long Frequency = 1_000_000_000;

    [Test]
    public void TryTake_Burst_AllowsOneSecondWorth()
    {
        var bucket = new TokenBucket(5, 5, Frequency, 0);
        Assert.That(Enumerable.Range(0, 8).Count(_ => bucket.TryTake(0)), Is.EqualTo(5));
    }

    [Test]
    public void TryTake_AfterTime_RefillsAtTheRate()
    {
        var bucket = new TokenBucket(10, 10, Frequency, 0);
        while (bucket.TryTake(0))
        {
        }

        Assert.That(bucket.TryTake(Frequency / 20), Is.False, "half a token");
        Assert.That(bucket.TryTake(Frequency / 10), Is.True, "one token");
        Assert.That(bucket.TryTake(Frequency / 10), Is.False);
        Assert.That(Enumerable.Range(0, 20).Count(_ => bucket.TryTake(100 * Frequency)), Is.EqualTo(10), "never more than the burst");
    }

    [Test]
    public void TryTake_ClockGoingBack_GrantsNothingExtra()
    {
        var bucket = new TokenBucket(1, 1, Frequency, 10 * Frequency);
        Assert.That(bucket.TryTake(10 * Frequency), Is.True);
        Assert.That(bucket.TryTake(5 * Frequency), Is.False);
    }

    [Test]
    public void TryTake_BurstLargerThanRate_AllowsTheBurstThenTheRate()
    {
        var bucket = new TokenBucket(10, 25, Frequency, 0);
        Assert.That(Enumerable.Range(0, 40).Count(_ => bucket.TryTake(0)), Is.EqualTo(25), "the burst");
        Assert.That(Enumerable.Range(0, 40).Count(_ => bucket.TryTake(Frequency)), Is.EqualTo(10), "a second refills the rate");
        Assert.That(Enumerable.Range(0, 40).Count(_ => bucket.TryTake(1000 * Frequency)), Is.EqualTo(25), "a long pause refills the burst, no more");
    }

    [Test]
    public void TryTake_BurstSmallerThanRate_NeverHoldsMoreThanTheBurst()
    {
        var bucket = new TokenBucket(1000, 3, Frequency, 0);
        Assert.That(Enumerable.Range(0, 10).Count(_ => bucket.TryTake(Frequency)), Is.EqualTo(3));
    }
}
