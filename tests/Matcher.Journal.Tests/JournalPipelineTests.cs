using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Pipeline;
using Matcher.Ring;

namespace Matcher.Journal.Tests;

/// <summary>Producers → inbound ring → journaler → core → outbound ring, then replay of the journal.</summary>
public class JournalPipelineTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(60);

    private sealed class CountingSink : IEventSink
    {
        private EngineEvent _slot;

        public long Events { get; private set; }

        public ref EngineEvent Claim() => ref _slot;

        public void Commit() => Events++;

        public void EndOfCommand()
        {
        }
    }

    /// <summary>Runs <paramref name="commands"/> through a journaled pipeline; returns the live engine.</summary>
    private static MatchingEngine RunLive(JournalOptions options, MatchingEngine engine, IReadOnlyList<Command> commands, out JournalHandler journaler)
    {
        var report = JournalRecovery.Recover(options.Directory);
        using var writer = new JournalWriter(options, report.LastSequence);
        var ring = RingBuffer.CreateMultiProducer<Command>(256);
        var pipeline = new RingPipeline<Command>(ring);
        journaler = new JournalHandler(writer);
        var journal = pipeline.Add("journaler", journaler, new BlockingWaitStrategy());
        pipeline.Add("core", new CoreHandler(engine, new CountingSink()), new BlockingWaitStrategy(), journal);
        pipeline.Start();
        try
        {
            foreach (var command in commands)
            {
                var sequence = ring.Next();
                ring[sequence] = command;
                ring.Publish(sequence);
            }
        }
        finally
        {
            Assert.That(pipeline.Stop(StopMode.Drain, _timeout), Is.Zero);
        }

        return engine;
    }

    private static ulong Replay(string directory)
    {
        var engine = new MatchingEngine();
        var sink = new CountingSink();
        foreach (var command in JournalReader.Read(directory))
        {
            var copy = command;
            engine.Process(ref copy, sink);
        }

        return engine.ComputeStateHash();
    }

    [Test]
    public void Journaled_ThenReplayed_GivesTheLiveStateHash()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(3_000);
        var live = RunLive(journal.Options(segmentBytes: 200 * JournalRecord.RecordSize), new MatchingEngine(), commands, out var journaler);

        var journaled = JournalReader.Read(journal.Path).ToList();
        Assert.That(journaled.Select(c => c.Sequence), Is.EqualTo(Enumerable.Range(1, commands.Count).Select(i => (long)i)));
        Assert.That(journaled.Select(c => (c.Type, c.AccountId, c.OrderId, c.ClientOrderId)),
            Is.EqualTo(commands.Select(c => (c.Type, c.AccountId, c.OrderId, c.ClientOrderId))));
        Assert.That(journaled.Zip(journaled.Skip(1)).All(p => p.First.TimestampNs <= p.Second.TimestampNs), Is.True, "stamped in order");
        Assert.That(Replay(journal.Path), Is.EqualTo(live.ComputeStateHash()));
        Assert.That(journaler.BatchSizes.TotalCount, Is.GreaterThan(0));
        Assert.That(live.LastSequence, Is.EqualTo(commands.Count));
    }

    private sealed class SteppingClock(params long[] ticks) : TimeProvider
    {
        private int _next;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(ticks[Math.Min(_next++, ticks.Length - 1)]);
    }

    [Test]
    public void Journaler_ClockSteppingBack_StampsTimesThatNeverGoBackwards()
    {
        using var journal = new TempJournal();
        using var writer = new JournalWriter(journal.Options(), 0);
        var handler = new JournalHandler(writer, new SteppingClock(1_000, 3_000, 2_000, 4_000));
        var stamped = new List<long>();
        foreach (var (command, i) in SampleCommands.Stream(4).Select((c, i) => (c, i)))
        {
            var copy = command;
            handler.OnEvent(ref copy, i, endOfBatch: true);
            stamped.Add(copy.TimestampNs);
        }

        Assert.That(stamped, Is.EqualTo(new long[] { 100_000, 300_000, 300_000, 400_000 }));
    }

    [Test]
    public void Restart_ContinuesTheJournalAndReplayMatches()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(1_000);
        var options = journal.Options(durability: Durability.FsyncInterval);
        var engine = RunLive(options, new MatchingEngine(), commands.Take(400).ToList(), out _);
        RunLive(options, engine, commands.Skip(400).ToList(), out _);

        Assert.That(JournalReader.Read(journal.Path).Select(c => c.Sequence), Is.EqualTo(Enumerable.Range(1, 1_000).Select(i => (long)i)));
        Assert.That(Replay(journal.Path), Is.EqualTo(engine.ComputeStateHash()));
    }
}
