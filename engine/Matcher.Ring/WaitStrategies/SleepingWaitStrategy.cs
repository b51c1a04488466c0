namespace Matcher.Ring;

/// <summary>
/// Spins, then yields, then sleeps a millisecond at a time: almost no CPU when idle, at
/// the cost of up to about a millisecond of latency after an idle spell. Producers never
/// need to signal it.
/// </summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;
    private const int YieldTries = 100;

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
            else if (tries < SpinTries + YieldTries)
            {
                tries++;
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(1);
            }
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAll()
    {
    }
}
