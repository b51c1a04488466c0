using Matcher.Core.Commands;

namespace Matcher.Core.Book;

/// <summary>An instrument's two sides.</summary>
internal sealed class OrderBook
{
    public OrderBook(int instrumentId, Pool<PriceLevel> levelPool)
    {
        Bids = new BookSide(instrumentId, Side.Buy, levelPool);
        Asks = new BookSide(instrumentId, Side.Sell, levelPool);
    }

    public BookSide Bids { get; }

    public BookSide Asks { get; }

    public int OrderCount { get; set; }

    public BookSide SideOf(Side side) => side == Side.Buy ? Bids : Asks;

    public BookSide Opposite(Side side) => side == Side.Buy ? Asks : Bids;
}
