using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Core.Tests;

/// <summary>
/// Ring slots are reused: an event must not carry anything from the slot's previous
/// occupant. A sink whose slots are full of garbage must see exactly the events a clean
/// one sees.
/// </summary>
public class EventSlotTests
{
    private sealed class GarbageSlotSink : IEventSink
    {
        private EngineEvent _slot;

        public List<EngineEvent> Events { get; } = [];

        public ref EngineEvent Claim()
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<EngineEvent>(ref _slot)).Fill(0xFF);
            return ref _slot;
        }

        public void Commit() => Events.Add(_slot);

        public void EndOfCommand()
        {
        }
    }

    [Test]
    public void Events_WrittenIntoDirtySlots_EqualEventsWrittenIntoCleanOnes()
    {
        var commands = RandomCommands.Generate(21, 3_000);
        var clean = new EventListSink();
        var dirty = new GarbageSlotSink();
        var first = new MatchingEngine();
        var second = new MatchingEngine();
        foreach (var command in commands)
        {
            var a = command;
            var b = command;
            first.Process(ref a, clean);
            second.Process(ref b, dirty);
        }

        Assert.That(clean.Events.Count(e => e.Type == EventType.Trade), Is.GreaterThan(100));
        Assert.That(dirty.Events, Is.EqualTo(clean.Events));
    }
}
