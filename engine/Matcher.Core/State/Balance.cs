namespace Matcher.Core.State;

/// <summary>
/// An account's holding of one asset. Available, locked and the report stamp sit together
/// so that a balance check and its update touch one cache line, not three arrays.
/// </summary>
internal struct Balance
{
    public long Available;
    public long Locked;

    /// <summary>The command counter when this balance was last queued for a BalanceChanged event.</summary>
    public long TouchedAt;
}
