namespace Matcher.Core.Commands;

/// <summary>
/// What happens when an order would trade against an order of the same account.
/// Persisted: values pinned by a test.
/// </summary>
public enum SelfTradePrevention : byte
{
    /// <summary>No prevention: the two orders trade.</summary>
    None = 0,

    /// <summary>Cancel the incoming order's remainder; the resting order stays.</summary>
    CancelTaker = 1,

    /// <summary>Cancel the resting order and keep matching.</summary>
    CancelMaker = 2,

    /// <summary>Cancel both.</summary>
    CancelBoth = 3,

    /// <summary>
    /// Reduce both by the smaller remaining quantity without trading; whichever reaches
    /// zero is cancelled (both when equal).
    /// </summary>
    DecrementAndCancel = 4,
}
