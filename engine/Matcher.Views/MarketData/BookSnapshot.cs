namespace Matcher.Views.MarketData;

/// <summary>An instrument's book at one point of the event stream, with the sequences that say which point.</summary>
/// <remarks>
/// The next <see cref="LevelUpdate"/> after this snapshot has <see cref="BookSequence"/> + 1,
/// the next <see cref="TradeUpdate"/> has <see cref="TradeSequence"/> + 1.
/// </remarks>
public sealed class BookSnapshot
{
    /// <summary>The instrument.</summary>
    public required int InstrumentId { get; init; }

    /// <summary>How many level changes of this instrument the hub has seen since the server started.</summary>
    public required long BookSequence { get; init; }

    /// <summary>How many trades of this instrument the hub has seen since the server started.</summary>
    public required long TradeSequence { get; init; }

    /// <summary>Bid levels, best (highest price) first; empty when the book was not asked for.</summary>
    public required IReadOnlyList<BookLevel> Bids { get; init; }

    /// <summary>Ask levels, best (lowest price) first; empty when the book was not asked for.</summary>
    public required IReadOnlyList<BookLevel> Asks { get; init; }
}
