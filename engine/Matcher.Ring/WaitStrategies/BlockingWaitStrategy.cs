namespace Matcher.Ring;

/// <summary>
/// Spins for a few microseconds, then sleeps on a monitor until signalled: no CPU while
/// idle, microseconds of wake-up latency. With a timeout, <see cref="WaitFor"/> gives up after that long without
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
    }

    /// <summary>How long a wait lasts without progress; infinite by default.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public bool IsBlocking => true;

    /// <inheritdoc />
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        // Spin for the few microseconds before SpinWait would start yielding: under a
        // steady flow the next entry usually arrives within them, and a spin costs far
        // less than a monitor wake-up (see docs/PERFORMANCE.md, ping-pong).
        long available;
        var spinner = default(SpinWait);
        while ((available = barrier.DependentSequence) < sequence)
        {
            if (spinner.NextSpinWillYield || barrier.IsAlerted)
            {
                return WaitSlow(sequence, barrier);
            }

            spinner.SpinOnce();
        }

        return available;
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
        var deadline = Deadline.After(Timeout);
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

                    var remainingMs = deadline.RemainingMilliseconds;
                    if (remainingMs == 0)
                    {
                        return available;
                    }

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
