using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Core.Tests;

public class DeterminismTests
{
    private static (List<EngineEvent> Events, ulong Hash) Run(MatchingEngine engine, IEnumerable<Command> commands)
    {
        var sink = new EventListSink();
        foreach (var command in commands)
        {
            var copy = command;
            engine.Process(ref copy, sink);
        }

        return (sink.Events, engine.ComputeStateHash());
    }

    private static byte[] Snapshot(MatchingEngine engine)
    {
        using var stream = new MemoryStream();
        engine.WriteSnapshot(stream);
        return stream.ToArray();
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void SameStreamTwice_GivesSameEventsAndHash(int seed)
    {
        var commands = RandomCommands.Generate(seed, 5_000);
        var first = Run(new MatchingEngine(), commands);
        var second = Run(new MatchingEngine(), commands);

        Assert.That(first.Events.Count(e => e.Type == EventType.Trade), Is.GreaterThan(200), "the stream trades");
        Assert.That(first.Events.Count(e => e.Type == EventType.Rejected), Is.LessThan(first.Events.Count / 2), "the stream is mostly accepted");
        Assert.That(second.Hash, Is.EqualTo(first.Hash));
        Assert.That(second.Events, Is.EqualTo(first.Events));
    }

    [Test]
    public void DifferentStreams_GiveDifferentHashes() =>
        Assert.That(Run(new MatchingEngine(), RandomCommands.Generate(1, 2_000)).Hash,
            Is.Not.EqualTo(Run(new MatchingEngine(), RandomCommands.Generate(2, 2_000)).Hash));

    [TestCase(1, 0)]
    [TestCase(1, 40)]
    [TestCase(1, 777)]
    [TestCase(4, 2_500)]
    [TestCase(5, 4_999)]
    public void SnapshotAtAnyPoint_ThenTheRest_GivesTheSameEventsAndHash(int seed, int split)
    {
        var commands = RandomCommands.Generate(seed, 5_000);
        var whole = Run(new MatchingEngine(), commands);

        var first = new MatchingEngine();
        var head = Run(first, commands.Take(split));
        var restored = MatchingEngine.LoadSnapshot(new MemoryStream(Snapshot(first)));
        Assert.That(restored.ComputeStateHash(), Is.EqualTo(head.Hash));
        var tail = Run(restored, commands.Skip(split));

        Assert.That(tail.Hash, Is.EqualTo(whole.Hash));
        Assert.That(head.Events.Concat(tail.Events), Is.EqualTo(whole.Events));
    }

    [Test]
    public void Snapshot_RestoredEngine_WritesTheSameBytes()
    {
        var engine = new MatchingEngine();
        Run(engine, RandomCommands.Generate(6, 3_000));
        var bytes = Snapshot(engine);
        Assert.That(Snapshot(MatchingEngine.LoadSnapshot(new MemoryStream(bytes))), Is.EqualTo(bytes));
    }

    [Test]
    public void Snapshot_Corrupted_IsRefused()
    {
        var engine = new MatchingEngine();
        Run(engine, RandomCommands.Generate(7, 2_000));
        var bytes = Snapshot(engine);

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x40;
        Assert.Throws<InvalidDataException>(() => MatchingEngine.LoadSnapshot(new MemoryStream(flipped)));
        Assert.Throws<InvalidDataException>(() => MatchingEngine.LoadSnapshot(new MemoryStream(bytes[..^9])));
        var badVersion = (byte[])bytes.Clone();
        badVersion[8] = 4;
        Assert.That(Assert.Throws<InvalidDataException>(() => MatchingEngine.LoadSnapshot(new MemoryStream(badVersion)))!.Message, Does.Contain("version"));
    }

    [Test]
    public void QueryStateHash_ReportsTheCurrentHash()
    {
        var engine = new MatchingEngine();
        Run(engine, RandomCommands.Generate(8, 500));
        var query = new Command { Type = CommandType.QueryStateHash, Sequence = engine.LastSequence + 1 };
        var sink = new EventListSink();
        engine.Process(ref query, sink);
        Assert.That(sink.Events.Single().StateHash, Is.EqualTo(engine.ComputeStateHash()));
    }
}
