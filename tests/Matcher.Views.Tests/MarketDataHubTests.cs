using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Views.MarketData;
using Matcher.Views.Tests.Support;
using static Matcher.Views.Tests.Support.EngineDriver;

namespace Matcher.Views.Tests;

/// <summary>The hub fed with a real engine's events, as its ring consumer would be.</summary>
public class MarketDataHubTests
{
    private const int EthUsdt = 2;
    private const long Maker = 1;
    private const long Taker = 2;

    private EngineDriver _driver = null!;
    private MarketDataHub _hub = null!;

    [SetUp]
    public void SetUp()
    {
        _driver = new EngineDriver();
        _driver.Ok(AddInstrument(EthUsdt, "ETH-USDT", Btc, Usdt, "0.1", "0.001"));
        _driver.CreateFundedAccount(Maker);
        _driver.CreateFundedAccount(Taker);
        _hub = new MarketDataHub();
    }

    /// <summary>Runs a command that must succeed and hands its events to the hub, the last one ending the batch.</summary>
    private List<EngineEvent> Run(Command command)
    {
        var events = _driver.Ok(command);
        Books.Feed(_hub, events);
        return events;
    }

    private long Place(long account, Side side, long priceTicks, long lots, int instrumentId = BtcUsdt) =>
        AcceptedId(Run(Limit(account, side, priceTicks, lots, instrumentId: instrumentId)));

    [Test]
    public void LevelEvents_CountedPerInstrument_InTheBookSequence()
    {
        Place(Maker, Side.Buy, 100, 1);
        Place(Maker, Side.Buy, 100, 1);
        Place(Maker, Side.Sell, 110, 1);
        Place(Maker, Side.Buy, 50, 1, EthUsdt);

        var btc = _hub.Snapshot(BtcUsdt, 0);
        var eth = _hub.Snapshot(EthUsdt, 0);

        Assert.That(btc.BookSequence, Is.EqualTo(3), "one per BookLevelChanged of the instrument");
        Assert.That(eth.BookSequence, Is.EqualTo(1));
        Assert.That(btc.TradeSequence, Is.Zero);
        Assert.That(btc.Bids, Is.EqualTo(new[] { new BookLevel(100, 2, 2) }));
        Assert.That(btc.Asks, Is.EqualTo(new[] { new BookLevel(110, 1, 1) }));
    }

    [Test]
    public void Subscribe_SnapshotThenIncrements_ContinueTheSequenceWithoutGapOrRepeat()
    {
        Place(Maker, Side.Buy, 100, 2);
        Place(Maker, Side.Sell, 110, 3);
        var mirror = new BookMirror();
        var subscription = _hub.Subscribe(mirror, BtcUsdt, MarketDataChannels.Book, 0);

        var recorder = new RecordingSubscriber();
        _hub.Subscribe(recorder, BtcUsdt, MarketDataChannels.Book, 0);
        var id = Place(Maker, Side.Buy, 101, 1);
        Place(Maker, Side.Buy, 100, 4);
        Run(Cancel(Maker, id));
        Run(Market(Taker, Side.Buy, 2));

        Assert.That(recorder.Snapshots.Single().BookSequence, Is.EqualTo(2));
        Assert.That(recorder.Levels.Select(l => l.BookSequence), Is.EqualTo(new long[] { 3, 4, 5, 6 }));
        Assert.That(mirror.Errors, Is.Empty);
        Assert.That(mirror.Updates, Is.EqualTo(4));
        Assert.That(mirror.Levels(), Is.EqualTo(Books.FromEngine(_driver.Engine, BtcUsdt)));
        Assert.That(subscription.IsActive, Is.True);
    }

