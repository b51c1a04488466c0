namespace Matcher.Core.Events;

/// <summary>Where the core writes events: the outbound ring, or a list in tools and tests.</summary>
/// <remarks>
/// The core calls <see cref="Claim"/>, fills the returned slot (which it first clears),
/// then <see cref="Commit"/>; one event at a time, in order. <see cref="EndOfCommand"/>
/// follows the last event of each command.
/// </remarks>
public interface IEventSink
{
    /// <summary>A slot for the next event, valid until <see cref="Commit"/>.</summary>
    ref EngineEvent Claim();

    /// <summary>Makes the claimed event visible.</summary>
    void Commit();

    /// <summary>The command's events are all committed.</summary>
    void EndOfCommand();
}
