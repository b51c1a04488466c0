using System.Runtime.CompilerServices;

namespace Matcher.Ring;

/// <summary>
/// Hands out sequences of a ring to producers and tracks which are published.
/// </summary>
/// <remarks>
/// A producer claims one or more sequences (<see cref="Next(int)"/> waits for room,
/// <see cref="TryNext(int, out long)"/> fails at once when the ring is full), writes the
/// entries, then publishes them. Publishing is a release: a consumer that sees a
/// sequence as published also sees everything written to its entry before.
/// The producer never overtakes the slowest <em>gating</em> sequence (the consumers at
/// the end of the pipeline) by more than <see cref="BufferSize"/>.
/// </remarks>
public abstract class Sequencer
{
    private readonly object _configurationGate = new();
    private SequencerFields _fields;

    /// <summary>Creates a sequencer for a ring of <paramref name="bufferSize"/> entries.</summary>
    protected Sequencer(int bufferSize)
    {
        if (bufferSize < 1 || !int.IsPow2(bufferSize))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(bufferSize), "The ring size must be a positive power of two.");
        }

        _fields.BufferSize = bufferSize;
        _fields.Cursor = new Sequence();
        _fields.GatingSequences = [];
        _fields.BlockingWaitStrategies = [];
    }

    /// <summary>The number of entries in the ring.</summary>
    public int BufferSize
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _fields.BufferSize;
    }

    /// <summary>
    /// The producers' cursor: the highest published sequence for a single producer, the
    /// highest claimed one for several producers (see <see cref="GetHighestPublishedSequence"/>).
    /// </summary>
    public Sequence Cursor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _fields.Cursor;
    }

    /// <summary>Claims the next <paramref name="count"/> sequences, waiting while the ring is full; returns the highest.</summary>
    public abstract long Next(int count = 1);

    /// <summary>
    /// Claims the next <paramref name="count"/> sequences only if the ring has room for them
    /// now; never waits. <paramref name="highSequence"/> is the highest claimed.
    /// </summary>
    public abstract bool TryNext(int count, out long highSequence);

    /// <summary>Makes the entry at <paramref name="sequence"/> visible to consumers.</summary>
    public abstract void Publish(long sequence);

    /// <summary>Makes the entries from <paramref name="low"/> to <paramref name="high"/> (inclusive) visible to consumers.</summary>
    public abstract void Publish(long low, long high);

    /// <summary>Whether the entry at <paramref name="sequence"/> is published and not yet overwritten.</summary>
    public abstract bool IsAvailable(long sequence);

    /// <summary>
    /// The highest sequence from <paramref name="low"/> up to <paramref name="available"/>
    /// such that every sequence from <paramref name="low"/> to it is published;
    /// <c>low - 1</c> if <paramref name="low"/> itself is not.
    /// </summary>
    public abstract long GetHighestPublishedSequence(long low, long available);

    /// <summary>How many entries can be claimed before a producer would wait.</summary>
    public abstract long RemainingCapacity();

    /// <summary>Whether this sequencer lets several threads claim concurrently.</summary>
    public abstract bool IsMultiProducer { get; }

    /// <summary>
    /// Adds consumers the producers must not lap. Each is first moved to the current
    /// cursor, so a consumer added to a running ring starts from now. Add them before
    /// producers start publishing.
    /// </summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        lock (_configurationGate)
        {
            var cursor = Cursor.Value;
            foreach (var sequence in sequences)
            {
                sequence.SetRelease(cursor);
            }

            Volatile.Write(ref _fields.GatingSequences, [.. _fields.GatingSequences, .. sequences]);
        }
    }

    /// <summary>Removes a consumer from the gating set; returns whether it was there.</summary>
    public bool RemoveGatingSequence(Sequence sequence)
    {
        lock (_configurationGate)
        {
            var current = _fields.GatingSequences;
            var index = Array.IndexOf(current, sequence);
            if (index < 0)
            {
                return false;
            }

            Volatile.Write(ref _fields.GatingSequences, [.. current[..index], .. current[(index + 1)..]]);
            return true;
        }
    }

    /// <summary>
    /// A barrier for a consumer that waits with <paramref name="waitStrategy"/> for the
    /// cursor, or for <paramref name="dependsOn"/> when given. Create barriers before
    /// producers start publishing: a blocking strategy registered later may miss the
    /// wake-up for a publish that races with its registration.
    /// </summary>
    public SequenceBarrier NewBarrier(IWaitStrategy waitStrategy, params Sequence[] dependsOn)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        ArgumentNullException.ThrowIfNull(dependsOn);
        if (waitStrategy.IsBlocking)
        {
            lock (_configurationGate)
            {
                if (Array.IndexOf(_fields.BlockingWaitStrategies, waitStrategy) < 0)
                {
                    Volatile.Write(ref _fields.BlockingWaitStrategies, [.. _fields.BlockingWaitStrategies, waitStrategy]);
                }
            }
        }

        return new SequenceBarrier(this, waitStrategy, dependsOn);
    }

    /// <summary>
    /// Wakes consumers that wait with a blocking strategy. Producers call it on publish;
    /// consumers call it when they advance, for the consumers that depend on them.
    /// Costs one array-length check when no consumer blocks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SignalConsumers()
    {
        var strategies = Volatile.Read(ref _fields.BlockingWaitStrategies);
        if (strategies.Length != 0)
        {
            SignalBlockingWaitStrategies(strategies);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SignalBlockingWaitStrategies(IWaitStrategy[] strategies)
    {
        // The store that made progress must be visible before we look for waiters: a
        // waiter registers itself and then re-reads the sequence (see BlockingWaitStrategy).
        Interlocked.MemoryBarrier();
        foreach (var strategy in strategies)
        {
            strategy.SignalAll();
        }
    }

    /// <summary>The lowest gating sequence, or <paramref name="cursor"/> if lower or there are none.</summary>
    protected long MinimumGatingSequence(long cursor) => Sequence.Min(Volatile.Read(ref _fields.GatingSequences), cursor);

    /// <summary>Throws unless 1 ≤ <paramref name="count"/> ≤ <see cref="BufferSize"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void ValidateCount(int count)
    {
        if ((uint)(count - 1) >= (uint)BufferSize)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(count), "A claim must be for 1 to BufferSize entries.");
        }
    }
}
