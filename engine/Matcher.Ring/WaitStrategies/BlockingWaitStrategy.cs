using System.Diagnostics;

namespace Matcher.Ring;

/// <summary>
/// Sleeps on a monitor until signalled: no CPU while idle, a few microseconds of wake-up
/// latency. With a timeout, <see cref="WaitFor"/> gives up after that long without
/// progress so the consumer can do timed work (see <see cref="ITimeoutHandler"/>).
/// </summary>
/// <remarks>
/// Lost wake-ups are ruled out Dekker-style: a waiter increments the waiter count (a
/// full fence) before it re-reads the sequence, and a signaller issues a full fence
/// after advancing a sequence and before it reads the count
/// (<see cref="Sequencer.SignalConsumers"/>). Signalling costs one volatile read when
/// no one waits.
/// </remarks>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly long _timeoutTicks;
    private int _waiters;

    /// <summary>Creates a strategy that waits without a time limit.</summary>
    public BlockingWaitStrategy()
        : this(System.Threading.Timeout.InfiniteTimeSpan)
    {
    }

    /// <summary>Creates a strategy whose waits end after <paramref name="timeout"/> without progress.</summary>
    public BlockingWaitStrategy(TimeSpan timeout)
    {
        if (timeout != System.Threading.Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(timeout), "The timeout must be positive or infinite.");
        }

        Timeout = timeout;
        _timeoutTicks = timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>How long a wait lasts without progress; infinite by default.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public bool IsBlocking => true;

    /// <inheritdoc />
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        var available = barrier.DependentSequence;
        return available >= sequence ? available : WaitSlow(sequence, barrier);
    }

    /// <inheritdoc />
    public void SignalAll()
    {
        if (Volatile.Read(ref _waiters) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    private long WaitSlow(long sequence, SequenceBarrier barrier)
    {
        var deadline = _timeoutTicks == long.MaxValue ? long.MaxValue : Stopwatch.GetTimestamp() + _timeoutTicks;
        lock (_gate)
        {
            Interlocked.Increment(ref _waiters);
            try
            {
                while (true)
                {
                    var available = barrier.DependentSequence;
                    if (available >= sequence || barrier.IsAlerted)
                    {
                        return available;
                    }

                    if (deadline == long.MaxValue)
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }

                    var remainingTicks = deadline - Stopwatch.GetTimestamp();
                    if (remainingTicks <= 0)
                    {
                        return available;
                    }

                    var remainingMs = (int)Math.Min(int.MaxValue, ((remainingTicks * 1000) + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
                    Monitor.Wait(_gate, remainingMs);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }
    }
}
