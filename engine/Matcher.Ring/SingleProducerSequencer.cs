using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Matcher.Ring;

/// <summary>
/// A sequencer for exactly one producer thread: claims are plain reads and writes, and
/// publishing is one release store of the cursor.
/// </summary>
/// <remarks>
/// Not thread-safe for claiming: two threads calling <see cref="Next(int)"/> corrupt the
/// ring. Use <see cref="MultiProducerSequencer"/> for several producers.
/// </remarks>
public sealed class SingleProducerSequencer : Sequencer
{
    private ProducerState _state;

    /// <summary>Creates a sequencer for a ring of <paramref name="bufferSize"/> entries.</summary>
    public SingleProducerSequencer(int bufferSize)
        : base(bufferSize)
    {
        _state.NextValue = Sequence.InitialValue;
        _state.CachedGatingSequence = Sequence.InitialValue;
    }

    /// <inheritdoc />
    public override bool IsMultiProducer => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int count = 1)
    {
        ValidateCount(count);
        var current = _state.NextValue;
        var next = current + count;
        var wrapPoint = next - BufferSize;
        var cached = _state.CachedGatingSequence;
        if (wrapPoint > cached || cached > current)
        {
            WaitForCapacity(current, wrapPoint);
        }

        _state.NextValue = next;
        return next;
    }

    /// <inheritdoc />
    public override bool TryNext(int count, out long highSequence)
    {
        ValidateCount(count);
        var current = _state.NextValue;
        var next = current + count;
        var wrapPoint = next - BufferSize;
        var cached = _state.CachedGatingSequence;
        if (wrapPoint > cached || cached > current)
        {
            Interlocked.MemoryBarrier();
            var minimum = MinimumGatingSequence(current);
            _state.CachedGatingSequence = minimum;
            if (wrapPoint > minimum)
            {
                highSequence = default;
                return false;
            }
        }

        _state.NextValue = next;
        highSequence = next;
        return true;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        Cursor.SetRelease(sequence);
        SignalConsumers();
    }

    /// <inheritdoc />
    public override void Publish(long low, long high) => Publish(high);

    /// <inheritdoc />
    public override bool IsAvailable(long sequence)
    {
        var cursor = Cursor.Value;
        return sequence <= cursor && sequence > cursor - BufferSize;
    }

    /// <inheritdoc />
    public override long GetHighestPublishedSequence(long low, long available) => available;

    /// <inheritdoc />
    public override long RemainingCapacity()
    {
        var produced = _state.NextValue;
        var consumed = MinimumGatingSequence(produced);
        return BufferSize - (produced - consumed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long current, long wrapPoint)
    {
        // Order the reads of the consumers' sequences after our earlier publishes.
        Interlocked.MemoryBarrier();
        var backOff = default(BackOff);
        long minimum;
        while (wrapPoint > (minimum = MinimumGatingSequence(current)))
        {
            backOff.Wait();
        }

        _state.CachedGatingSequence = minimum;
    }

    /// <summary>Producer-only fields, padded away from fields that consumers read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = (2 * CacheLine.PaddingBytes) + (2 * sizeof(long)))]
    private struct ProducerState
    {
        [FieldOffset(CacheLine.PaddingBytes)]
        public long NextValue;

        [FieldOffset(CacheLine.PaddingBytes + sizeof(long))]
        public long CachedGatingSequence;
    }
}
