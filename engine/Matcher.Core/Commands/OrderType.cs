namespace Matcher.Core.Commands;

/// <summary>How an order is priced. Persisted: values pinned by a test.</summary>
public enum OrderType : byte
{
    /// <summary>Not given; rejected.</summary>
    None = 0,

    /// <summary>Trades at its price or better; the remainder may rest (per time in force).</summary>
    Limit = 1,

    /// <summary>Trades at any price against resting orders; never rests.</summary>
    Market = 2,
}
