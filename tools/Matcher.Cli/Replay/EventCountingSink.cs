using Matcher.Core.Events;

namespace Matcher.Cli.Replay;

/// <summary>
/// An event sink that only counts: one reused slot, a counter per event type, nothing
/// allocated per event, so a replay measures the core and the journal reader.
/// </summary>
internal sealed class EventCountingSink : IEventSink
{
    // Indexed by the type's number: a ushort, so every value, known or not, has a slot.
    private readonly long[] _byType = new long[ushort.MaxValue + 1];
    private EngineEvent _slot;

    /// <summary>Events committed.</summary>
    public long Events { get; private set; }

    /// <summary>Commands ended.</summary>
    public long Commands { get; private set; }

    /// <summary>Events of type <paramref name="type"/> committed.</summary>
    public long Count(EventType type) => _byType[(ushort)type];

    /// <inheritdoc />
    public ref EngineEvent Claim() => ref _slot;

    /// <inheritdoc />
    public void Commit()
    {
        Events++;
        _byType[(ushort)_slot.Type]++;
    }

    /// <inheritdoc />
    public void EndOfCommand() => Commands++;
}
