namespace Matcher.Client;

/// <summary>How an order is tied to another live order of the account, as on the wire.</summary>
public enum ContingencyType : byte
{
    /// <summary>Not tied.</summary>
    None = 0,

    /// <summary>One cancels the other: when either order trades or is cancelled, the other is cancelled.</summary>
    OneCancelsOther = 1,
}
