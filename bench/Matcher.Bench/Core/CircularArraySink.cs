using Matcher.Core.Events;

namespace Matcher.Bench.Core;

/// <summary>
/// The core's event sink as a plain circular array of <see cref="EngineEvent"/> with no
/// consumer: each event is written in full into memory the benchmark keeps, so the JIT
/// cannot drop the work, but nothing is published. Beside the production
/// <c>RingEventSink</c> it shows what the ring's claim and publish add.
/// </summary>
public sealed class CircularArraySink : IEventSink
{
    private readonly EngineEvent[] _events;
    private readonly int _mask;
    private long _committed;

    public CircularArraySink(int capacity)
    {
        if (capacity < 1 || !int.IsPow2(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be a positive power of two.");
        }

        _events = new EngineEvent[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Events committed since the sink was made.</summary>
    public long Committed => _committed;

    /// <summary>The event committed as number <paramref name="index"/> (0-based), while not yet overwritten.</summary>
    public ref readonly EngineEvent At(long index) => ref _events[(int)index & _mask];

    public ref EngineEvent Claim() => ref _events[(int)_committed & _mask];

    public void Commit() => _committed++;

    public void EndOfCommand()
    {
    }
}
