namespace Matcher.Core.State;

/// <summary>Maker and taker rates in basis points; a negative maker rate is a rebate.</summary>
internal readonly record struct FeeTier(int MakerBps, int TakerBps)
{
    /// <summary>The largest rate magnitude: 100%.</summary>
    public const int MaxBps = 10_000;
}
