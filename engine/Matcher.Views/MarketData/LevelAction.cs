namespace Matcher.Views.MarketData;

/// <summary>What happened to a price level. Gateways may put these values on the wire: they are pinned by a test.</summary>
public enum LevelAction : byte
{
    /// <summary>The level did not exist before.</summary>
    New = 0,

    /// <summary>The level's lots or order count changed.</summary>
    Change = 1,

    /// <summary>The level is gone (0 lots).</summary>
    Delete = 2,
}
