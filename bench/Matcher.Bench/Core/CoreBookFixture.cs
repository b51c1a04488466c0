using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;

namespace Matcher.Bench.Core;

/// <summary>
/// One instrument with a realistic book for the per-operation benchmarks: 1,000 resting
/// orders on 750 levels (on each side 375 levels two ticks apart, every level with one
/// order and 125 levels with a second), around a middle price of 1,000,000 ticks
/// (10,000.00 USDT) with the ticks next to the middle left empty. Events go to the
/// production <c>RingEventSink</c> on a ring of 16,384 events with no consumer.
/// </summary>
/// <remarks>
/// Asks carry 10^9 lots more than their drawn size, so that "amend quantity down by one
/// lot" can run millions of times; a sell locks base, so this costs nothing else.
/// </remarks>
public sealed class CoreBookFixture
{
    public const int InstrumentId = 1;
    public const long MiddleTicks = 1_000_000;
    public const int LevelsPerSide = 375;
    public const int OrdersPerSide = 500;
    public const int LevelSpacingTicks = 2;
    public const int Accounts = 1_000;
    public const long LargeAskLots = 1_000_000_000;
    public const int RingSize = 1 << 14;

    private readonly Random _random;
    private long _sequence;
    private long _clientOrderNumber;

    public CoreBookFixture(int seed = 1)
    {
        _random = new Random(seed);
        Engine = new MatchingEngine(1 << 16);
        Sink = SinkUnderTest.Create("ring", RingSize);
        var setup = CoreSetup.Build(1, Accounts).ToArray();
        Run(setup);

        var resting = new List<RestingOrder>();
        foreach (var side in (ReadOnlySpan<Side>)[Side.Buy, Side.Sell])
        {
            var places = new Command[OrdersPerSide];
            for (var i = 0; i < OrdersPerSide; i++)
            {
                var level = i < LevelsPerSide ? i : _random.Next(LevelsPerSide);
                var offset = LevelSpacingTicks * (level + 1);
                var price = side == Side.Buy ? MiddleTicks - offset : MiddleTicks + offset;
                var quantity = DrawSize() + (side == Side.Sell ? LargeAskLots : 0);
                places[i] = CoreSetup.Limit(DrawAccount(), InstrumentId, side, price, quantity, TimeInForce.GoodTillCancel, NextClientId());
            }

            var first = Sink.Published;
            Run(places);
            for (var e = first; e < Sink.Published; e++)
            {
                ref readonly var evt = ref Sink.At(e);
                if (evt.Type == EventType.OrderAccepted)
                {
                    resting.Add(new RestingOrder(evt.OrderId, evt.AccountId, evt.Side, evt.PriceTicks, evt.QuantityLots));
                }
            }
        }

        Resting = resting;
        var shape = BookShape.Of(Engine);
        if (shape.Orders != 2 * OrdersPerSide || shape.Levels != 2 * LevelsPerSide)
        {
            throw new InvalidOperationException($"the book has {shape.Orders} orders on {shape.Levels} levels");
        }
    }

    public MatchingEngine Engine { get; }

    public SinkUnderTest Sink { get; }

    /// <summary>The orders the book was filled with, bids first.</summary>
    public IReadOnlyList<RestingOrder> Resting { get; }

    /// <summary>The id the core gives the next order it accepts.</summary>
    public long NextOrderId => Resting[^1].OrderId + 1;

    /// <summary>A size as exchange-core draws it: 1 + a·b·c with a, b, c uniform in 0..5.</summary>
    public long DrawSize() => 1 + (_random.Next(6) * _random.Next(6) * _random.Next(6));

    public long DrawAccount() => _random.Next(Accounts) + 1;

    public ClientOrderId NextClientId() => CoreSetup.ClientId(++_clientOrderNumber);

    /// <summary>
    /// A limit order that rests without trading: within 750 ticks of the middle on its own
    /// side, so half join an existing level and half open a new one.
    /// </summary>
    public Command RestingPlace()
    {
        var side = _random.Next(2) == 0 ? Side.Buy : Side.Sell;
        var offset = 1 + _random.Next(2 * LevelsPerSide);
        var price = side == Side.Buy ? MiddleTicks - offset : MiddleTicks + offset;
        return CoreSetup.Limit(DrawAccount(), InstrumentId, side, price, DrawSize(), TimeInForce.GoodTillCancel, NextClientId());
    }

    /// <summary>Stamps sequences and timestamps once, as the journaler would.</summary>
    public void Stamp(Span<Command> commands) => CoreSetup.Stamp(commands, ref _sequence);

    /// <summary>Stamps and processes commands, throwing if the core rejects any.</summary>
    public void Run(Span<Command> commands)
    {
        Stamp(commands);
        var first = Sink.Published;
        foreach (ref var command in commands)
        {
            Engine.Process(ref command, Sink.Sink);
        }

        ThrowOnRejects(first);
    }

    /// <summary>Throws if any event since <paramref name="firstEvent"/> is a reject (as far back as the ring holds).</summary>
    public void ThrowOnRejects(long firstEvent)
    {
        for (var e = Math.Max(firstEvent, Sink.Published - RingSize); e < Sink.Published; e++)
        {
            ref readonly var evt = ref Sink.At(e);
            if (evt.Type == EventType.Rejected)
            {
                throw new InvalidOperationException($"{evt.CommandType} rejected: {evt.RejectReason}");
            }
        }
    }
}
