using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Ring;

namespace Matcher.Views.MarketData;

/// <summary>
/// The market-data publisher: one consumer of the outbound ring that keeps every
/// instrument's level-2 book (lots and order count per price) from the core's
/// <c>BookLevelChanged</c> events, counts trades, and fans book levels, trades and best
/// bid/offer out to the subscribers of every gateway.
/// </summary>
/// <remarks>
/// <para><b>Sequences.</b> Each instrument has two counters, both 0 when the hub is made
/// (server start; <see cref="LoadFrom"/> does not move them): <c>BookSequence</c> + 1 for
/// every <c>BookLevelChanged</c> event of the instrument, <c>TradeSequence</c> + 1 for every
/// <c>Trade</c>. A <see cref="BookSnapshot"/> carries both; the next <see cref="LevelUpdate"/>
/// carries the snapshot's <c>BookSequence</c> + 1 and the next <see cref="TradeUpdate"/> its
/// <c>TradeSequence</c> + 1, so a client sees a gap as a jump. Every level event is sent,
/// even a delete of a level the client never saw, so the sequence has no holes.</para>
/// <para><b>Snapshot, then increments.</b> <see cref="Subscribe"/> takes the snapshot and
/// registers the subscription under the same lock that <see cref="OnEvent"/> holds while it
/// updates a book and sends the update: an update is either in the snapshot or sent after
/// it, never both, never neither. The depth limits the snapshot only; every level change is
/// sent afterwards, whatever its rank, and a client that wants a limited view trims its own
/// copy of the book.</para>
/// <para><b>Best bid and offer.</b> After the events of one command (the next event carries
/// another <c>CommandSequence</c>, or the consumer reached the end of what the core has
/// published), each instrument whose best bid or ask (price or lots) differs from the one
/// last sent gets one <see cref="BboUpdate"/>; the intermediate states inside a command are
/// never sent. The core publishes a command's events one by one, so when this consumer
/// catches up with the core in the middle of a command the end of the batch comes early: the
/// BBO sent then is that of the events so far, and the command's final BBO follows after its
/// last event. A new BBO subscriber first gets the BBO last sent.</para>
/// <para><b>Threads.</b> <see cref="OnEvent"/> runs on the consumer's thread; the other
/// methods may be called from any thread. One lock guards the books and the subscriptions;
/// subscriber callbacks run under it and must not block (see
/// <see cref="IMarketDataSubscriber"/>). A callback that throws loses its subscription and
/// the hub goes on. With no subscriber, handling an event allocates nothing.</para>
/// </remarks>
public sealed class MarketDataHub : IEntryHandler<EngineEvent>
{
    private const MarketDataChannels AllChannels = MarketDataChannels.Book | MarketDataChannels.Trades | MarketDataChannels.Bbo;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, InstrumentMarket> _markets = [];

    /// <summary>Instruments whose book changed since the last BBO check; only the consumer thread changes it (under the lock).</summary>
    private readonly List<InstrumentMarket> _bboPending = [];

    private long _commandSequence = -1;
    private int _subscriptionCount;
    private long _droppedSubscriptions;

    /// <summary>Subscriptions registered now, over every instrument and subscriber.</summary>
    public int SubscriptionCount => Volatile.Read(ref _subscriptionCount);

    /// <summary>Subscriptions removed since start because a callback threw.</summary>
    public long DroppedSubscriptions => Interlocked.Read(ref _droppedSubscriptions);

    /// <summary>
    /// Takes the books of a recovered engine (lots and order count per level) that no thread
    /// is running yet; call before the outbound ring starts. Replaces any book the hub had;
    /// the sequences stay as they are.
    /// </summary>
    public void LoadFrom(MatchingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        lock (_lock)
        {
            foreach (var market in _markets.Values)
            {
                market.Book.Clear();
            }

            foreach (var order in engine.EnumerateOrders())
            {
                // What the book shows: an iceberg's slice, never its hidden rest.
                Market(order.InstrumentId).Book.Add(order.Side, order.PriceTicks, order.ShownLots, 1);
            }

            foreach (var market in _markets.Values)
            {
                market.PublishedBbo = market.CurrentBbo();
                market.BboPending = false;
            }

            _bboPending.Clear();
        }
    }

