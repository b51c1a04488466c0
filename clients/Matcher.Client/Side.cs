namespace Matcher.Client;

/// <summary>An order's side, as on the wire (docs/WEBSOCKET.md, "Conventions").</summary>
public enum Side : byte
{
    /// <summary>Both sides, where a request allows it (MassCancel).</summary>
    Both = 0,

    /// <summary>Buy (a bid).</summary>
    Buy = 1,

    /// <summary>Sell (an ask).</summary>
    Sell = 2,
}
