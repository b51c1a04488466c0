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

    /// <summary>Units deposited minus units withdrawn, over all accounts: no balance can exceed it.</summary>
    internal long TotalUnits { get; set; }
}
