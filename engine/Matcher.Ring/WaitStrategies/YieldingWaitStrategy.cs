namespace Matcher.Ring;

/// <summary>
/// Spins for a few microseconds, then yields the core to any other ready thread between
/// checks. Low latency while leaving room for other threads; still uses a core when all
/// is idle.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    /// <inheritdoc />
    public bool IsBlocking => false;

    /// <inheritdoc />
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        // SpinWait's own spin phase (pause instructions, growing) comes first: a yield is
        // a system call that costs more than the typical wait under steady flow
        // (see docs/PERFORMANCE.md, ping-pong).
        var spinner = default(SpinWait);
        long available;
        while ((available = barrier.DependentSequence) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }

            if (spinner.NextSpinWillYield)
            {
                Thread.Yield();
            }
            else
            {
                spinner.SpinOnce();
            }
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAll()
    {
    }
}