    [Test]
    public void Subscribe_Depth_LimitsTheSnapshotBestFirst_NotTheIncrements()
    {
        for (var i = 0; i < 5; i++)
        {
            Place(Maker, Side.Buy, 100 - i, 1 + i);
            Place(Maker, Side.Sell, 110 + i, 1 + i);
        }

        var recorder = new RecordingSubscriber();
        _hub.Subscribe(recorder, BtcUsdt, MarketDataChannels.Book, depth: 2);
        Place(Maker, Side.Sell, 114, 1);

        var snapshot = recorder.Snapshots.Single();
        Assert.That(snapshot.Bids, Is.EqualTo(new[] { new BookLevel(100, 1, 1), new BookLevel(99, 2, 1) }));
        Assert.That(snapshot.Asks, Is.EqualTo(new[] { new BookLevel(110, 1, 1), new BookLevel(111, 2, 1) }));
        Assert.That(recorder.Levels.Single(), Is.EqualTo(new LevelUpdate(BtcUsdt, 11, Side.Sell, LevelAction.Change, 114, 6, 2)),
            "the fifth level's change is sent although the snapshot stopped at two");
        Assert.That(_hub.Snapshot(BtcUsdt, 0).Bids, Has.Count.EqualTo(5));
    }

    [Test]
    public void Subscribe_WithoutBook_SnapshotHasSequencesButNoLevels_AndNoLevelUpdates()
    {
        Place(Maker, Side.Buy, 100, 2);
        Place(Taker, Side.Sell, 100, 1);
        var recorder = new RecordingSubscriber();

        _hub.Subscribe(recorder, BtcUsdt, MarketDataChannels.Trades, 0);
        Place(Maker, Side.Buy, 99, 1);

        var snapshot = recorder.Snapshots.Single();
        Assert.That(snapshot.Bids, Is.Empty);
        Assert.That(snapshot.Asks, Is.Empty);
        Assert.That(snapshot.BookSequence, Is.EqualTo(2));
        Assert.That(snapshot.TradeSequence, Is.EqualTo(1));
        Assert.That(recorder.Levels, Is.Empty);
    }

    [Test]
    public void LevelUpdates_NewChangeDelete_WithOrderCounts()
    {
        var recorder = new RecordingSubscriber();
        _hub.Subscribe(recorder, BtcUsdt, MarketDataChannels.Book, 0);

        var first = Place(Maker, Side.Buy, 100, 2);
        var second = Place(Taker, Side.Buy, 100, 3);
        Run(Cancel(Maker, first));
        Run(Cancel(Taker, second));

        Assert.That(recorder.Levels, Is.EqualTo(new[]
        {
            new LevelUpdate(BtcUsdt, 1, Side.Buy, LevelAction.New, 100, 2, 1),
            new LevelUpdate(BtcUsdt, 2, Side.Buy, LevelAction.Change, 100, 5, 2),
            new LevelUpdate(BtcUsdt, 3, Side.Buy, LevelAction.Change, 100, 3, 1),
            new LevelUpdate(BtcUsdt, 4, Side.Buy, LevelAction.Delete, 100, 0, 0),
        }));
        Assert.That(_hub.Snapshot(BtcUsdt, 0).Bids, Is.Empty);
    }

    [Test]
    public void Trades_SentToTradeSubscribers_WithTheirOwnSequence()
    {
        Place(Maker, Side.Sell, 100, 1);
        Place(Maker, Side.Sell, 101, 5);
        var trades = new RecordingSubscriber();
        var book = new RecordingSubscriber();
        _hub.Subscribe(trades, BtcUsdt, MarketDataChannels.Trades, 0);
        _hub.Subscribe(book, BtcUsdt, MarketDataChannels.Book, 0);

        var events = Run(Limit(Taker, Side.Buy, 101, 3, TimeInForce.ImmediateOrCancel));

        var engineTrades = OfType(events, EventType.Trade);
        Assert.That(engineTrades, Has.Count.EqualTo(2));
        Assert.That(trades.Trades, Is.EqualTo(new[]
        {
            new TradeUpdate(BtcUsdt, 1, engineTrades[0].TradeId, Side.Buy, 100, 1, engineTrades[0].TimestampNs),
            new TradeUpdate(BtcUsdt, 2, engineTrades[1].TradeId, Side.Buy, 101, 2, engineTrades[1].TimestampNs),
        }));
        Assert.That(engineTrades[0].TradeId, Is.Not.EqualTo(engineTrades[1].TradeId));
        Assert.That(trades.Levels, Is.Empty, "levels only to Book subscribers");
        Assert.That(book.Trades, Is.Empty, "trades only to Trades subscribers");
        Assert.That(_hub.Snapshot(BtcUsdt, 0).TradeSequence, Is.EqualTo(2));
        Assert.That(_hub.Snapshot(EthUsdt, 0).TradeSequence, Is.Zero);
    }

