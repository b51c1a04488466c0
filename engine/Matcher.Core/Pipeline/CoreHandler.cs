using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Ring;

namespace Matcher.Core.Pipeline;

/// <summary>
/// The core as a consumer of the inbound ring: each command, in sequence order, goes
/// through the <see cref="MatchingEngine"/>, whose events go to the sink (the outbound
/// ring in the server).
/// </summary>
public sealed class CoreHandler : IEntryHandler<Command>
{
    private readonly MatchingEngine _engine;
    private readonly IEventSink _sink;

    /// <summary>Runs <paramref name="engine"/> on commands, writing events to <paramref name="sink"/>.</summary>
    public CoreHandler(MatchingEngine engine, IEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(sink);
        _engine = engine;
        _sink = sink;
    }

    /// <inheritdoc />
    public void OnEvent(ref Command entry, long sequence, bool endOfBatch) => _engine.Process(ref entry, _sink);
}
