namespace Matcher.Ring;

/// <summary>How a consumer waits for its next entry. Each consumer picks its own.</summary>
/// <remarks>
/// On 2 cores, a busy-spinning consumer takes a whole core: use
/// <see cref="BusySpinWaitStrategy"/> only where a core is reserved for it; tests and
/// shared machines use <see cref="BlockingWaitStrategy"/> or <see cref="YieldingWaitStrategy"/>.
/// </remarks>
public interface IWaitStrategy
{
    /// <summary>
    /// Waits until <see cref="SequenceBarrier.DependentSequence"/> reaches
    /// <paramref name="sequence"/> and returns it; returns a lower value as soon as the
    /// barrier is alerted, or when the strategy's timeout (if it has one) elapses.
    /// </summary>
    long WaitFor(long sequence, SequenceBarrier barrier);

    /// <summary>
    /// Whether waiters sleep until signalled; if so, producers and upstream consumers
    /// call <see cref="SignalAll"/> whenever they advance.
    /// </summary>
    bool IsBlocking { get; }

    /// <summary>Wakes every waiter (no-op for strategies that never sleep).</summary>
    void SignalAll();
}
