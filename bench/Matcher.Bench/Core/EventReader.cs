using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Bench.Core;

/// <summary>Runs one command into a <see cref="SinkUnderTest"/> and copies its events back out, for the load generator.</summary>
public sealed class EventReader(SinkUnderTest sink)
{
    private EngineEvent[] _events = new EngineEvent[64];
    private int _count;

    /// <summary>The events of the last command processed.</summary>
    public ReadOnlySpan<EngineEvent> Events => _events.AsSpan(0, _count);

    public void Process(MatchingEngine engine, ref Command command)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var first = sink.Published;
        engine.Process(ref command, sink.Sink);
        _count = checked((int)(sink.Published - first));
        if (_count > _events.Length)
        {
            _events = new EngineEvent[Math.Max(_count, _events.Length * 2)];
        }

        for (var i = 0; i < _count; i++)
        {
            _events[i] = sink.At(first + i);
        }
    }
}
