namespace Matcher.Ring;

/// <summary>
/// Spins briefly, then yields the core to any other ready thread between checks. Low
/// latency while leaving room for other threads; still uses a core when all is idle.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;

    /// <inheritdoc />
    public bool IsBlocking => false;

    /// <inheritdoc />
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        var tries = 0;
        long available;
        while ((available = barrier.DependentSequence) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }

            if (tries < SpinTries)
            {
                tries++;
            }
            else
            {
                Thread.Yield();
            }
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAll()
    {
    }
}