    [Test]
    public void Bbo_OncePerCommand_WithTheCommandsFinalState()
    {
        Place(Maker, Side.Buy, 100, 1);
        Place(Maker, Side.Buy, 99, 1);
        Place(Maker, Side.Buy, 98, 4);
        Place(Maker, Side.Sell, 105, 2);
        var recorder = new RecordingSubscriber();
        _hub.Subscribe(recorder, BtcUsdt, MarketDataChannels.Bbo, 0);

        // Takes the 100 and 99 bids: two level events, the first of which would leave 99 on top.
        Run(Limit(Taker, Side.Sell, 99, 2, TimeInForce.ImmediateOrCancel));

        Assert.That(recorder.Bbos, Is.EqualTo(new[]
        {
            new BboUpdate(BtcUsdt, 4, 100, 1, 105, 2),
            new BboUpdate(BtcUsdt, 6, 98, 4, 105, 2),
        }), "the BBO at subscription, then one for the command, never the intermediate 99");
    }

    [Test]
    public void Bbo_OnlyWhenTheTopChanges()
    {
        Place(Maker, Side.Buy, 100, 1);
        Place(Maker, Side.Sell, 105, 2);
        var recorder = new RecordingSubscriber();
        _hub.Subscribe(recorder, BtcUsdt, MarketDataChannels.Bbo, 0);

        Place(Maker, Side.Buy, 97, 1);
        Place(Maker, Side.Sell, 106, 1);
        Assert.That(recorder.Bbos, Has.Count.EqualTo(1), "deeper levels do not move the BBO");

        Place(Taker, Side.Sell, 105, 3);
        Assert.That(recorder.Bbos[^1], Is.EqualTo(new BboUpdate(BtcUsdt, 5, 100, 1, 105, 5)), "more lots at the best offer");

        var id = Place(Taker, Side.Buy, 101, 1);
        Run(Cancel(Taker, id));
        Assert.That(recorder.Bbos.Select(b => b.BidPriceTicks), Is.EqualTo(new long[] { 100, 100, 101, 100 }));
    }

    [Test]
    public void Bbo_EmptySide_IsZero()
    {
        var recorder = new RecordingSubscriber();
        _hub.Subscribe(recorder, BtcUsdt, MarketDataChannels.Bbo, 0);

        var id = Place(Maker, Side.Sell, 105, 2);
        Run(Cancel(Maker, id));

        Assert.That(recorder.Bbos, Is.EqualTo(new[]
        {
            new BboUpdate(BtcUsdt, 0, 0, 0, 0, 0),
            new BboUpdate(BtcUsdt, 1, 0, 0, 105, 2),
            new BboUpdate(BtcUsdt, 2, 0, 0, 0, 0),
        }));
    }

