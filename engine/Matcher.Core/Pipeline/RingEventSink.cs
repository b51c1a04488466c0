using Matcher.Core.Events;
using Matcher.Ring;

namespace Matcher.Core.Pipeline;

/// <summary>
/// Writes events in place into the outbound ring, whose single producer is the core
/// thread. Each event is published as soon as it is written, so a command with more
/// events than the ring holds (a large mass cancel) cannot deadlock.
/// </summary>
public sealed class RingEventSink : IEventSink
{
    private readonly RingBuffer<EngineEvent> _ring;
    private long _claimed;

    /// <summary>Writes into <paramref name="ring"/>, which must have a single producer: the core.</summary>
    public RingEventSink(RingBuffer<EngineEvent> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        _ring = ring;
    }

    /// <inheritdoc />
    public ref EngineEvent Claim()
    {
        _claimed = _ring.Next();
        return ref _ring[_claimed];
    }

    /// <inheritdoc />
    public void Commit() => _ring.Publish(_claimed);

    /// <inheritdoc />
    public void EndOfCommand()
    {
    }
}
