namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// A token bucket of <c>rate</c> tokens per second holding at most one second's worth, in integers: a token
/// is <c>frequency</c> units and time adds <c>rate</c> units per timestamp tick.
/// </summary>
internal sealed class TokenBucket
{
    private readonly long _rate;
    private readonly long _frequency;
    private readonly long _capacity;
    private long _units;
    private long _lastTimestamp;

    /// <summary>A full bucket of <paramref name="ratePerSecond"/> tokens at <paramref name="now"/>.</summary>
    public TokenBucket(long ratePerSecond, long frequency, long now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        _rate = ratePerSecond;
        _frequency = frequency;
        _capacity = ratePerSecond * frequency;
        _units = _capacity;
        _lastTimestamp = now;
    }

    /// <summary>Takes a token if there is one at <paramref name="now"/> (a timestamp of the same frequency).</summary>
    public bool TryTake(long now)
    {
        // Cap the elapsed time at a second before multiplying: a full bucket needs no more, and it cannot overflow.
        var elapsed = Math.Clamp(now - _lastTimestamp, 0, _frequency);
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
