namespace Matcher.Client;

/// <summary>What happens when an order would trade with an order of the same account (the core's numbers).</summary>
public enum SelfTradePrevention : byte
{
    /// <summary>No prevention.</summary>
    None = 0,

    /// <summary>Cancel the incoming order.</summary>
    CancelTaker = 1,

    /// <summary>Cancel the resting order.</summary>
    CancelMaker = 2,

    /// <summary>Cancel both.</summary>
    CancelBoth = 3,

    /// <summary>Reduce the larger by the smaller and cancel the smaller.</summary>
    DecrementAndCancel = 4,
}