    [Test]
    public void Bbo_CommandBoundary_FoundByTheNextCommandsSequence_WhenNoBatchEnds()
    {
        var recorder = new RecordingSubscriber();
        _hub.Subscribe(recorder, BtcUsdt, MarketDataChannels.Bbo, 0);
        var first = _driver.Ok(Limit(Maker, Side.Buy, 100, 1));
        var second = _driver.Ok(Limit(Maker, Side.Buy, 101, 2));

        Books.Feed(_hub, first, endOfBatch: false);
        Assert.That(recorder.Bbos, Has.Count.EqualTo(1), "the command may have more events: nothing yet");

        var next = second[0];
        _hub.OnEvent(ref next, 100, endOfBatch: false);
        Assert.That(recorder.Bbos[^1], Is.EqualTo(new BboUpdate(BtcUsdt, 1, 100, 1, 0, 0)), "the first command's BBO, before the second's events");

        Books.Feed(_hub, second.GetRange(1, second.Count - 1));
        Assert.That(recorder.Bbos[^1], Is.EqualTo(new BboUpdate(BtcUsdt, 2, 101, 2, 0, 0)));
        Assert.That(recorder.Bbos, Has.Count.EqualTo(3));
    }

    [Test]
    public void Unsubscribe_StopsUpdates_AndCounts()
    {
        var kept = new RecordingSubscriber();
        var gone = new RecordingSubscriber();
        _hub.Subscribe(kept, BtcUsdt, MarketDataChannels.Book | MarketDataChannels.Trades, 0);
        var subscription = _hub.Subscribe(gone, BtcUsdt, MarketDataChannels.Book | MarketDataChannels.Trades, 0);
        Assert.That(_hub.SubscriptionCount, Is.EqualTo(2));

        _hub.Unsubscribe(subscription);
        _hub.Unsubscribe(subscription);
        Place(Maker, Side.Sell, 100, 1);
        Place(Taker, Side.Buy, 100, 1);

        Assert.That(_hub.SubscriptionCount, Is.EqualTo(1), "a second unsubscribe changes nothing");
        Assert.That(subscription.IsActive, Is.False);
        Assert.That(gone.UpdateCalls, Is.Zero);
        Assert.That(kept.Levels, Has.Count.EqualTo(2));
        Assert.That(kept.Trades, Has.Count.EqualTo(1));
    }

    [Test]
    public void UnsubscribeAll_RemovesEveryInstrumentOfThatSubscriberOnly()
    {
        var leaving = new RecordingSubscriber();
        var staying = new RecordingSubscriber();
        var a = _hub.Subscribe(leaving, BtcUsdt, MarketDataChannels.Book, 0);
        var b = _hub.Subscribe(leaving, EthUsdt, MarketDataChannels.Book, 0);
        var c = _hub.Subscribe(staying, EthUsdt, MarketDataChannels.Book, 0);

        _hub.UnsubscribeAll(leaving);
        Place(Maker, Side.Buy, 100, 1);
        Place(Maker, Side.Buy, 100, 1, EthUsdt);

        Assert.That(new[] { a.IsActive, b.IsActive, c.IsActive }, Is.EqualTo(new[] { false, false, true }));
        Assert.That(_hub.SubscriptionCount, Is.EqualTo(1));
        Assert.That(leaving.UpdateCalls, Is.Zero);
        Assert.That(staying.Levels, Has.Count.EqualTo(1));
    }

