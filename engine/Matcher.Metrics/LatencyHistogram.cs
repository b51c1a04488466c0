using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Matcher.Metrics;

/// <summary>
/// A fixed-memory histogram of non-negative values (latencies in nanoseconds, say) with
/// a chosen number of significant decimal digits, in the style of HdrHistogram:
/// recording is a few shifts and an increment, never allocates, and any percentile is
/// exact to within the chosen precision.
/// </summary>
/// <remarks>
/// <para>
/// Values are grouped into buckets by powers of two; each bucket is split into linear
/// sub-buckets, enough of them that a sub-bucket is never wider than
/// 10<sup>-digits</sup> of the values it holds. Values from 0 up to the sub-bucket count
/// are recorded exactly. A value above <see cref="HighestTrackableValue"/> is counted in
/// the top sub-bucket and in <see cref="OverflowCount"/>; <see cref="Max"/> stays exact.
/// </para>
/// <para>Not thread-safe: one recording thread per histogram; merge with <see cref="Add"/>.</para>
/// </remarks>
public sealed class LatencyHistogram
{
    private readonly long[] _counts;
    private readonly int _subBucketHalfCountMagnitude;
    private readonly int _subBucketHalfCount;
    private readonly long _subBucketMask;
    private long _totalCount;
    private long _overflowCount;
    private long _min = long.MaxValue;
    private long _max;
    private double _sum;

    /// <summary>Creates a histogram for values from 0 to <paramref name="highestTrackableValue"/>.</summary>
    /// <param name="highestTrackableValue">The largest value recorded with full precision (at least 2).</param>
    /// <param name="significantDigits">Decimal digits of precision, 1 to 5.</param>
    public LatencyHistogram(long highestTrackableValue, int significantDigits = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(highestTrackableValue, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, 5);

        HighestTrackableValue = highestTrackableValue;
        SignificantDigits = significantDigits;

        // Enough sub-buckets that each spans at most 10^-digits of its values: in bucket b
        // sub-buckets are 2^b wide and hold values of at least halfCount * 2^b.
        var largestExactValue = 2 * (long)Math.Pow(10, significantDigits);
        var subBucketCountMagnitude = (int)BitOperations.Log2((ulong)(largestExactValue - 1)) + 1;
        _subBucketHalfCountMagnitude = subBucketCountMagnitude - 1;
        _subBucketHalfCount = 1 << _subBucketHalfCountMagnitude;
        var subBucketCount = 1L << subBucketCountMagnitude;
        _subBucketMask = subBucketCount - 1;

        var bucketCount = 1;
        var smallestUntrackable = subBucketCount;
        while (smallestUntrackable <= highestTrackableValue && smallestUntrackable <= long.MaxValue / 2)
        {
            smallestUntrackable <<= 1;
            bucketCount++;
        }

        if (smallestUntrackable <= highestTrackableValue)
        {
            bucketCount++;
        }

        _counts = new long[(bucketCount + 1) * _subBucketHalfCount];
    }

    /// <summary>The largest value recorded with full precision.</summary>
    public long HighestTrackableValue { get; }

    /// <summary>Decimal digits of precision.</summary>
    public int SignificantDigits { get; }

    /// <summary>How many values were recorded.</summary>
    public long TotalCount => _totalCount;

    /// <summary>How many recorded values exceeded <see cref="HighestTrackableValue"/>.</summary>
    public long OverflowCount => _overflowCount;

    /// <summary>The smallest recorded value, exactly; 0 when empty.</summary>
    public long Min => _totalCount == 0 ? 0 : _min;

    /// <summary>The largest recorded value, exactly; 0 when empty.</summary>
    public long Max => _max;

    /// <summary>The mean of the recorded values, exactly (up to double rounding); 0 when empty.</summary>
    public double Mean => _totalCount == 0 ? 0 : _sum / _totalCount;

    /// <summary>Records one occurrence of <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long value) => Record(value, 1);

    /// <summary>Records <paramref name="count"/> occurrences of <paramref name="value"/>.</summary>
    public void Record(long value, long count)
    {
        if (value < 0)
        {
            ThrowNegative(value);
        }

        var tracked = value;
        if (value > HighestTrackableValue)
        {
            tracked = HighestTrackableValue;
            _overflowCount += count;
        }

        _counts[IndexOf(tracked)] += count;
        _totalCount += count;
        _sum += (double)value * count;
        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> percent of the recorded
    /// values fall: the highest value equivalent to it at this precision, never above
    /// <see cref="Max"/>. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        if (_totalCount == 0)
        {
            return 0;
        }

        // Multiply before dividing: 99.9 / 100 * 1000 rounds up past 999 in binary floating point.
        var target = Math.Max(1, (long)Math.Ceiling(percentile * _totalCount / 100.0));
        long cumulative = 0;
        for (var index = 0; index < _counts.Length; index++)
        {
            cumulative += _counts[index];
            if (cumulative >= target)
            {
                return Math.Min(Math.Max(HighestEquivalentValue(ValueAt(index)), Min), _max);
            }
        }

        return _max;
    }

    /// <summary>The smallest value that shares <paramref name="value"/>'s sub-bucket.</summary>
    public long LowestEquivalentValue(long value) => ValueAt(IndexOf(Math.Min(value, HighestTrackableValue)));

    /// <summary>The largest value that shares <paramref name="value"/>'s sub-bucket.</summary>
    public long HighestEquivalentValue(long value)
    {
        var tracked = Math.Min(value, HighestTrackableValue);
        var bucket = BucketOf(tracked);
        return LowestEquivalentValue(tracked) + (1L << bucket) - 1;
    }

    /// <summary>Adds every value recorded in <paramref name="other"/>, which must have the same shape.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.HighestTrackableValue != HighestTrackableValue || other.SignificantDigits != SignificantDigits)
        {
            throw new ArgumentException("Histograms must have the same highest trackable value and precision.", nameof(other));
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        _totalCount += other._totalCount;
        _overflowCount += other._overflowCount;
        _sum += other._sum;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        _totalCount = 0;
        _overflowCount = 0;
        _sum = 0;
        _min = long.MaxValue;
        _max = 0;
    }

    /// <summary>
    /// One line of the usual figures: count, mean, p50, p90, p99, p99.9, p99.99, max,
    /// each divided by <paramref name="divisor"/> and followed by <paramref name="unit"/>.
    /// </summary>
    public string Summary(double divisor = 1, string unit = "")
    {
        string F(double v) => (v / divisor).ToString("0.###", CultureInfo.InvariantCulture) + unit;
        return $"count={TotalCount} mean={F(Mean)} p50={F(ValueAtPercentile(50))} p90={F(ValueAtPercentile(90))} " +
            $"p99={F(ValueAtPercentile(99))} p99.9={F(ValueAtPercentile(99.9))} p99.99={F(ValueAtPercentile(99.99))} max={F(Max)}";
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(long value) =>
        BitOperations.Log2((ulong)(value | _subBucketMask)) - _subBucketHalfCountMagnitude;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOf(long value)
    {
        var bucket = BucketOf(value);
        var subBucket = (int)(value >> bucket);
        return (bucket << _subBucketHalfCountMagnitude) + subBucket;
    }

    private long ValueAt(int index)
    {
        var bucket = (index >> _subBucketHalfCountMagnitude) - 1;
        var subBucket = (index & (_subBucketHalfCount - 1)) + _subBucketHalfCount;
        if (bucket < 0)
        {
            subBucket -= _subBucketHalfCount;
            bucket = 0;
        }

        return (long)subBucket << bucket;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNegative(long value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, "A histogram records non-negative values only.");
}
