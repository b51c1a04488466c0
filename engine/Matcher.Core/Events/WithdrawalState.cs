namespace Matcher.Core.Events;

/// <summary>Where a withdrawal stands. Persisted: values pinned by a test.</summary>
public enum WithdrawalState : byte
{
    /// <summary>Not a withdrawal event.</summary>
    None = 0,

    /// <summary>Funds are locked until the withdrawal completes or fails.</summary>
    Pending = 1,

    /// <summary>Paid; the funds left the account.</summary>
    Completed = 2,

    /// <summary>Failed; the funds are available again.</summary>
    Failed = 3,
}