    [Test]
    public void ThrowingSubscriber_IsDropped_OthersStillServedInOrder()
    {
        var log = new List<string>();
        var failing = new RecordingSubscriber("failing", log) { ThrowOnUpdate = true };
        var healthy = new RecordingSubscriber("healthy", log);
        var last = new RecordingSubscriber("last", log);
        var dropped = _hub.Subscribe(failing, BtcUsdt, MarketDataChannels.Book, 0);
        _hub.Subscribe(healthy, BtcUsdt, MarketDataChannels.Book, 0);
        _hub.Subscribe(last, BtcUsdt, MarketDataChannels.Book, 0);

        Place(Maker, Side.Buy, 100, 1);
        Place(Maker, Side.Buy, 99, 1);

        Assert.That(failing.UpdateCalls, Is.EqualTo(1), "called once, then dropped");
        Assert.That(dropped.IsActive, Is.False);
        Assert.That(_hub.DroppedSubscriptions, Is.EqualTo(1));
        Assert.That(_hub.SubscriptionCount, Is.EqualTo(2));
        Assert.That(healthy.Levels.Select(l => l.BookSequence), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(log, Is.EqualTo(new[]
        {
            "failing:snapshot", "healthy:snapshot", "last:snapshot",
            "failing:level", "healthy:level", "last:level",
            "healthy:level", "last:level",
        }), "in the order of subscription");
    }

    [Test]
    public void ThrowingSubscriber_OnTradeAndBbo_IsDroppedToo()
    {
        var trades = new RecordingSubscriber { ThrowOnUpdate = true };
        var bbo = new RecordingSubscriber();
        _hub.Subscribe(trades, BtcUsdt, MarketDataChannels.Trades, 0);
        _hub.Subscribe(bbo, BtcUsdt, MarketDataChannels.Bbo, 0);
        bbo.ThrowOnUpdate = true;

        Place(Maker, Side.Sell, 100, 2);
        Place(Taker, Side.Buy, 100, 1);
        Place(Taker, Side.Buy, 100, 1);

        Assert.That(trades.UpdateCalls, Is.EqualTo(1));
        Assert.That(bbo.UpdateCalls, Is.EqualTo(2), "the BBO at subscription (before it threw), then the one that threw");
        Assert.That(_hub.DroppedSubscriptions, Is.EqualTo(2));
        Assert.That(_hub.SubscriptionCount, Is.Zero);
    }

    [Test]
    public void ThrowingSnapshot_ReachesTheCaller_AndNothingIsSubscribed()
    {
        var subscriber = new ThrowingSnapshotSubscriber();

        Assert.Throws<InvalidOperationException>(() => _hub.Subscribe(subscriber, BtcUsdt, MarketDataChannels.Book, 0));
        Place(Maker, Side.Buy, 100, 1);

        Assert.That(_hub.SubscriptionCount, Is.Zero);
        Assert.That(subscriber.Updates, Is.Zero);
    }

    [Test]
    public void UnsubscribeFromACallback_TakesEffectAtOnce()
    {
        var second = new RecordingSubscriber();
        var selfRemoving = new CallbackSubscriber();
        selfRemoving.OnLevelAction = s => _hub.Unsubscribe(s);
        _hub.Subscribe(selfRemoving, BtcUsdt, MarketDataChannels.Book, 0);
        _hub.Subscribe(second, BtcUsdt, MarketDataChannels.Book, 0);

        Place(Maker, Side.Buy, 100, 1);
        Place(Maker, Side.Buy, 99, 1);

        Assert.That(selfRemoving.Levels, Is.EqualTo(1));
        Assert.That(second.Levels, Has.Count.EqualTo(2));
        Assert.That(_hub.DroppedSubscriptions, Is.Zero);
        Assert.That(_hub.SubscriptionCount, Is.EqualTo(1));
    }

    [Test]
    public void Subscribe_BadArguments_Throw()
    {
        var subscriber = new RecordingSubscriber();

        Assert.Throws<ArgumentOutOfRangeException>(() => _hub.Subscribe(subscriber, BtcUsdt, MarketDataChannels.Book, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _hub.Subscribe(subscriber, BtcUsdt, (MarketDataChannels)8, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _hub.Snapshot(BtcUsdt, -1));
        Assert.That(_hub.SubscriptionCount, Is.Zero);
        Assert.That(subscriber.Snapshots, Is.Empty);
    }

    [Test]
    public void LoadFrom_RecoveredEngine_IcebergShowsItsSliceAndWaitingStopsNothing()
    {
        _driver.Ok(Limit(Maker, Side.Sell, 105, 10) with { DisplayLots = 3 });
        _driver.Ok(Limit(Maker, Side.Sell, 104, 1));
        _driver.Ok(Limit(Taker, Side.Buy, 104, 1));
        _driver.Ok(Market(Taker, Side.Buy, 2) with { Trigger = TriggerType.Stop, StopPriceTicks = 110 });
        var hub = new MarketDataHub();

        hub.LoadFrom(_driver.Engine);
        var snapshot = hub.Snapshot(BtcUsdt, 0);

        Assert.That(snapshot.Asks, Is.EqualTo(new[] { new BookLevel(105, 3, 1) }), "the hidden 7 lots stay hidden after a restart");
        Assert.That(snapshot.Bids, Is.Empty, "a waiting stop is not on the book");
    }

    [Test]
    public void LoadFrom_RecoveredEngine_LevelsWithLotsAndOrderCounts_SequencesFromZero()
    {
        var first = AcceptedId(_driver.Ok(Limit(Maker, Side.Buy, 100, 3)));
        _driver.Ok(Limit(Taker, Side.Buy, 100, 2));
        _driver.Ok(Limit(Maker, Side.Buy, 99, 1));
        _driver.Ok(Limit(Maker, Side.Sell, 105, 4));
        _driver.Ok(Limit(Taker, Side.Sell, 100, 1, TimeInForce.ImmediateOrCancel));
        var hub = new MarketDataHub();

        hub.LoadFrom(_driver.Engine);
        var snapshot = hub.Snapshot(BtcUsdt, 0);
        var recorder = new RecordingSubscriber();
        hub.Subscribe(recorder, BtcUsdt, MarketDataChannels.Book | MarketDataChannels.Bbo, 0);
        Books.Feed(hub, _driver.Ok(Cancel(Maker, first)));

        Assert.That(snapshot.Bids, Is.EqualTo(new[] { new BookLevel(100, 4, 2), new BookLevel(99, 1, 1) }), "3 - 1 filled + 2 at 100");
        Assert.That(snapshot.Asks, Is.EqualTo(new[] { new BookLevel(105, 4, 1) }));
        Assert.That(snapshot.BookSequence, Is.Zero);
        Assert.That(snapshot.TradeSequence, Is.Zero);
        Assert.That(recorder.Levels, Is.EqualTo(new[] { new LevelUpdate(BtcUsdt, 1, Side.Buy, LevelAction.Change, 100, 2, 1) }));
        Assert.That(recorder.Bbos, Is.EqualTo(new[]
        {
            new BboUpdate(BtcUsdt, 0, 100, 4, 105, 4),
            new BboUpdate(BtcUsdt, 1, 100, 2, 105, 4),
        }));
    }

    [Test]
    public void Snapshot_UnknownInstrument_IsEmpty()
    {
        var snapshot = _hub.Snapshot(99, 0);

        Assert.That(snapshot.InstrumentId, Is.EqualTo(99));
        Assert.That(snapshot.Bids, Is.Empty);
        Assert.That(snapshot.Asks, Is.Empty);
        Assert.That(snapshot.BookSequence, Is.Zero);
    }

    private sealed class ThrowingSnapshotSubscriber : IMarketDataSubscriber
    {
        public int Updates { get; private set; }

        public void OnSnapshot(MarketDataSubscription subscription, BookSnapshot snapshot) => throw new InvalidOperationException("no");

        public void OnLevel(MarketDataSubscription subscription, in LevelUpdate update) => Updates++;

        public void OnTrade(MarketDataSubscription subscription, in TradeUpdate trade) => Updates++;

        public void OnBbo(MarketDataSubscription subscription, in BboUpdate bbo) => Updates++;
    }

    private sealed class CallbackSubscriber : IMarketDataSubscriber
    {
        public Action<MarketDataSubscription>? OnLevelAction { get; set; }

        public int Levels { get; private set; }

        public void OnSnapshot(MarketDataSubscription subscription, BookSnapshot snapshot)
        {
        }

        public void OnLevel(MarketDataSubscription subscription, in LevelUpdate update)
        {
            Levels++;
            OnLevelAction?.Invoke(subscription);
        }

        public void OnTrade(MarketDataSubscription subscription, in TradeUpdate trade)
        {
        }

        public void OnBbo(MarketDataSubscription subscription, in BboUpdate bbo)
        {
        }
    }
}
