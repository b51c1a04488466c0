using System.Diagnostics;

// RS0030 bans clock reads in the engine so the core stays deterministic. A deadline only
// bounds how long a thread waits (a stop, a blocking consumer's timeout); no entry, no
// state and no decision of the core depends on it.
#pragma warning disable RS0030

namespace Matcher.Ring;

/// <summary>A point in monotonic time after which a wait gives up; infinite when built from an infinite timeout.</summary>
internal readonly struct Deadline
{
    private readonly long _timestamp;

    private Deadline(long timestamp) => _timestamp = timestamp;

    /// <summary>The deadline <paramref name="timeout"/> from now; never, for <see cref="Timeout.InfiniteTimeSpan"/> or very long timeouts.</summary>
    public static Deadline After(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return new Deadline(long.MaxValue);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        var ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        var now = Stopwatch.GetTimestamp();
        return ticks >= long.MaxValue - now ? new Deadline(long.MaxValue) : new Deadline(now + (long)ticks);
    }

    /// <summary>Whether this deadline never passes.</summary>
    public bool IsInfinite => _timestamp == long.MaxValue;

    /// <summary>Whether the deadline has passed.</summary>
    public bool HasPassed => !IsInfinite && Stopwatch.GetTimestamp() >= _timestamp;

    /// <summary>The time left (zero once passed), or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan Remaining
    {
        get
        {
            if (IsInfinite)
            {
                return Timeout.InfiniteTimeSpan;
            }

            var ticks = _timestamp - Stopwatch.GetTimestamp();
            return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
        }
    }

    /// <summary>The time left in whole milliseconds, rounded up, for <see cref="Monitor.Wait(object, int)"/>; -1 when infinite.</summary>
    public int RemainingMilliseconds
    {
        get
        {
            if (IsInfinite)
            {
                return Timeout.Infinite;
            }

            var ticks = _timestamp - Stopwatch.GetTimestamp();
            return ticks <= 0 ? 0 : (int)Math.Min(int.MaxValue, ((ticks * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
        }
    }
}
