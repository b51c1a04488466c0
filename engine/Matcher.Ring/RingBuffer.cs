using System.Runtime.CompilerServices;

namespace Matcher.Ring;

/// <summary>
/// A ring of pre-allocated <typeparamref name="T"/> entries and the sequencer that hands
/// them out. Producers claim, write the entry in place, and publish; consumers read it
/// in place by <c>ref</c>. Nothing is allocated after construction.
/// </summary>
/// <typeparam name="T">The entry: a struct, copied never, written and read by reference.</typeparam>
public sealed class RingBuffer<T>
    where T : struct
{
    // The only instance field: every field the producers and consumers read per entry,
    // padded so that no neighbouring object's writes (a handler's running totals, say)
    // share their cache lines. Without it the one-producer/one-consumer benchmark turns
    // bimodal, 8 ns or 20 ns per entry depending on where the GC put the objects.
    private readonly RingBufferFields _fields;

    /// <summary>Creates a ring over <paramref name="sequencer"/>'s size.</summary>
    public RingBuffer(Sequencer sequencer)
    {
        ArgumentNullException.ThrowIfNull(sequencer);

        // Spare entries before and after the live ones keep neighbouring heap objects
        // off the cache lines of the first and last entries.
        var entrySize = Unsafe.SizeOf<T>();
        var padding = (CacheLine.PaddingBytes + entrySize - 1) / entrySize;
        _fields.Entries = new T[sequencer.BufferSize + (2 * padding)];
        _fields.Sequencer = sequencer;
        _fields.Padding = padding;
        _fields.Mask = sequencer.BufferSize - 1;
    }

    /// <summary>The sequencer that hands out this ring's sequences.</summary>
    public Sequencer Sequencer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _fields.Sequencer;
    }

    /// <summary>The number of entries (a power of two).</summary>
    public int Size => Sequencer.BufferSize;

    /// <summary>The producers' cursor (see <see cref="Sequencer.Cursor"/>).</summary>
    public Sequence Cursor => Sequencer.Cursor;

    /// <summary>The entry for <paramref name="sequence"/>, by reference.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.As<T[]>(_fields.Entries)[_fields.Padding + ((int)sequence & _fields.Mask)];
    }

    /// <summary>Claims the next entry, waiting while the ring is full; returns its sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => Sequencer.Next(1);

    /// <summary>Claims the next <paramref name="count"/> entries, waiting while the ring is full; returns the highest sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int count) => Sequencer.Next(count);

    /// <summary>Claims the next entry only if there is room now; never waits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence) => Sequencer.TryNext(1, out sequence);

    /// <summary>Claims the next <paramref name="count"/> entries only if there is room now; never waits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(int count, out long highSequence) => Sequencer.TryNext(count, out highSequence);

    /// <summary>Publishes the entry at <paramref name="sequence"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence) => Sequencer.Publish(sequence);

    /// <summary>Publishes the entries from <paramref name="low"/> to <paramref name="high"/> inclusive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long low, long high) => Sequencer.Publish(low, high);

    /// <summary>A barrier for a consumer of this ring (see <see cref="Sequencer.NewBarrier"/>).</summary>
    public SequenceBarrier NewBarrier(IWaitStrategy waitStrategy, params Sequence[] dependsOn) =>
        Sequencer.NewBarrier(waitStrategy, dependsOn);
}

/// <summary>Creates rings.</summary>
public static class RingBuffer
{
    /// <summary>A ring of <paramref name="size"/> entries for one producer thread.</summary>
    public static RingBuffer<T> CreateSingleProducer<T>(int size)
        where T : struct => new(new SingleProducerSequencer(size));

    /// <summary>A ring of <paramref name="size"/> entries for any number of producer threads.</summary>
    public static RingBuffer<T> CreateMultiProducer<T>(int size)
        where T : struct => new(new MultiProducerSequencer(size));
}
