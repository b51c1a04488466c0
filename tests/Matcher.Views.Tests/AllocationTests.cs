using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Views.MarketData;

namespace Matcher.Views.Tests;

/// <summary>The hub's event path allocates nothing once its books have grown.</summary>
public class AllocationTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void OnEvent_SteadyState_AllocatesNothing(bool withSubscriber)
    {
        var hub = new MarketDataHub();
        if (withSubscriber)
        {
            hub.Subscribe(new NullSubscriber(), 1, MarketDataChannels.Book | MarketDataChannels.Trades | MarketDataChannels.Bbo, 0);
        }

        var events = Cycle();
        var sequence = 0L;
        Run(hub, events, ref sequence);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Run(hub, events, ref sequence);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(hub.Snapshot(1, 0).BookSequence, Is.EqualTo(101L * 40), "every level event was handled");
        Assert.That(hub.Snapshot(1, 0).TradeSequence, Is.EqualTo(101L * 20));
        Assert.That(allocated, Is.Zero);
    }

    /// <summary>20 commands: each adds a level on both sides, trades, and changes the best bid; the last ten delete them again.</summary>
    private static EngineEvent[] Cycle()
    {
        var events = new List<EngineEvent>();
        for (var command = 0; command < 20; command++)
        {
            var price = 100 + (command % 10);
            var lots = command < 10 ? 5 : 0;
            events.Add(new EngineEvent { Type = EventType.OrderAccepted, CommandSequence = command, InstrumentId = 1 });
            events.Add(new EngineEvent { Type = EventType.Trade, CommandSequence = command, InstrumentId = 1, Side = Side.Buy, TradePriceTicks = 200, TradeLots = 1 });
            events.Add(new EngineEvent { Type = EventType.BookLevelChanged, CommandSequence = command, InstrumentId = 1, Side = Side.Buy, PriceTicks = price, LevelLots = lots, LevelOrderCount = lots == 0 ? 0 : 1 });
            events.Add(new EngineEvent { Type = EventType.BookLevelChanged, CommandSequence = command, InstrumentId = 1, Side = Side.Sell, PriceTicks = price + 100, LevelLots = lots, LevelOrderCount = lots == 0 ? 0 : 1 });
            events.Add(new EngineEvent { Type = EventType.BalanceChanged, CommandSequence = command, AccountId = 1 });
        }

        return [.. events];
    }

    private static void Run(MarketDataHub hub, EngineEvent[] events, ref long sequence)
    {
        for (var i = 0; i < events.Length; i++)
        {
            // Batches of three events: their ends fall inside and between commands.
            hub.OnEvent(ref events[i], sequence++, sequence % 3 == 0);
        }
    }

    private sealed class NullSubscriber : IMarketDataSubscriber
    {
        public void OnSnapshot(MarketDataSubscription subscription, BookSnapshot snapshot)
        {
        }

        public void OnLevel(MarketDataSubscription subscription, in LevelUpdate update)
        {
        }

        public void OnTrade(MarketDataSubscription subscription, in TradeUpdate trade)
        {
        }

        public void OnBbo(MarketDataSubscription subscription, in BboUpdate bbo)
        {
        }
    }
}
