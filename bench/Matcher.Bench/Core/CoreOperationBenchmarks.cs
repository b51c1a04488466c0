using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Bench.Core;

/// <summary>
/// The matching core per operation, on <see cref="CoreBookFixture"/>'s book (1,000
/// orders on 750 levels), each method a loop over pre-built commands that leaves the
/// book as it found it, so every invocation measures the same thing:
/// <list type="bullet">
/// <item>place a resting limit order, then cancel it (per pair), beside the same pairs
/// on <see cref="NaiveBook"/> (the baseline); and the same 1,000 places first, then the
/// 1,000 cancels (the book grows to 2,000 orders and back; no cancel finds its order
/// still in cache from its place);</item>
/// <item>place a resting order one tick inside the spread, then an opposite order that
/// fully fills against it (per pair: the book is replenished by the first);</item>
/// <item>amend a resting ask's quantity down by one lot (keeps priority);</item>
/// <item>amend a resting order's price one tick away from the middle, or back (loses
/// priority, leaves its level and joins or opens another).</item>
/// </list>
/// Cancels name orders by the id the core will give them: the loop writes it into the
/// pre-built cancel (one store), since ids grow from one invocation to the next.
/// <see cref="CoreSingleOperationBenchmarks"/> measures place, cancel and take alone.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CoreOperationBenchmarks
{
    private const int Pairs = 1_000;
    private const int Asks = CoreBookFixture.OrdersPerSide;
    private const int Moves = 2 * CoreBookFixture.OrdersPerSide;

    private CoreBookFixture _fixture = null!;
    private MatchingEngine _engine = null!;
    private IEventSink _sink = null!;
    private Command[] _places = null!;
    private Command[] _cancels = null!;
    private Command[] _makers = null!;
    private Command[] _takers = null!;
    private Command[] _reductions = null!;
    private Command[] _movesAway = null!;
    private Command[] _movesBack = null!;
    private long _nextOrderId;
    private bool _movedAway;

    private NaiveBook _naive = null!;
    private IEventSink _naiveSink = null!;
    private Command[] _naiveCancels = null!;
    private long _naiveNextOrderId;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new CoreBookFixture();
        _engine = _fixture.Engine;
        _sink = _fixture.Sink.Sink;
        _nextOrderId = _fixture.NextOrderId;

        _places = new Command[Pairs];
        _cancels = new Command[Pairs];
        _makers = new Command[Pairs];
        _takers = new Command[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            _places[i] = _fixture.RestingPlace();
            _cancels[i] = CoreSetup.Cancel(_places[i].AccountId, 0);

            // One tick inside the spread, where no level is: the maker opens the best level
            // and the taker empties it again.
            var makerSide = i % 2 == 0 ? Side.Sell : Side.Buy;
            var price = makerSide == Side.Sell ? CoreBookFixture.MiddleTicks + 1 : CoreBookFixture.MiddleTicks - 1;
            var size = _fixture.DrawSize();
            var maker = _fixture.DrawAccount();
            var taker = maker % CoreBookFixture.Accounts + 1;
            _makers[i] = CoreSetup.Limit(maker, CoreBookFixture.InstrumentId, makerSide, price, size, TimeInForce.GoodTillCancel, _fixture.NextClientId());
            var takerSide = makerSide == Side.Sell ? Side.Buy : Side.Sell;
            _takers[i] = CoreSetup.Limit(taker, CoreBookFixture.InstrumentId, takerSide, price, size, TimeInForce.GoodTillCancel, _fixture.NextClientId());
        }

        var asks = _fixture.Resting.Where(o => o.Side == Side.Sell).ToArray();
        _reductions = [.. asks.Select(o => CoreSetup.Amend(o.AccountId, o.OrderId, 0, o.QuantityLots))];
        _movesAway = [.. _fixture.Resting.Select(o => CoreSetup.Amend(o.AccountId, o.OrderId, o.Side == Side.Buy ? o.PriceTicks - 1 : o.PriceTicks + 1, 0))];
        _movesBack = [.. _fixture.Resting.Select(o => CoreSetup.Amend(o.AccountId, o.OrderId, o.PriceTicks, 0))];
        foreach (var commands in (Command[][])[_places, _cancels, _makers, _takers, _reductions, _movesAway, _movesBack])
        {
            _fixture.Stamp(commands);
        }

        _naive = new NaiveBook(CoreBookFixture.Accounts);
        _naiveSink = SinkUnderTest.Create("ring", CoreBookFixture.RingSize).Sink;
        foreach (var order in _fixture.Resting)
        {
            var place = CoreSetup.Limit(order.AccountId, CoreBookFixture.InstrumentId, order.Side, order.PriceTicks, order.QuantityLots, TimeInForce.GoodTillCancel, default);
            _naive.Place(ref place, _naiveSink);
        }

        _naiveNextOrderId = _naive.LastOrderId + 1;
        _naiveCancels = [.. _cancels];

        // Each operation once, checked: no rejects, and the book is as it was.
        var shape = BookShape.Of(_engine);
        foreach (var operation in (Func<long>[])[PlaceThenCancel, PlaceAllThenCancelAll, PlaceThenTake, AmendQuantityDown, AmendPriceMove, AmendPriceMove])
        {
            var first = _fixture.Sink.Published;
            operation();
            _fixture.ThrowOnRejects(first);
        }

        if (BookShape.Of(_engine) != shape)
        {
            throw new InvalidOperationException($"the book changed: {BookShape.Of(_engine)}, was {shape}");
        }

        var naiveOrders = _naive.OrderCount;
        NaivePlaceThenCancel();
        if (_naive.OrderCount != naiveOrders || _naive.LevelCount != 2 * CoreBookFixture.LevelsPerSide)
        {
            throw new InvalidOperationException("the naive book changed");
        }
    }

    [Benchmark(OperationsPerInvoke = Pairs, Description = "place resting + cancel (per pair)")]
    [BenchmarkCategory("1 place+cancel")]
    public long PlaceThenCancel()
    {
        var engine = _engine;
        var sink = _sink;
        var places = _places;
        var cancels = _cancels;
        var orderId = _nextOrderId;
        for (var i = 0; i < places.Length; i++)
        {
            engine.Process(ref places[i], sink);
            cancels[i].OrderId = orderId++;
            engine.Process(ref cancels[i], sink);
        }

        _nextOrderId = orderId;
        return orderId;
    }

    [Benchmark(OperationsPerInvoke = Pairs, Description = "place 1,000 resting, then cancel them (per pair)")]
    [BenchmarkCategory("1 place+cancel")]
    public long PlaceAllThenCancelAll()
    {
        var engine = _engine;
        var sink = _sink;
        var places = _places;
        var cancels = _cancels;
        var orderId = _nextOrderId;
        for (var i = 0; i < places.Length; i++)
        {
            engine.Process(ref places[i], sink);
        }

        for (var i = 0; i < cancels.Length; i++)
        {
            cancels[i].OrderId = orderId++;
            engine.Process(ref cancels[i], sink);
        }

        _nextOrderId = orderId;
        return orderId;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Pairs, Description = "naive SortedDictionary book: place + cancel (per pair)")]
    [BenchmarkCategory("1 place+cancel")]
    public long NaivePlaceThenCancel()
    {
        var book = _naive;
        var sink = _naiveSink;
        var places = _places;
        var cancels = _naiveCancels;
        var orderId = _naiveNextOrderId;
        for (var i = 0; i < places.Length; i++)
        {
            book.Place(ref places[i], sink);
            cancels[i].OrderId = orderId++;
            book.Cancel(ref cancels[i], sink);
        }

        _naiveNextOrderId = orderId;
        return orderId;
    }

    [Benchmark(OperationsPerInvoke = Pairs, Description = "place resting inside the spread + place crossing that fills it (per pair)")]
    [BenchmarkCategory("2 place+take")]
    public long PlaceThenTake()
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

    [Benchmark(OperationsPerInvoke = Asks, Description = "amend quantity down one lot (keeps priority)")]
    [BenchmarkCategory("3 amend")]
    public long AmendQuantityDown()
    {
        var engine = _engine;
        var sink = _sink;
        var reductions = _reductions;
        for (var i = 0; i < reductions.Length; i++)
        {
            ref var reduction = ref reductions[i];
            reduction.QuantityLots--;
            engine.Process(ref reduction, sink);
        }

        return reductions[0].QuantityLots;
    }

    [Benchmark(OperationsPerInvoke = Moves, Description = "amend price one tick away or back (loses priority)")]
    [BenchmarkCategory("3 amend")]
    public long AmendPriceMove()
    {
        var engine = _engine;
        var sink = _sink;
        var moves = _movedAway ? _movesBack : _movesAway;
        _movedAway = !_movedAway;
        for (var i = 0; i < moves.Length; i++)
        {
            engine.Process(ref moves[i], sink);
        }

        return moves.Length;
    }
}
