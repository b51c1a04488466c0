using System.Runtime.CompilerServices;

namespace Matcher.Ring;

/// <summary>
/// A sequencer for any number of producer threads: a claim is one atomic add on the
/// cursor (or a compare-and-set for <see cref="TryNext(int, out long)"/>), and each slot
/// records which lap of the ring was published into it.
/// </summary>
/// <remarks>
/// Because producers publish out of order, the cursor is the highest <em>claimed</em>
/// sequence; consumers read up to <see cref="GetHighestPublishedSequence"/>, which scans
/// the per-slot lap flags. A producer that claims and never publishes stalls every
/// consumer at that slot: always publish what you claim.
/// </remarks>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly MultiProducerFields _fields;

    /// <summary>Creates a sequencer for a ring of <paramref name="bufferSize"/> entries.</summary>
    public MultiProducerSequencer(int bufferSize)
        : base(bufferSize)
    {
        _fields.GatingSequenceCache = new Sequence();
        _fields.AvailableLaps = new int[bufferSize];
        Array.Fill(_fields.AvailableLaps, -1);
        _fields.IndexMask = bufferSize - 1;
        _fields.LapShift = int.Log2(bufferSize);
    }

    /// <inheritdoc />
    public override bool IsMultiProducer => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int count = 1)
    {
        ValidateCount(count);
        var next = Cursor.AddAndGet(count);
        var current = next - count;
        var wrapPoint = next - BufferSize;
        var cached = _fields.GatingSequenceCache.Value;
        if (wrapPoint > cached || cached > current)
        {
            WaitForCapacity(current, wrapPoint);
        }

        return next;
    }

    /// <inheritdoc />
    public override bool TryNext(int count, out long highSequence)
    {
        ValidateCount(count);
        long current;
        long next;
        do
        {
            current = Cursor.Value;
            next = current + count;
            if (!HasCapacity(count, current))
            {
                highSequence = default;
                return false;
            }
        }
        while (!Cursor.CompareAndSet(current, next));

        highSequence = next;
        return true;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        MarkAvailable(sequence);
        SignalConsumers();
    }

    /// <inheritdoc />
    public override void Publish(long low, long high)
    {
        for (var sequence = low; sequence <= high; sequence++)
        {
            MarkAvailable(sequence);
        }

        SignalConsumers();
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool IsAvailable(long sequence) =>
        Volatile.Read(ref _fields.AvailableLaps[(int)sequence & _fields.IndexMask]) == (int)(sequence >>> _fields.LapShift);

    /// <inheritdoc />
    public override long GetHighestPublishedSequence(long low, long available)
    {
        for (var sequence = low; sequence <= available; sequence++)
        {
            if (!IsAvailable(sequence))
            {
                return sequence - 1;
            }
        }

        return available;
    }

    /// <inheritdoc />
    public override long RemainingCapacity()
    {
        var produced = Cursor.Value;
        var consumed = MinimumGatingSequence(produced);

        // Producers waiting for room have already claimed past the end.
        return Math.Max(0, BufferSize - (produced - consumed));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkAvailable(long sequence) =>
        Volatile.Write(ref _fields.AvailableLaps[(int)sequence & _fields.IndexMask], (int)(sequence >>> _fields.LapShift));

    private bool HasCapacity(int count, long current)
    {
        var wrapPoint = current + count - BufferSize;
        var cached = _fields.GatingSequenceCache.Value;
        if (wrapPoint > cached || cached > current)
        {
            var minimum = MinimumGatingSequence(current);
            _fields.GatingSequenceCache.SetRelease(minimum);
            if (wrapPoint > minimum)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long current, long wrapPoint)
    {
        var backOff = default(BackOff);
        long minimum;
        while (wrapPoint > (minimum = MinimumGatingSequence(current)))
        {
            backOff.Wait();
        }

        _fields.GatingSequenceCache.SetRelease(minimum);
    }
}
