namespace Matcher.Client;

/// <summary>An order's time in force, as on the wire.</summary>
public enum TimeInForce : byte
{
    /// <summary>Not given: GTC for a limit order, IOC for a market order.</summary>
    Default = 0,

    /// <summary>Good till cancelled.</summary>
    GoodTillCancel = 1,

    /// <summary>Immediate or cancel.</summary>
    ImmediateOrCancel = 2,

    /// <summary>Fill or kill.</summary>
    FillOrKill = 3,

    /// <summary>Good till a date (the order's expiry time).</summary>
    GoodTillDate = 4,
}
