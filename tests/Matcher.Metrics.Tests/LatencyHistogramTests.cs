using Matcher.Metrics;

namespace Matcher.Metrics.Tests;

public sealed class LatencyHistogramTests
{
    private const long Hour = 3_600_000_000_000;

    [Test]
    public void ValueAtPercentile_SmallValues_AreExact()
    {
        var histogram = new LatencyHistogram(Hour, 3);
        for (long v = 1; v <= 1000; v++)
        {
            histogram.Record(v);
        }

        Assert.Multiple(() =>
        {
            Assert.That(histogram.ValueAtPercentile(50), Is.EqualTo(500));
            Assert.That(histogram.ValueAtPercentile(99), Is.EqualTo(990));
            Assert.That(histogram.ValueAtPercentile(99.9), Is.EqualTo(999));
            Assert.That(histogram.ValueAtPercentile(100), Is.EqualTo(1000));
            Assert.That(histogram.Min, Is.EqualTo(1));
            Assert.That(histogram.Max, Is.EqualTo(1000));
            Assert.That(histogram.Mean, Is.EqualTo(500.5));
            Assert.That(histogram.TotalCount, Is.EqualTo(1000));
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void ValueAtPercentile_RandomValues_MatchSortedReferenceWithinPrecision(int digits)
    {
        var random = new Random(1234 + digits);
        var histogram = new LatencyHistogram(Hour, digits);
        var values = new long[20_000];
        for (var i = 0; i < values.Length; i++)
        {
            // Log-uniform from 1 ns to about 10 s: every bucket gets exercised.
            values[i] = (long)Math.Exp(random.NextDouble() * Math.Log(1e10));
            histogram.Record(values[i]);
        }

        Array.Sort(values);
        var tolerance = Math.Pow(10, -digits);
        foreach (var percentile in new[] { 0.0, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100 })
        {
            var rank = Math.Max(1, (long)Math.Ceiling(percentile * values.Length / 100));
            var exact = values[rank - 1];
            var estimate = histogram.ValueAtPercentile(percentile);
            Assert.That(estimate, Is.EqualTo(Math.Min(histogram.HighestEquivalentValue(exact), values[^1])), $"p{percentile}");
            Assert.That(estimate, Is.InRange(exact, exact + Math.Max(1, (long)(exact * tolerance))), $"p{percentile}");
        }
    }

    [Test]
    public void EquivalentValues_BracketTheValue_AndAreNarrowerThanThePrecision()
    {
        var histogram = new LatencyHistogram(Hour, 3);
        for (var value = 1L; value < Hour; value = (value * 3) + 1)
        {
            var low = histogram.LowestEquivalentValue(value);
            var high = histogram.HighestEquivalentValue(value);
            Assert.That(value, Is.InRange(low, high));
            Assert.That((double)(high - low + 1) / low, Is.LessThanOrEqualTo(1e-3).Or.LessThanOrEqualTo(1.0 / low));
        }
    }

    [Test]
    public void Record_AboveHighestTrackable_IsClampedAndCountedAsOverflow()
    {
        var histogram = new LatencyHistogram(10_000, 3);
        histogram.Record(5);
        histogram.Record(1_000_000);

        Assert.Multiple(() =>
        {
            Assert.That(histogram.OverflowCount, Is.EqualTo(1));
            Assert.That(histogram.Max, Is.EqualTo(1_000_000));
            Assert.That(histogram.TotalCount, Is.EqualTo(2));
            Assert.That(histogram.ValueAtPercentile(100), Is.EqualTo(histogram.HighestEquivalentValue(10_000)));
        });
    }

    [Test]
    public void Record_NegativeValue_Throws()
    {
        var histogram = new LatencyHistogram(1000, 2);
        Assert.That(() => histogram.Record(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(histogram.TotalCount, Is.Zero);
    }

    [Test]
    public void Add_TwoHistograms_EqualsRecordingEverythingInOne()
    {
        var a = new LatencyHistogram(Hour, 3);
        var b = new LatencyHistogram(Hour, 3);
        var all = new LatencyHistogram(Hour, 3);
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var value = random.NextInt64(1, 50_000_000);
            (i % 2 == 0 ? a : b).Record(value);
            all.Record(value);
        }

        a.Add(b);

        Assert.Multiple(() =>
        {
            Assert.That(a.TotalCount, Is.EqualTo(all.TotalCount));
            Assert.That(a.Min, Is.EqualTo(all.Min));
            Assert.That(a.Max, Is.EqualTo(all.Max));
            Assert.That(a.Mean, Is.EqualTo(all.Mean).Within(1e-6));
            foreach (var p in new[] { 1.0, 50, 90, 99, 99.9 })
            {
                Assert.That(a.ValueAtPercentile(p), Is.EqualTo(all.ValueAtPercentile(p)), $"p{p}");
            }
        });
    }

    [Test]
    public void Add_DifferentShape_Throws()
    {
        var a = new LatencyHistogram(Hour, 3);
        var b = new LatencyHistogram(Hour, 2);
        Assert.That(() => a.Add(b), Throws.ArgumentException);
    }

    [Test]
    public void Reset_ForgetsEverything()
    {
        var histogram = new LatencyHistogram(Hour, 3);
        histogram.Record(42);
        histogram.Reset();

        Assert.Multiple(() =>
        {
            Assert.That(histogram.TotalCount, Is.Zero);
            Assert.That(histogram.Max, Is.Zero);
            Assert.That(histogram.Min, Is.Zero);
            Assert.That(histogram.ValueAtPercentile(99), Is.Zero);
        });
    }

    [Test]
    public void Record_AfterConstruction_AllocatesNothing()
    {
        var histogram = new LatencyHistogram(Hour, 3);
        histogram.Record(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (long v = 1; v < 1_000_000; v += 7)
        {
            histogram.Record(v);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Summary_NamesThePercentiles()
    {
        var histogram = new LatencyHistogram(Hour, 3);
        histogram.Record(1000);
        Assert.That(histogram.Summary(1000, "us"), Does.Contain("p99.9=1us").And.Contain("count=1"));
    }
}
