namespace Matcher.Views.MarketData;

/// <summary>The best bid and offer of an instrument after a command; price and lots are 0 for an empty side.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="BookSequence">The instrument's book sequence when this best bid and offer was taken.</param>
/// <param name="BidPriceTicks">The best bid's price in ticks, or 0.</param>
/// <param name="BidLots">The lots at the best bid, or 0.</param>
/// <param name="AskPriceTicks">The best offer's price in ticks, or 0.</param>
/// <param name="AskLots">The lots at the best offer, or 0.</param>
public readonly record struct BboUpdate(int InstrumentId, long BookSequence, long BidPriceTicks, long BidLots, long AskPriceTicks, long AskLots)
{
    /// <summary>True when both have the same prices and lots (the sequences may differ).</summary>
    public bool SameQuoteAs(in BboUpdate other) =>
        BidPriceTicks == other.BidPriceTicks && BidLots == other.BidLots && AskPriceTicks == other.AskPriceTicks && AskLots == other.AskLots;
}
