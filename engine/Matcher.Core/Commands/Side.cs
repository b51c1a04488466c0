namespace Matcher.Core.Commands;

/// <summary>Buy or sell. Persisted: values pinned by a test.</summary>
public enum Side : byte
{
    /// <summary>Not given (valid only where a command says so, e.g. mass cancel of both sides).</summary>
    None = 0,

    /// <summary>Buy: pays quote, receives base.</summary>
    Buy = 1,

    /// <summary>Sell: pays base, receives quote.</summary>
    Sell = 2,
}
