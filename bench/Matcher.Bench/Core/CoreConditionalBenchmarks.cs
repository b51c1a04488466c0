using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Bench.Core;

/// <summary>
/// What conditional orders cost, on <see cref="CoreBookFixture"/>'s book (1,000 orders on
/// 750 levels), each method leaving the book as it found it:
/// <list type="bullet">
/// <item>place a stop order (it waits off the book) and cancel it (per pair);</item>
/// <item>place one tick inside the spread and fill it (as <see cref="CoreOperationBenchmarks.PlaceThenTake"/>)
/// with 1,000 stops waiting far from the price, so every trade checks the trigger book and
/// none fires: the cost a trade pays for triggers that exist;</item>
/// <item>a trade that fires a stop, which takes the next resting order (per trigger: two
/// makers, the stop and the taker; sides alternate so the last trade price never reaches
/// the next stop early).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CoreConditionalBenchmarks
{
    private const int Pairs = 1_000;
    private const int WaitingStops = 1_000;

    private CoreBookFixture _fixture = null!;
    private MatchingEngine _engine = null!;
    private IEventSink _sink = null!;
    private Command[] _stops = null!;
    private Command[] _cancels = null!;
    private Command[] _makers = null!;
    private Command[] _takers = null!;
    private Command[] _cascades = null!;
    private long _nextOrderId;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new CoreBookFixture();
        _engine = _fixture.Engine;
        _sink = _fixture.Sink.Sink;

        // Stops far outside the book: a buy stop above every ask, a sell stop below every bid.
        var waiting = new Command[WaitingStops];
        for (var i = 0; i < WaitingStops; i++)
        {
            var side = i % 2 == 0 ? Side.Buy : Side.Sell;
            var stop = side == Side.Buy ? 2 * CoreBookFixture.MiddleTicks + i : (CoreBookFixture.MiddleTicks / 2) - i;
            waiting[i] = Stop(_fixture.DrawAccount(), side, stop, _fixture.DrawSize());
        }

        _fixture.Run(waiting);
        _nextOrderId = _fixture.NextOrderId + WaitingStops;

        _stops = new Command[Pairs];
        _cancels = new Command[Pairs];
        _makers = new Command[Pairs];
        _takers = new Command[Pairs];
        _cascades = new Command[4 * Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            var side = i % 2 == 0 ? Side.Buy : Side.Sell;
            _stops[i] = Stop(_fixture.DrawAccount(), side, side == Side.Buy ? 2 * CoreBookFixture.MiddleTicks : CoreBookFixture.MiddleTicks / 2, _fixture.DrawSize());
            _cancels[i] = CoreSetup.Cancel(_stops[i].AccountId, 0);

            // One tick inside the spread, where no level is: a maker opens it, a taker empties it.
            var makerSide = side == Side.Buy ? Side.Sell : Side.Buy;
            var price = makerSide == Side.Sell ? CoreBookFixture.MiddleTicks + 1 : CoreBookFixture.MiddleTicks - 1;
            var (maker, taker, stopper) = (_fixture.DrawAccount(), _fixture.DrawAccount(), _fixture.DrawAccount());
            var (size, stopSize) = (_fixture.DrawSize(), _fixture.DrawSize());
            _makers[i] = CoreSetup.Limit(maker, CoreBookFixture.InstrumentId, makerSide, price, size, TimeInForce.GoodTillCancel, _fixture.NextClientId());
            _takers[i] = CoreSetup.Limit(taker, CoreBookFixture.InstrumentId, side, price, size, TimeInForce.GoodTillCancel, _fixture.NextClientId());

            // The same pair with a stop at that price between them, and a second maker for the stop to take.
            _cascades[4 * i] = _makers[i];
            _cascades[(4 * i) + 1] = CoreSetup.Limit(maker, CoreBookFixture.InstrumentId, makerSide, price, stopSize, TimeInForce.GoodTillCancel, _fixture.NextClientId());
            _cascades[(4 * i) + 2] = Stop(stopper, side, price, stopSize);
            _cascades[(4 * i) + 3] = _takers[i];
        }

        foreach (var commands in (Command[][])[_stops, _cancels, _makers, _takers, _cascades])
        {
            _fixture.Stamp(commands);
        }

        var shape = BookShape.Of(_engine);
        foreach (var operation in (Func<long>[])[StopThenCancel, PlaceThenTakeWithStopsWaiting, TradeFiresStop])
        {
            var first = _fixture.Sink.Published;
            operation();
            _fixture.ThrowOnRejects(first);
        }

        if (BookShape.Of(_engine) != shape)
        {
            throw new InvalidOperationException($"the book changed: {BookShape.Of(_engine)}, was {shape}");
        }
    }

    [Benchmark(OperationsPerInvoke = Pairs, Description = "place stop (waits off the book) + cancel it (per pair)")]
    [BenchmarkCategory("4 conditional")]
    public long StopThenCancel()
    {
        var engine = _engine;
        var sink = _sink;
        var stops = _stops;
        var cancels = _cancels;
        var orderId = _nextOrderId;
        for (var i = 0; i < stops.Length; i++)
        {
            engine.Process(ref stops[i], sink);
            cancels[i].OrderId = orderId++;
            engine.Process(ref cancels[i], sink);
        }

        _nextOrderId = orderId;
        return orderId;
    }

    [Benchmark(OperationsPerInvoke = Pairs, Description = "place inside the spread + place crossing that fills it, 1,000 stops waiting (per pair)")]
    [BenchmarkCategory("4 conditional")]
    public long PlaceThenTakeWithStopsWaiting()
    {
        var engine = _engine;
        var sink = _sink;
        var makers = _makers;
        var takers = _takers;
        for (var i = 0; i < makers.Length; i++)
        {
            engine.Process(ref makers[i], sink);
            engine.Process(ref takers[i], sink);
        }

        _nextOrderId += 2 * makers.Length;
        return _nextOrderId;
    }

    [Benchmark(OperationsPerInvoke = Pairs, Description = "trade fires a stop that takes the next order (per trigger: 2 makers, stop, taker)")]
    [BenchmarkCategory("4 conditional")]
    public long TradeFiresStop()
    {
        var engine = _engine;
        var sink = _sink;
        var cascades = _cascades;
        for (var i = 0; i < cascades.Length; i++)
        {
            engine.Process(ref cascades[i], sink);
        }

        _nextOrderId += cascades.Length;
        return _nextOrderId;
    }

    /// <summary>A stop-market order of <paramref name="lots"/> that fires when a trade reaches <paramref name="stopTicks"/>.</summary>
    private static Command Stop(long accountId, Side side, long stopTicks, long lots) => new()
    {
        Type = CommandType.PlaceOrder,
        AccountId = accountId,
        InstrumentId = CoreBookFixture.InstrumentId,
        Side = side,
        OrderType = OrderType.Market,
        TimeInForce = TimeInForce.ImmediateOrCancel,
        QuantityLots = lots,
        Trigger = TriggerType.Stop,
        StopPriceTicks = stopTicks,
    };
}
