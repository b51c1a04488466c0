namespace Matcher.Views.MarketData;

/// <summary>Receives market data from a <see cref="MarketDataHub"/>: a gateway's adapter to its wire format.</summary>
/// <remarks>
/// <para>Every method runs under the hub's lock: <see cref="OnSnapshot"/> (and the first
/// <see cref="OnBbo"/>) on the thread that called <see cref="MarketDataHub.Subscribe"/>, the
/// others on the hub's outbound-ring consumer thread. So calls never overlap, but a slow
/// method delays every other subscriber and, once the ring fills, the core. A method must
/// not block: queue the data (a bounded buffer that disconnects a slow client) and return.</para>
/// <para>A method that throws on the consumer thread costs its subscription: the hub removes
/// it (<see cref="MarketDataSubscription.IsActive"/> turns false), counts it in
/// <see cref="MarketDataHub.DroppedSubscriptions"/>, and goes on with the others. An
/// exception from the calls made inside <see cref="MarketDataHub.Subscribe"/> reaches its
/// caller, and nothing is subscribed.</para>
/// <para>Calling <see cref="MarketDataHub.Subscribe"/> or <see cref="MarketDataHub.Unsubscribe"/>
/// from a callback is allowed (the lock is re-entrant); the change applies from the next event.</para>
/// </remarks>
public interface IMarketDataSubscriber
{
    /// <summary>The book when the subscription starts, before any update of it.</summary>
    void OnSnapshot(MarketDataSubscription subscription, BookSnapshot snapshot);

    /// <summary>A price level changed (<see cref="MarketDataChannels.Book"/>).</summary>
    void OnLevel(MarketDataSubscription subscription, in LevelUpdate update);

    /// <summary>A trade (<see cref="MarketDataChannels.Trades"/>).</summary>
    void OnTrade(MarketDataSubscription subscription, in TradeUpdate trade);

    /// <summary>The best bid and offer (<see cref="MarketDataChannels.Bbo"/>).</summary>
    void OnBbo(MarketDataSubscription subscription, in BboUpdate bbo);
}
