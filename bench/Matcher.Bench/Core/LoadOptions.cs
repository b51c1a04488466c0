namespace Matcher.Bench.Core;

/// <summary>What the core load generator makes (defaults: exchange-core's single-symbol throughput test).</summary>
public sealed record LoadOptions
{
    /// <summary>Order books; measured commands are spread uniformly over them.</summary>
    public int Instruments { get; init; } = 1;

    /// <summary>Measured commands, after each book has been filled.</summary>
    public int Commands { get; init; } = 3_000_000;

    /// <summary>Accounts that place orders, on every instrument.</summary>
    public int Accounts { get; init; } = 1_000;

    /// <summary>Resting orders each book is steered toward (half bids, half asks).</summary>
    public int OrdersPerInstrument { get; init; } = 1_000;

    public int Seed { get; init; } = 1;

    /// <summary>
    /// The core's <c>expectedOrders</c> (pool and index sizes); 0: twice the target book
    /// size over all instruments, at least 65,536.
    /// </summary>
    public int ExpectedOrders { get; init; }

    /// <summary>Whether new orders carry a client order id (as FIX orders do); cancels and amends go by order id either way.</summary>
    public bool ClientOrderIds { get; init; } = true;
}
