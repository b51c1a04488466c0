using Matcher.Core.Text;

namespace Matcher.Core.State;

/// <summary>An asset: amounts are integers in units of 10^-<see cref="Scale"/>.</summary>
public sealed class Asset
{
    internal Asset(int id, Symbol code, byte scale, int index)
    {
        Id = id;
        Code = code;
        Scale = scale;
        Index = index;
    }

    /// <summary>The asset's id in commands.</summary>
    public int Id { get; }

    /// <summary>The asset's code, e.g. "USDT".</summary>
    public Symbol Code { get; }

    /// <summary>Digits after the point: one whole is 10^Scale units.</summary>
    public byte Scale { get; }

    /// <summary>Position in creation order: the index into every account's balances.</summary>
    internal int Index { get; }

    /// <summary>
    /// The most units of one asset the venue holds (2^62). Trades only move units between
    /// accounts, so every balance stays below it, except that maker rebates paid by the fee
    /// account (which may go negative) come on top: the headroom up to 2^63 leaves room
    /// for 2^62 units of rebates before a balance could overflow.
    /// </summary>
    public const long MaxTotalUnits = 1L << 62;

    /// <summary>Units deposited minus units withdrawn, over all accounts.</summary>
    internal long TotalUnits { get; set; }
}
