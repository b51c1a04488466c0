using Matcher.Core.Events;

namespace Matcher.Journal;

/// <summary>
/// Where replays write events: nowhere. Their events were delivered before the restart,
/// or belong to the live core.
/// </summary>
internal sealed class DiscardingEventSink : IEventSink
{
    private EngineEvent _slot;

    public ref EngineEvent Claim() => ref _slot;

    public void Commit()
    {
    }

    public void EndOfCommand()
    {
    }
}
