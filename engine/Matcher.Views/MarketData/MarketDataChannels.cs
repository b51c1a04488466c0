namespace Matcher.Views.MarketData;

/// <summary>
/// What a <see cref="MarketDataSubscription"/> receives. Gateways may put these values on
/// the wire: they are pinned by a test.
/// </summary>
[Flags]
public enum MarketDataChannels : byte
{
    /// <summary>Nothing but the snapshot's sequences.</summary>
    None = 0,

    /// <summary>The snapshot's levels and every <see cref="LevelUpdate"/>.</summary>
    Book = 1,

    /// <summary>Every <see cref="TradeUpdate"/>.</summary>
    Trades = 2,

    /// <summary>The best bid and offer: the current one at subscription, then a <see cref="BboUpdate"/> after each command that changed it.</summary>
    Bbo = 4,
}
