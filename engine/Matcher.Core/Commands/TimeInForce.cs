namespace Matcher.Core.Commands;

/// <summary>How long an order stays live. Persisted: values pinned by a test.</summary>
public enum TimeInForce : byte
{
    /// <summary>Not given; rejected.</summary>
    None = 0,

    /// <summary>Good till cancelled: the remainder rests.</summary>
    GoodTillCancel = 1,

    /// <summary>Immediate or cancel: the remainder is cancelled.</summary>
    ImmediateOrCancel = 2,

    /// <summary>Fill or kill: filled in full at once, or cancelled without trading.</summary>
    FillOrKill = 3,

    /// <summary>Good till date: rests until an <c>ExpireOrders</c> timer at or after its expiry time.</summary>
    GoodTillDate = 4,
}
