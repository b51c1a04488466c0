namespace Matcher.Cli.Tests;

/// <summary>Command lines for the tests, written out as the simulator reads them.</summary>
internal static class Lines
{
    public const string StateHash = """{"type":"query_state_hash"}""";

    /// <summary>A limit order line; <paramref name="extra"/> is more JSON fields, e.g. "\"tif\":\"ioc\"".</summary>
    public static string Limit(long account, string side, string price, string quantity, string instrument = "BTC-USDT",
        string? clientId = null, string? extra = null)
    {
        var fields = $$"""{"type":"place_order","account":{{account}},"instrument":"{{instrument}}","side":"{{side}}","order_type":"limit","price":"{{price}}","quantity":"{{quantity}}" """.TrimEnd();
        if (clientId is not null)
        {
            fields += $$""","client_order_id":"{{clientId}}" """.TrimEnd();
        }

        if (extra is not null)
        {
            fields += "," + extra;
        }

        return fields + "}";
    }
}
