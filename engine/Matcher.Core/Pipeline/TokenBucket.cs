namespace Matcher.Core.Pipeline;

/// <summary>
/// A producer's rate limit: a bucket refilled at <c>rate</c> tokens per second that holds at
/// most <c>burst</c> tokens, counted in integers. A token is <c>frequency</c> units, and each
/// timestamp tick adds <c>rate</c> units. The caller passes timestamps in, so the bucket
/// reads no clock and a test can drive it.
/// </summary>
/// <remarks>Not thread-safe: one per session or connection, used by its own thread.</remarks>
public sealed class TokenBucket
{
    private readonly long _rate;
    private readonly long _frequency;
    private readonly long _capacity;
    private readonly long _refillCap;
    private long _units;
    private long _lastTimestamp;

    /// <summary>A full bucket at <paramref name="now"/> (a timestamp of <paramref name="frequency"/> ticks per second).</summary>
    public TokenBucket(long ratePerSecond, long burst, long frequency, long now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequency);
        _rate = ratePerSecond;
        _frequency = frequency;
        _capacity = checked(burst * frequency);

        // The longest gap worth counting: the time that refills an empty bucket (rounded up).
        _refillCap = checked((burst * frequency / ratePerSecond) + 1);
        _units = _capacity;
        _lastTimestamp = now;
    }

    /// <summary>Takes a token if there is one at <paramref name="now"/>.</summary>
    public bool TryTake(long now)
    {
        // Cap the elapsed time before multiplying: a full bucket needs no more, and it cannot overflow.
        var elapsed = Math.Clamp(now - _lastTimestamp, 0, _refillCap);
        _lastTimestamp = Math.Max(now, _lastTimestamp);
        _units = Math.Min(_capacity, _units + (elapsed * _rate));
        if (_units < _frequency)
        {
            return false;
        }

        _units -= _frequency;
        return true;
    }
}