    /// <summary>
    /// Subscribes to one instrument: under the hub's lock, sends the snapshot
    /// (<see cref="IMarketDataSubscriber.OnSnapshot"/>, then the BBO last sent when
    /// <see cref="MarketDataChannels.Bbo"/> is asked for), then registers, so the updates
    /// that follow continue the snapshot's sequences exactly.
    /// </summary>
    /// <param name="subscriber">Who receives the data.</param>
    /// <param name="instrumentId">The instrument; the hub does not check it exists (the gateway does, against its <see cref="Instruments.InstrumentCatalog"/>).</param>
    /// <param name="channels">What to send. Without <see cref="MarketDataChannels.Book"/> the snapshot has no levels, only sequences.</param>
    /// <param name="depth">Levels per side in the snapshot; 0 = the whole book. Increments are not limited.</param>
    /// <param name="state">The subscriber's own data, kept in <see cref="MarketDataSubscription.State"/>.</param>
    /// <returns>The subscription, active.</returns>
    /// <remarks>A callback that throws here propagates to the caller and nothing is registered.</remarks>
    public MarketDataSubscription Subscribe(IMarketDataSubscriber subscriber, int instrumentId, MarketDataChannels channels, int depth, object? state = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        if ((channels & ~AllChannels) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "unknown market-data channel");
        }

        var subscription = new MarketDataSubscription(subscriber, instrumentId, channels, depth, state);
        lock (_lock)
        {
            var market = Market(instrumentId);
            subscriber.OnSnapshot(subscription, SnapshotOf(market, subscription.Wants(MarketDataChannels.Book) ? depth : -1));
            if (subscription.Wants(MarketDataChannels.Bbo))
            {
                var bbo = market.PublishedBbo;
                subscriber.OnBbo(subscription, in bbo);
            }

            market.Add(subscription);
            subscription.IsActive = true;
            Volatile.Write(ref _subscriptionCount, _subscriptionCount + 1);
        }

