namespace Matcher.Core.Commands;

/// <summary>
/// What makes a conditional order enter the book: it waits, off the book and invisible to
/// market data, until the instrument's last trade price reaches its stop price. Persisted:
/// values pinned by a test.
/// </summary>
public enum TriggerType : byte
{
    /// <summary>An ordinary order: it enters the book at once.</summary>
    None = 0,

    /// <summary>Stop (stop-loss): a buy triggers when the last trade is at or above the stop price, a sell at or below.</summary>
    Stop = 1,

    /// <summary>Take-profit (if-touched): a buy triggers when the last trade is at or below the stop price, a sell at or above.</summary>
    TakeProfit = 2,

    /// <summary>
    /// Trailing stop: a stop whose price follows the best last trade price since it was placed
    /// (the highest for a sell, the lowest for a buy) at a fixed distance, in ticks or basis points.
    /// </summary>
    TrailingStop = 3,
}
