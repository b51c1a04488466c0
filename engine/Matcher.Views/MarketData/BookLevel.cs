namespace Matcher.Views.MarketData;

/// <summary>One price level of a book: the total open quantity and the number of orders at a price.</summary>
/// <param name="PriceTicks">The price in ticks.</param>
/// <param name="Lots">The open quantity of every order at the price, in lots.</param>
/// <param name="OrderCount">How many orders rest at the price.</param>
public readonly record struct BookLevel(long PriceTicks, long Lots, int OrderCount);
