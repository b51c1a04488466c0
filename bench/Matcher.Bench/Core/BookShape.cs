using Matcher.Core;
using Matcher.Core.Commands;

namespace Matcher.Bench.Core;

/// <summary>How full the books are: resting orders and distinct price levels, over all instruments.</summary>
public readonly record struct BookShape(int Instruments, int Orders, int Levels)
{
    public double OrdersPerInstrument => (double)Orders / Instruments;

    public double LevelsPerInstrument => (double)Levels / Instruments;

    /// <summary>Walks every live order (off the measured path).</summary>
    public static BookShape Of(MatchingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var levels = new HashSet<(int, Side, long)>();
        var orders = 0;
        foreach (var order in engine.EnumerateOrders())
        {
            orders++;
            levels.Add((order.InstrumentId, order.Side, order.PriceTicks));
        }

        return new BookShape(engine.Instruments.Count, orders, levels.Count);
    }
}
