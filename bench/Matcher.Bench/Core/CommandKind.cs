namespace Matcher.Bench.Core;

/// <summary>The generator's command kinds, after exchange-core's TestOrdersGenerator.</summary>
public enum CommandKind
{
    /// <summary>A good-till-cancel limit order near the last trade price.</summary>
    PlaceGtc,

    /// <summary>An immediate-or-cancel limit order at the far end of the price band: it takes what it can.</summary>
    PlaceIoc,

    /// <summary>Cancel a live order.</summary>
    Cancel,

    /// <summary>Amend a live order's quantity down: it keeps its priority.</summary>
    ReduceQuantity,

    /// <summary>Amend a live order's price one step toward the last trade price: it loses priority and may trade.</summary>
    MovePrice,
}
