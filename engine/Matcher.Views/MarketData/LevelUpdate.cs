using Matcher.Core.Commands;

namespace Matcher.Views.MarketData;

/// <summary>A price level after a command, as one <c>BookLevelChanged</c> event of the core reported it.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="BookSequence">The instrument's book sequence after this change: the previous update's (or the snapshot's) + 1.</param>
/// <param name="Side">The side of the book: <see cref="Side.Buy"/> for bids, <see cref="Side.Sell"/> for asks.</param>
/// <param name="Action">New, changed or deleted level.</param>
/// <param name="PriceTicks">The level's price in ticks.</param>
/// <param name="Lots">The level's open quantity in lots (0 for <see cref="LevelAction.Delete"/>).</param>
/// <param name="OrderCount">The orders at the level (0 for <see cref="LevelAction.Delete"/>).</param>
public readonly record struct LevelUpdate(int InstrumentId, long BookSequence, Side Side, LevelAction Action, long PriceTicks, long Lots, int OrderCount);
