namespace Matcher.Bench.Core;

/// <summary>An account of <see cref="NaiveBook"/>: one instrument's two balances.</summary>
public sealed class NaiveAccount
{
    public long QuoteAvailable { get; set; } = CoreSetup.QuoteUnitsPerAccount;

    public long QuoteLocked { get; set; }

    public long BaseAvailable { get; set; } = CoreSetup.BaseUnitsPerAccount;

    public long BaseLocked { get; set; }
}
