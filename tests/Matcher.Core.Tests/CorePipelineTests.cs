using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Pipeline;
using Matcher.Ring;

namespace Matcher.Core.Tests;

/// <summary>The core as a ring consumer: commands in through the inbound ring, events out through the outbound ring.</summary>
public class CorePipelineTests
{
    private static readonly TimeSpan _testTimeout = TimeSpan.FromSeconds(30);

    private sealed class Collector : IEntryHandler<EngineEvent>
    {
        private readonly List<EngineEvent> _events = [];

        public List<EngineEvent> Snapshot()
        {
            lock (_events)
            {
                return [.. _events];
            }
        }

        public void OnEvent(ref EngineEvent entry, long sequence, bool endOfBatch)
        {
            lock (_events)
            {
                _events.Add(entry);
            }
        }
    }

    [Test]
    public void CommandsThroughRings_GiveTheSameEventsAsDirectProcessing()
    {
        var commands = RandomCommands.Generate(11, 3_000);
        var direct = new EventListSink();
        var reference = new MatchingEngine();
        foreach (var command in commands)
        {
            var copy = command;
            reference.Process(ref copy, direct);
        }

        // Small rings, so both wrap many times and the core waits on the collector.
        var inbound = RingBuffer.CreateMultiProducer<Command>(256);
        var outbound = RingBuffer.CreateSingleProducer<EngineEvent>(128);
        var collector = new Collector();
        var outPipeline = new RingPipeline<EngineEvent>(outbound);
        outPipeline.Add("collector", collector, new BlockingWaitStrategy());
        var engine = new MatchingEngine();
        var inPipeline = new RingPipeline<Command>(inbound);
        inPipeline.Add("core", new CoreHandler(engine, new RingEventSink(outbound)), new YieldingWaitStrategy());
        outPipeline.Start();
        inPipeline.Start();
        try
        {
            foreach (var command in commands)
            {
                var sequence = inbound.Next();
                inbound[sequence] = command;
                inbound.Publish(sequence);
            }
        }
        finally
        {
            Assert.That(inPipeline.Stop(StopMode.Drain, _testTimeout), Is.Zero);
            Assert.That(outPipeline.Stop(StopMode.Drain, _testTimeout), Is.Zero);
        }

        Assert.That(collector.Snapshot(), Is.EqualTo(direct.Events));
        Assert.That(engine.ComputeStateHash(), Is.EqualTo(reference.ComputeStateHash()));
    }
}