        return subscription;
    }

    /// <summary>Ends a subscription; nothing is sent to it after this returns. Does nothing when it is no longer active.</summary>
    public void Unsubscribe(MarketDataSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_lock)
        {
            Remove(subscription);
        }
    }

    /// <summary>Ends every subscription of <paramref name="subscriber"/> (a client that disconnected).</summary>
    public void UnsubscribeAll(IMarketDataSubscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_lock)
        {
            foreach (var market in _markets.Values)
            {
                foreach (var subscription in market.Subscriptions)
                {
                    if (subscription.Subscriber == subscriber)
                    {
                        Remove(subscription);
                    }
                }
            }
        }
    }

    /// <summary>The book of an instrument now, <paramref name="depth"/> levels per side (0 = all), with its sequences.</summary>
    /// <remarks>For a one-off answer; to follow the book, <see cref="Subscribe"/> (its snapshot and increments are consistent).</remarks>
    public BookSnapshot Snapshot(int instrumentId, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        lock (_lock)
        {
            return _markets.TryGetValue(instrumentId, out var market)
                ? SnapshotOf(market, depth)
                : new BookSnapshot { InstrumentId = instrumentId, BookSequence = 0, TradeSequence = 0, Bids = [], Asks = [] };
        }
    }

    /// <inheritdoc />
    public void OnEvent(ref EngineEvent e, long sequence, bool endOfBatch)
    {
        if (e.CommandSequence != _commandSequence)
        {
            // The previous command's events are all in: its books are final.
            if (_bboPending.Count > 0)
            {
                PublishBbo();
            }

            _commandSequence = e.CommandSequence;
        }

        switch (e.Type)
        {
            case EventType.BookLevelChanged:
                OnLevel(ref e);
                break;
            case EventType.Trade:
                OnTrade(ref e);
                break;
        }

        if (endOfBatch && _bboPending.Count > 0)
        {
            PublishBbo();
        }
    }

    private void OnLevel(ref EngineEvent e)
    {
        lock (_lock)
        {
            var market = Market(e.InstrumentId);
            var action = market.Book.Set(e.Side, e.PriceTicks, e.LevelLots, e.LevelOrderCount);
            market.BookSequence++;
            if (!market.BboPending)
            {
                market.BboPending = true;
                _bboPending.Add(market);
            }

            var subscriptions = market.Subscriptions;
            if (subscriptions.Length == 0)
            {
                return;
            }

            var update = new LevelUpdate(e.InstrumentId, market.BookSequence, e.Side, action, e.PriceTicks, e.LevelLots, e.LevelOrderCount);
            foreach (var subscription in subscriptions)
            {
                if (!subscription.IsActive || !subscription.Wants(MarketDataChannels.Book))
                {
                    continue;
                }

                try
                {
                    subscription.Subscriber.OnLevel(subscription, in update);
                }
                catch (Exception)
                {
                    Drop(subscription);
                }
            }
        }
    }

    private void OnTrade(ref EngineEvent e)
    {
        lock (_lock)
        {
            var market = Market(e.InstrumentId);
            market.TradeSequence++;
            var subscriptions = market.Subscriptions;
            if (subscriptions.Length == 0)
            {
                return;
            }

            var trade = new TradeUpdate(e.InstrumentId, market.TradeSequence, e.TradeId, e.Side, e.TradePriceTicks, e.TradeLots, e.TimestampNs);
            foreach (var subscription in subscriptions)
            {
                if (!subscription.IsActive || !subscription.Wants(MarketDataChannels.Trades))
                {
                    continue;
                }

                try
                {
                    subscription.Subscriber.OnTrade(subscription, in trade);
                }
                catch (Exception)
                {
                    Drop(subscription);
                }
            }
        }
    }

    /// <summary>Sends the BBO of every instrument whose book changed since the last call, when its best bid or ask did.</summary>
    private void PublishBbo()
    {
        lock (_lock)
        {
            for (var i = 0; i < _bboPending.Count; i++)
            {
                var market = _bboPending[i];
                market.BboPending = false;
                var bbo = market.CurrentBbo();
                if (bbo.SameQuoteAs(market.PublishedBbo))
                {
                    continue;
                }

                market.PublishedBbo = bbo;
                foreach (var subscription in market.Subscriptions)
                {
                    if (!subscription.IsActive || !subscription.Wants(MarketDataChannels.Bbo))
                    {
                        continue;
                    }

                    try
                    {
                        subscription.Subscriber.OnBbo(subscription, in bbo);
                    }
                    catch (Exception)
                    {
                        Drop(subscription);
                    }
                }
            }

            _bboPending.Clear();
        }
    }

    private static BookSnapshot SnapshotOf(InstrumentMarket market, int depth) => new()
    {
        InstrumentId = market.InstrumentId,
        BookSequence = market.BookSequence,
        TradeSequence = market.TradeSequence,
        Bids = market.Book.Copy(Side.Buy, depth),
        Asks = market.Book.Copy(Side.Sell, depth),
    };

    private InstrumentMarket Market(int instrumentId)
    {
        if (!_markets.TryGetValue(instrumentId, out var market))
        {
            market = new InstrumentMarket(instrumentId);
            _markets[instrumentId] = market;
        }

        return market;
    }

    /// <summary>A callback threw: the subscriber cannot be trusted with more data, the others go on.</summary>
    private void Drop(MarketDataSubscription subscription)
    {
        if (Remove(subscription))
        {
            Interlocked.Increment(ref _droppedSubscriptions);
        }
    }

    private bool Remove(MarketDataSubscription subscription)
    {
        if (!subscription.IsActive || !_markets.TryGetValue(subscription.InstrumentId, out var market) || !market.Remove(subscription))
        {
            return false;
        }

        subscription.IsActive = false;
        Volatile.Write(ref _subscriptionCount, _subscriptionCount - 1);
        return true;
    }
}
