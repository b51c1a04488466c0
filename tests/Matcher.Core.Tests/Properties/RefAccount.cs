namespace Matcher.Core.Tests.Properties;

/// <summary>An account in the reference model: fee tier and per-asset balances.</summary>
internal sealed class RefAccount(long id, int feeTier)
{
    public long Id { get; } = id;

    public int FeeTier { get; set; } = feeTier;

    public Dictionary<int, long> Available { get; } = [];

    public Dictionary<int, long> Locked { get; } = [];

    public long AvailableOf(int assetId) => Available.GetValueOrDefault(assetId);

    public long LockedOf(int assetId) => Locked.GetValueOrDefault(assetId);
}
