namespace Matcher.Core.Events;

/// <summary>Collects events in a list: for tools (the simulator) and tests, not the hot path.</summary>
public sealed class EventListSink : IEventSink
{
    private EngineEvent _claimed;

    /// <summary>Every committed event, in order.</summary>
    public List<EngineEvent> Events { get; } = [];

    /// <summary>How many commands have ended.</summary>
    public int Commands { get; private set; }

    /// <inheritdoc />
    public ref EngineEvent Claim() => ref _claimed;

    /// <inheritdoc />
    public void Commit() => Events.Add(_claimed);

    /// <inheritdoc />
    public void EndOfCommand() => Commands++;
}
