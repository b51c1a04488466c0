namespace Matcher.Client;

/// <summary>An order's type, as on the wire.</summary>
public enum OrderType : byte
{
    /// <summary>A limit order.</summary>
    Limit = 1,

    /// <summary>A market order.</summary>
    Market = 2,
}
