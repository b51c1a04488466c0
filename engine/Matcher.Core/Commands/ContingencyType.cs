namespace Matcher.Core.Commands;

/// <summary>How an order is tied to another of the same account. Persisted: values pinned by a test.</summary>
public enum ContingencyType : byte
{
    /// <summary>Not tied.</summary>
    None = 0,

    /// <summary>One cancels the other: when either order trades or is cancelled, the other is cancelled.</summary>
    OneCancelsOther = 1,
}
