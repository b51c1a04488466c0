using System.Runtime.CompilerServices;

namespace Matcher.Ring;

/// <summary>
/// A padded, concurrently read sequence number: a producer's cursor or a consumer's
/// progress through the ring.
/// </summary>
/// <remarks>
/// Memory ordering is in the method names: <see cref="Value"/> is an acquire read,
/// <see cref="SetRelease"/> a release write (entries written before it are visible to
/// a thread that reads the new value); the atomic updates are full fences. The value sits
/// <see cref="CacheLine.PaddingBytes"/> away from anything else in memory.
/// </remarks>
public sealed class Sequence
{
    /// <summary>The value of a sequence before anything was claimed or processed.</summary>
    public const long InitialValue = -1;

    private PaddedLong _value;

    /// <summary>Creates a sequence at <paramref name="initialValue"/>.</summary>
    public Sequence(long initialValue = InitialValue)
    {
        _value.Value = initialValue;
    }

    /// <summary>The current value, read with acquire semantics.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _value.Value);
    }

    /// <summary>Writes <paramref name="value"/> with release semantics.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetRelease(long value) => Volatile.Write(ref _value.Value, value);

    /// <summary>Atomically sets the value to <paramref name="value"/> if it is <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expected, long value) =>
        Interlocked.CompareExchange(ref _value.Value, value, expected) == expected;

    /// <summary>Atomically adds <paramref name="increment"/> and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AddAndGet(long increment) => Interlocked.Add(ref _value.Value, increment);

    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="minimum"/> if smaller.</summary>
    public static long Min(Sequence[] sequences, long minimum = long.MaxValue)
    {
        for (var i = 0; i < sequences.Length; i++)
        {
            var value = sequences[i].Value;
            if (value < minimum)
            {
                minimum = value;
            }
        }

        return minimum;
    }

    /// <summary>A reference to the stored value, for layout tests only.</summary>
    internal ref long RawValue => ref _value.Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
