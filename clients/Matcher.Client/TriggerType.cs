namespace Matcher.Client;

/// <summary>What makes a conditional order enter the book, as on the wire (the core's numbers, docs/CORE.md).</summary>
public enum TriggerType : byte
{
    /// <summary>An ordinary order: it enters the book at once.</summary>
    None = 0,

    /// <summary>Stop (stop-loss): a buy triggers when the last trade is at or above the stop price, a sell at or below.</summary>
    Stop = 1,

    /// <summary>Take-profit (if-touched): a buy triggers when the last trade is at or below the stop price, a sell at or above.</summary>
    TakeProfit = 2,

    /// <summary>Trailing stop: a stop price that follows the best last trade price at a fixed distance (ticks or basis points).</summary>
    TrailingStop = 3,
}
