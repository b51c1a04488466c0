using BenchmarkDotNet.Attributes;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Pipeline;
using Matcher.Ring;

namespace Matcher.Bench.Core;

/// <summary>
/// What one event costs the core thread, written as <c>MatchingEngine.NewEvent</c> writes
/// a <c>BookLevelChanged</c> event: claim a slot of the production <see cref="RingEventSink"/>
/// (ring of 16,384, no consumer), clear all 624 bytes, set the header and payload, commit.
/// Beside it, the same fields in a 64-byte <see cref="CompactEvent"/> on a ring of the
/// same length. The throughput harness writes 3.7 events per command.
/// </summary>
[MemoryDiagnoser]
public class EventWriteBenchmarks
{
    private const int Events = 1_000;
    private const int RingSize = 1 << 14;

    // Typed as the interface, as the core holds it.
    private IEventSink _sink = null!;
    private RingBuffer<CompactEvent> _compact = null!;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _sink = new RingEventSink(RingBuffer.CreateSingleProducer<EngineEvent>(RingSize));
        _compact = RingBuffer.CreateSingleProducer<CompactEvent>(RingSize);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "EngineEvent (624 B): claim, clear, fill, commit")]
    public long EngineEventWrite()
    {
        var sink = _sink;
        var sequence = _sequence;
        for (var i = 0; i < Events; i++)
        {
            ref var e = ref sink.Claim();
            e = default;
            e.Type = EventType.BookLevelChanged;
            e.CommandType = CommandType.AmendOrder;
            e.CommandSequence = ++sequence;
            e.TimestampNs = sequence;
            e.InstrumentId = 1;
            e.Side = Side.Buy;
            e.PriceTicks = sequence;
            e.LevelLots = i;
            e.LevelOrderCount = 1;
            sink.Commit();
        }

        _sequence = sequence;
        return sequence;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "CompactEvent (64 B): claim, clear, fill, publish")]
    public long CompactEvent64()
    {
        var ring = _compact;
        var sequence = _sequence;
        for (var i = 0; i < Events; i++)
        {
            var slot = ring.Next();
            ref var e = ref ring[slot];
            e = default;
            e.Type = (ushort)EventType.BookLevelChanged;
            e.CommandType = (ushort)CommandType.AmendOrder;
            e.CommandSequence = ++sequence;
            e.TimestampNs = sequence;
            e.InstrumentId = 1;
            e.PriceTicks = sequence;
            e.Quantity = i;
            e.Amount = 1;
            ring.Publish(slot);
        }

        _sequence = sequence;
        return sequence;
    }
}
