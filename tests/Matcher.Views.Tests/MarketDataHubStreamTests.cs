using Matcher.Core;
using Matcher.Core.Events;
using Matcher.Core.Pipeline;
using Matcher.Ring;
using Matcher.Views.MarketData;
using Matcher.Views.Tests.Support;

namespace Matcher.Views.Tests;

/// <summary>
/// The hub over long random command streams: every subscriber, whenever it joins, rebuilds
/// exactly the engine's book from its snapshot and increments — fed directly, and through a
/// real ring with subscribers joining from another thread while events flow.
/// </summary>
public class MarketDataHubStreamTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(60);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void RandomStream_SubscribersJoiningAnywhere_RebuildTheEnginesBook(int seed)
    {
        var commands = EngineDriver.RandomStream(seed, 4_000);
        var engine = new MatchingEngine();
        var sink = new EventListSink();
        var hub = new MarketDataHub();
        var mirrors = new List<(BookMirror Mirror, int InstrumentId)>();
        var levelEvents = new Dictionary<int, int>();
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var start = sink.Events.Count;
            engine.Process(ref command, sink);
            var events = sink.Events.GetRange(start, sink.Events.Count - start);
            foreach (var e in events)
            {
                if (e.Type == EventType.BookLevelChanged)
                {
                    levelEvents[e.InstrumentId] = levelEvents.GetValueOrDefault(e.InstrumentId) + 1;
                }
            }

            // Batches end anywhere, also in the middle of a command.
            var end = (i * 7) % 5 == 0 ? events.Count / 2 : events.Count;
            for (var j = 0; j < events.Count; j++)
            {
                var e = events[j];
                hub.OnEvent(ref e, j, j == end - 1 || j == events.Count - 1);
                if (j == end - 1 && i % 97 == 0)
                {
                    // A subscriber joining between two events of one command.
                    var mirror = new BookMirror();
                    var instrumentId = 1 + (i % 2);
                    hub.Subscribe(mirror, instrumentId, MarketDataChannels.Book, 0);
                    mirrors.Add((mirror, instrumentId));
                }
            }
        }

        Assert.That(mirrors, Has.Count.GreaterThan(30));
        Assert.That(mirrors.Sum(m => m.Mirror.Updates), Is.GreaterThan(10_000), "the stream really moves the books");
        foreach (var (mirror, instrumentId) in mirrors)
        {
            Assert.That(mirror.Errors, Is.Empty);
            Assert.That(mirror.Levels(), Is.EqualTo(Books.FromEngine(engine, instrumentId)));
        }

        foreach (var instrumentId in new[] { 1, 2 })
        {
            var snapshot = hub.Snapshot(instrumentId, 0);
            Assert.That(Books.FromSnapshot(snapshot), Is.EqualTo(Books.FromEngine(engine, instrumentId)));
            Assert.That(snapshot.BookSequence, Is.EqualTo(levelEvents[instrumentId]));
        }
    }

    [Test]
    public void ThroughTheRing_SubscribersJoiningFromAnotherThread_MissNothingAndRepeatNothing()
    {
        var commands = EngineDriver.RandomStream(7, 30_000);
        var engine = new MatchingEngine();
        var hub = new MarketDataHub();

        // A small ring, so the hub often catches up with the core inside a command.
        var ring = RingBuffer.CreateSingleProducer<EngineEvent>(64);
        var pipeline = new RingPipeline<EngineEvent>(ring);
        pipeline.Add("marketdata", hub, new YieldingWaitStrategy());
        var mirrors = new List<(BookMirror Mirror, MarketDataSubscription Subscription)>();
        var done = 0;
        var subscribed = 0;
        var subscriberThread = new Thread(() =>
        {
            var n = 0;
            while (Volatile.Read(ref done) == 0)
            {
                var mirror = new BookMirror();
                mirrors.Add((mirror, hub.Subscribe(mirror, 1 + (n++ % 2), MarketDataChannels.Book, 0)));
                if (n % 3 == 0)
                {
                    hub.Unsubscribe(mirrors[n / 2].Subscription);
                }

                Interlocked.Increment(ref subscribed);
                Thread.Sleep(n % 3);
            }
        });
        pipeline.Start();
        subscriberThread.Start();
        try
        {
            var sink = new RingEventSink(ring);
            for (var i = 0; i < commands.Count; i++)
            {
                if (i % 500 == 0)
                {
                    // Let subscriptions in all along the stream, not only before or after it.
                    var deadline = DateTime.UtcNow + _timeout;
                    while (Volatile.Read(ref subscribed) < i / 500 && DateTime.UtcNow < deadline)
                    {
                        Thread.Yield();
                    }
                }

                var command = commands[i];
                engine.Process(ref command, sink);
            }
        }
        finally
        {
            Volatile.Write(ref done, 1);
            subscriberThread.Join();
            Assert.That(pipeline.Stop(StopMode.Drain, _timeout), Is.Zero);
        }

        Assert.That(pipeline.Fault, Is.Null);
        Assert.That(mirrors, Has.Count.GreaterThanOrEqualTo(commands.Count / 500 - 1));
        Assert.That(mirrors.Count(m => m.Mirror.Updates > 0), Is.GreaterThan(10), "subscriptions made while events flowed");
        foreach (var (mirror, subscription) in mirrors)
        {
            Assert.That(mirror.Errors, Is.Empty);
            if (subscription.IsActive)
            {
                Assert.That(mirror.Levels(), Is.EqualTo(Books.FromEngine(engine, subscription.InstrumentId)));
            }
        }

        Assert.That(hub.SubscriptionCount, Is.EqualTo(mirrors.Count(m => m.Subscription.IsActive)));
    }
}
