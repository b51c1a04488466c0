namespace Matcher.Client;

/// <summary>What a subscription receives (Subscribe's <c>channels</c> bits).</summary>
[Flags]
public enum SubscriptionChannels : byte
{
    /// <summary>Nothing (not a valid subscription).</summary>
    None = 0,

    /// <summary>The book: a snapshot's levels, then a BookUpdate per level change.</summary>
    Book = 1,

    /// <summary>Trades.</summary>
    Trades = 2,

    /// <summary>Best bid and offer after each change.</summary>
    BestBidOffer = 4,

    /// <summary>Every channel.</summary>
    All = Book | Trades | BestBidOffer,
}
