using BenchmarkDotNet.Attributes;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Bench.Core;

/// <summary>
/// Place, cancel and take measured alone, on <see cref="CoreBookFixture"/>'s book: an
/// untimed iteration setup or cleanup does the other half (places the orders to cancel
/// or to take, cancels what was placed), so each iteration is one invocation of 500
/// operations and the book moves between 1,000 and 1,500 orders. Less precise than the
/// pairs in <see cref="CoreOperationBenchmarks"/> (BenchmarkDotNet warns about short
/// iterations); the two should agree.
/// </summary>
[MemoryDiagnoser]
// BenchmarkDotNet's default full GC before every iteration moves the book and leaves the
// caches cold; with 500-operation iterations that is what it would measure (see
// docs/PERFORMANCE.md, "Per operation").
[GcForce(false)]
[InvocationCount(1)]
[WarmupCount(10)]
[IterationCount(40)]
public class CoreSingleOperationBenchmarks
{
    private const int Operations = 500;

    private CoreBookFixture _fixture = null!;
    private MatchingEngine _engine = null!;
    private IEventSink _sink = null!;
    private Command[] _places = null!;
    private Command[] _cancels = null!;
    private Command[] _makers = null!;
    private Command[] _takers = null!;
    private long _nextOrderId;

    // BenchmarkDotNet may run iteration setup and cleanup around overhead iterations too,
    // so each only does its part when the benchmark consumed (or left) what it needs.
    private bool _placedToCancel;
    private bool _placed;
    private bool _makersResting;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new CoreBookFixture();
        _engine = _fixture.Engine;
        _sink = _fixture.Sink.Sink;
        _nextOrderId = _fixture.NextOrderId;
        _places = new Command[Operations];
        _cancels = new Command[Operations];
        _makers = new Command[Operations];
        _takers = new Command[Operations];
        for (var i = 0; i < Operations; i++)
        {
            _places[i] = _fixture.RestingPlace();
            _cancels[i] = CoreSetup.Cancel(_places[i].AccountId, 0);
            var makerSide = i % 2 == 0 ? Side.Sell : Side.Buy;
            var price = makerSide == Side.Sell ? CoreBookFixture.MiddleTicks + 1 : CoreBookFixture.MiddleTicks - 1;
            var size = _fixture.DrawSize();
            var maker = _fixture.DrawAccount();
            _makers[i] = CoreSetup.Limit(maker, CoreBookFixture.InstrumentId, makerSide, price, size, TimeInForce.GoodTillCancel, _fixture.NextClientId());
            var takerSide = makerSide == Side.Sell ? Side.Buy : Side.Sell;
            var taker = maker % CoreBookFixture.Accounts + 1;
            _takers[i] = CoreSetup.Limit(taker, CoreBookFixture.InstrumentId, takerSide, price, size, TimeInForce.GoodTillCancel, _fixture.NextClientId());
        }

        foreach (var commands in (Command[][])[_places, _cancels, _makers, _takers])
        {
            _fixture.Stamp(commands);
        }

        // An iteration here is one invocation of well under a millisecond, so BenchmarkDotNet's
        // warm-up alone would measure code the JIT has not yet promoted to its final tier
        // (call counting starts after 100 ms, then PGO instrumentation, then tier 1).
        WarmUp(TimeSpan.FromSeconds(1.5));
        Thread.Sleep(300);
        WarmUp(TimeSpan.FromSeconds(0.5));
    }

    [IterationCleanup(Target = nameof(PlaceResting))]
    public void CancelPlaced()
    {
        if (_placed)
        {
            CancelAll();
            _placed = false;
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "place resting")]
    public long PlaceResting()
    {
        var engine = _engine;
        var sink = _sink;
        var places = _places;
        for (var i = 0; i < places.Length; i++)
        {
            engine.Process(ref places[i], sink);
        }

        _placed = true;
        return places.Length;
    }

    [IterationSetup(Target = nameof(CancelResting))]
    public void PlaceToCancel()
    {
        if (!_placedToCancel)
        {
            Run(_places);
            _placedToCancel = true;
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "cancel resting")]
    public long CancelResting()
    {
        var engine = _engine;
        var sink = _sink;
        var cancels = _cancels;
        for (var i = 0; i < cancels.Length; i++)
        {
            engine.Process(ref cancels[i], sink);
        }

        _placedToCancel = false;
        return cancels.Length;
    }

    [IterationSetup(Target = nameof(TakeResting))]
    public void PlaceMakers()
    {
        if (!_makersResting)
        {
            Run(_makers);
            _makersResting = true;
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "place crossing, fully filled by one resting order")]
    public long TakeResting()
    {
        var engine = _engine;
        var sink = _sink;
        var takers = _takers;
        for (var i = 0; i < takers.Length; i++)
        {
            engine.Process(ref takers[i], sink);
        }

        _makersResting = false;
        _nextOrderId += takers.Length;
        return takers.Length;
    }

    private void WarmUp(TimeSpan duration)
    {
        var end = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < end)
        {
            PlaceResting();
            CancelPlaced();
            PlaceToCancel();
            CancelResting();
            PlaceMakers();
            TakeResting();
        }
    }

    /// <summary>Places the orders (untimed) and points the cancels at the ids they get.</summary>
    private void Run(Command[] places)
    {
        var first = _fixture.Sink.Published;
        for (var i = 0; i < places.Length; i++)
        {
            _engine.Process(ref places[i], _sink);
        }

        _fixture.ThrowOnRejects(first);
        if (places == _places)
        {
            for (var i = 0; i < _cancels.Length; i++)
            {
                _cancels[i].OrderId = _nextOrderId + i;
            }
        }

        _nextOrderId += places.Length;
    }

    private void CancelAll()
    {
        var firstId = _nextOrderId;
        _nextOrderId += Operations;
        var first = _fixture.Sink.Published;
        for (var i = 0; i < _cancels.Length; i++)
        {
            _cancels[i].OrderId = firstId + i;
            _engine.Process(ref _cancels[i], _sink);
        }

        _fixture.ThrowOnRejects(first);
    }
}
