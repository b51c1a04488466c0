namespace Matcher.Cli.FixLoad;

/// <summary>
/// The fixed open-loop schedule: order <c>i</c> (from 0) is due at <c>start + floor(i * frequency / rate)</c>,
/// whatever happened to the orders before it. Latency is measured from this time, not from when the order
/// actually left, so a stalled target is charged for every order it held up (no coordinated omission).
/// </summary>
/// <remarks>Integer arithmetic (128-bit products) so that the schedule never drifts over long runs.</remarks>
internal readonly struct OrderSchedule
{
    private readonly long _start;
    private readonly long _ratePerSecond;
    private readonly long _frequency;

    /// <summary>A schedule of <paramref name="ratePerSecond"/> orders a second from <paramref name="startTimestamp"/>.</summary>
    /// <param name="startTimestamp">When order 0 is due, in ticks of <paramref name="frequency"/>.</param>
    /// <param name="ratePerSecond">Orders per second, at least 1.</param>
    /// <param name="frequency">Ticks per second of the timestamps (<see cref="System.Diagnostics.Stopwatch.Frequency"/>).</param>
    public OrderSchedule(long startTimestamp, long ratePerSecond, long frequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequency);
        _start = startTimestamp;
        _ratePerSecond = ratePerSecond;
        _frequency = frequency;
    }

    /// <summary>When order <paramref name="index"/> is due.</summary>
    public long TimeOf(long index) => _start + (long)((Int128)index * _frequency / _ratePerSecond);

    /// <summary>How many orders are due at or before <paramref name="timestamp"/>: the first index not yet due.</summary>
    public long CountDueBy(long timestamp)
    {
        if (timestamp < _start)
        {
            return 0;
        }

        // TimeOf(i) <= t  <=>  floor(i F / R) <= d  <=>  i F < (d + 1) R  <=>  i < ceil((d + 1) R / F).
        var elapsed = (Int128)(timestamp - _start) + 1;
        return (long)(((elapsed * _ratePerSecond) + _frequency - 1) / _frequency);
    }
}
