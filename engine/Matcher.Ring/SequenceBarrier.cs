using System.Runtime.CompilerServices;

namespace Matcher.Ring;

/// <summary>
/// What one consumer waits on: the producers' cursor, or the consumers it depends on
/// (so the core never passes the journaler, and responders never pass the core).
/// </summary>
/// <remarks>
/// <see cref="WaitFor"/> returns the highest sequence the consumer may read; a value
/// below the one asked for means the barrier was alerted (the consumer is halting) or
/// the wait strategy's timeout elapsed. No exception is used for either.
/// </remarks>
public sealed class SequenceBarrier
{
    private readonly Sequencer _sequencer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence _cursor;
    private readonly Sequence? _singleDependency;
    private readonly Sequence[] _dependencies;
    private readonly bool _mustCheckPublication;
    private int _alerted;

    internal SequenceBarrier(Sequencer sequencer, IWaitStrategy waitStrategy, Sequence[] dependsOn)
    {
        _sequencer = sequencer;
        _waitStrategy = waitStrategy;
        _cursor = sequencer.Cursor;
        _dependencies = [.. dependsOn];
        _singleDependency = _dependencies.Length == 1 ? _dependencies[0] : null;

        // Upstream consumers only ever advance over published entries; the raw cursor of
        // several producers can run ahead of what is published.
        _mustCheckPublication = _dependencies.Length == 0 && sequencer.IsMultiProducer;
    }

    /// <summary>The sequencer of the ring this barrier belongs to.</summary>
    public Sequencer Sequencer => _sequencer;

    /// <summary>Whether <see cref="Alert"/> was called since the last <see cref="ClearAlert"/>.</summary>
    public bool IsAlerted
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _alerted) != 0;
    }

    /// <summary>
    /// The sequence this consumer may not pass: the lowest of its dependencies, or the
    /// cursor when it has none. Read with acquire semantics.
    /// </summary>
    public long DependentSequence
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_singleDependency is not null)
            {
                return _singleDependency.Value;
            }

            return _dependencies.Length == 0 ? _cursor.Value : Sequence.Min(_dependencies);
        }
    }

    /// <summary>
    /// Waits until <paramref name="sequence"/> may be read and returns the highest sequence
    /// that may be read (at least <paramref name="sequence"/>); returns less than
    /// <paramref name="sequence"/> if alerted or timed out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence)
    {
        if (IsAlerted)
        {
            return sequence - 1;
        }

        var available = _waitStrategy.WaitFor(sequence, this);
        if (available < sequence || !_mustCheckPublication)
        {
            return available;
        }

        return WaitForPublication(sequence, available);
    }

    /// <summary>Tells the consumer to stop waiting: <see cref="WaitFor"/> returns at once from now on.</summary>
    public void Alert()
    {
        // A full fence: the flag must be visible before we look for blocked waiters.
        Interlocked.Exchange(ref _alerted, 1);
        _waitStrategy.SignalAll();
    }

    /// <summary>Clears the alert so the consumer can run again.</summary>
    public void ClearAlert() => Volatile.Write(ref _alerted, 0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long WaitForPublication(long sequence, long available)
    {
        // Another producer claimed `sequence` but has not published it yet: usually a
        // window of a few instructions, longer only if that producer was preempted.
        var backOff = default(BackOff);
        while (true)
        {
            var highest = _sequencer.GetHighestPublishedSequence(sequence, available);
            if (highest >= sequence)
            {
                return highest;
            }

            if (IsAlerted)
            {
                return sequence - 1;
            }

            backOff.Wait();
            available = _cursor.Value;
        }
    }
}
