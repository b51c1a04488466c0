namespace Matcher.Core.Tests.Properties;

/// <summary>Why the reference stopped matching an incoming order.</summary>
internal enum MatchStop
{
    /// <summary>Nothing left to fill.</summary>
    Filled,

    /// <summary>No (more) crossing liquidity.</summary>
    NoLiquidity,

    /// <summary>A market buy cannot pay for one more lot at the best price.</summary>
    FundsExhausted,

    /// <summary>Self-trade prevention cancelled the incoming order (its cancel event is already out).</summary>
    TakerCancelled,
}
