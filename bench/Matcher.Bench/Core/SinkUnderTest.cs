using Matcher.Core.Events;
using Matcher.Core.Pipeline;
using Matcher.Ring;

namespace Matcher.Bench.Core;

/// <summary>
/// The event sink a core benchmark writes to, with a way to count and read back what
/// was written. The load generator gets a sink of the same type as the measured runs:
/// the JIT's profile-guided devirtualization of <see cref="IEventSink"/> calls must see
/// the type the measured runs use, not a test double.
/// </summary>
public sealed class SinkUnderTest
{
    private readonly RingBuffer<EngineEvent>? _ring;
    private readonly CircularArraySink? _array;

    private SinkUnderTest(RingBuffer<EngineEvent>? ring, CircularArraySink? array, IEventSink sink, string name)
    {
        _ring = ring;
        _array = array;
        Sink = sink;
        Name = name;
    }

    public IEventSink Sink { get; }

    public string Name { get; }

    /// <summary>Events written since the sink was made.</summary>
    public long Published => _ring is not null ? _ring.Cursor.Value + 1 : _array!.Committed;

    /// <summary>
    /// <c>ring</c>: the production <see cref="RingEventSink"/> on a single-producer ring
    /// with no gating sequence, so the producer never waits (as if a consumer always kept
    /// up); <c>array</c>: <see cref="CircularArraySink"/>.
    /// </summary>
    public static SinkUnderTest Create(string kind, int size)
    {
        if (kind == "array")
        {
            var array = new CircularArraySink(size);
            return new SinkUnderTest(null, array, array, "CircularArraySink (plain circular array)");
        }

        var ring = RingBuffer.CreateSingleProducer<EngineEvent>(size);
        return new SinkUnderTest(ring, null, new RingEventSink(ring), "RingEventSink on a single-producer RingBuffer<EngineEvent>");
    }

    /// <summary>Event number <paramref name="index"/> (0-based), while not yet overwritten.</summary>
    public ref readonly EngineEvent At(long index) => ref _ring is not null ? ref _ring[index] : ref _array!.At(index);
}
