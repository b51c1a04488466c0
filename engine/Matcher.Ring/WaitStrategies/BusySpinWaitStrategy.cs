namespace Matcher.Ring;

/// <summary>
/// Spins on the dependent sequence without yielding: the lowest latency, one full core
/// per consumer. Only for consumers pinned to a reserved core.
/// </summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    /// <inheritdoc />
    public bool IsBlocking => false;

    /// <inheritdoc />
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        long available;
        while ((available = barrier.DependentSequence) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAll()
    {
    }
}
