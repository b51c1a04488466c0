namespace Matcher.Client;

/// <summary>One price level of an <see cref="OrderBook"/>.</summary>
/// <param name="PriceTicks">The level's price in ticks.</param>
/// <param name="Lots">The level's total quantity in lots.</param>
/// <param name="OrderCount">Orders resting at the level.</param>
public readonly record struct BookLevel(long PriceTicks, long Lots, int OrderCount);
