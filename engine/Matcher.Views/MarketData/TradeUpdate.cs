using Matcher.Core.Commands;

namespace Matcher.Views.MarketData;

/// <summary>A trade, as the core's <c>Trade</c> event reported it.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="TradeSequence">The instrument's trade sequence after this trade: the previous trade's (or the snapshot's) + 1.</param>
/// <param name="TradeId">The engine's trade id.</param>
/// <param name="AggressorSide">The incoming (taker) order's side.</param>
/// <param name="PriceTicks">The trade price in ticks (the maker's price).</param>
/// <param name="Lots">The traded quantity in lots.</param>
/// <param name="TimestampNs">The timestamp of the command that traded (journal time, Unix nanoseconds).</param>
public readonly record struct TradeUpdate(int InstrumentId, long TradeSequence, long TradeId, Side AggressorSide, long PriceTicks, long Lots, long TimestampNs);
