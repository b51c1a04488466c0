namespace Matcher.Cli.Tests;

/// <summary>Setup documents for the tests.</summary>
internal static class Setups
{
    /// <summary>How many commands <see cref="BtcUsdt"/> runs: the first command line gets the next sequence.</summary>
    public const int CommandCount = 18;

    /// <summary>
    /// BTC (8 decimals) and USDT (6); BTC-USDT with tick 0.01 and lot 0.0001; ETH (9) and
    /// ETH-USDT with tick 0.1 and lot 0.001; fee tier 1 pays makers 1 bp and charges
    /// takers 5 bp; accounts 1 and 2 in tier 1 and 3 in tier 0, each with 10 BTC, 1,000,000 USDT and 2 ETH.
    /// </summary>
    public const string BtcUsdt = """
        {
          "start_time": "2024-01-01T00:00:00Z",
          "assets": [
            { "asset": "BTC", "scale": 8 },
            { "asset": "USDT", "scale": 6 },
            { "asset": "ETH", "scale": 9 }
          ],
          "instruments": [
            { "instrument": "BTC-USDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "lot_size": "0.0001" },
            { "instrument": "ETH-USDT", "base": "ETH", "quote": "USDT", "tick_size": "0.1", "lot_size": "0.001" }
          ],
          "fee_tiers": [ { "fee_tier": 1, "maker_bps": -1, "taker_bps": 5 } ],
          "accounts": [
            { "account": 1, "fee_tier": 1, "deposits": { "BTC": "10", "USDT": "1000000", "ETH": "2" } },
            { "account": 2, "fee_tier": 1, "deposits": { "BTC": "10", "USDT": "1000000", "ETH": "2" } },
            { "account": 3, "deposits": { "BTC": "10", "USDT": "1000000", "ETH": "2" } }
          ]
        }
        """;

    /// <summary>Where the shipped examples are copied next to the tests.</summary>
    public static string Example(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "examples", name);
}
