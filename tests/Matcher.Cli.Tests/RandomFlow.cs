using System.Globalization;
using System.Text;

namespace Matcher.Cli.Tests;

/// <summary>
/// A seeded random order flow over the <see cref="Setups.BtcUsdt"/> setup: limit orders of
/// every time in force with post-only and self-trade prevention, market orders with a
/// quantity or a quote budget, cancels, amends, cancel-replaces, mass cancels, expiry
/// timers and deposits. Prices are multiples of 0.1 and quantities of 0.001, on the grid
/// of both instruments, so no line is an input error.
/// </summary>
internal static class RandomFlow
{
    private static readonly string[] _stp = ["cancel_taker", "cancel_maker", "cancel_both", "decrement_and_cancel"];

    public static string Generate(int seed, int count)
    {
        var random = new Random(seed);
        var lines = new StringBuilder();
        var clientIds = new List<(int Account, string Id, string Instrument)>();
        var placed = 0;
        var timeNs = 1_704_153_600_000_000_000L; // 2024-01-02T00:00:00Z, after the setup's start
        for (var i = 0; i < count; i++)
        {
            timeNs += random.Next(1, 2_000_000);
            var account = random.Next(1, 4);
            var instrument = random.Next(10) < 7 ? "BTC-USDT" : "ETH-USDT";
            var time = $"\"time\":{timeNs}";
            var roll = random.Next(100);
            string line;
            if (roll < 45)
            {
                placed++;
                var fields = new List<string> { time, $"\"account\":{account}", $"\"instrument\":\"{instrument}\"", $"\"side\":\"{Side(random)}\"", "\"order_type\":\"limit\"" };
                fields.Add($"\"price\":\"{Price(random, instrument)}\"");
                fields.Add($"\"quantity\":\"{Quantity(random, instrument)}\"");
                var tif = random.Next(20);
                if (tif < 2)
                {
                    fields.Add("\"tif\":\"ioc\"");
                }
                else if (tif < 3)
                {
                    fields.Add("\"tif\":\"fok\"");
                }
                else if (tif < 5)
                {
                    fields.Add("\"tif\":\"gtd\"");
                    fields.Add($"\"expire_time\":{timeNs + random.Next(1, 400_000_000)}");
                }
                else if (tif < 7)
                {
                    fields.Add("\"post_only\":true");
                }

                if (random.Next(10) < 3)
                {
                    fields.Add($"\"stp\":\"{_stp[random.Next(_stp.Length)]}\"");
                }

                if (random.Next(10) < 6)
                {
                    var id = $"c{i}";
                    clientIds.Add((account, id, instrument));
                    fields.Add($"\"client_order_id\":\"{id}\"");
                }

                line = Line("place_order", fields);
            }
            else if (roll < 55)
            {
                var side = Side(random);
                var fields = new List<string> { time, $"\"account\":{account}", $"\"instrument\":\"{instrument}\"", $"\"side\":\"{side}\"", "\"order_type\":\"market\"" };
                fields.Add(side == "buy" && random.Next(3) == 0
                    ? $"\"quote_budget\":\"{random.Next(10, 3000)}.{random.Next(100):D2}\""
                    : $"\"quantity\":\"{Quantity(random, instrument)}\"");
                if (random.Next(10) == 0)
                {
                    fields.Add("\"tif\":\"fok\"");
                }

                line = Line("place_order", fields);
            }
            else if (roll < 68 && placed > 0)
            {
                line = random.Next(2) == 0 || clientIds.Count == 0
                    ? Line("cancel_order", [time, $"\"account\":{account}", $"\"order_id\":{random.Next(Math.Max(1, placed - 30), placed + 1)}"])
                    : ByClientId("cancel_order", time, Recent(random, clientIds), []);
            }
            else if (roll < 82 && clientIds.Count > 0)
            {
                var target = Recent(random, clientIds);
                var change = new List<string>();
                if (random.Next(3) != 0)
                {
                    change.Add($"\"price\":\"{Price(random, target.Instrument)}\"");
                }

                if (change.Count == 0 || random.Next(2) == 0)
                {
                    change.Add($"\"quantity\":\"{Quantity(random, target.Instrument)}\"");
                }

                line = ByClientId("amend_order", time, target, change);
            }
            else if (roll < 88 && clientIds.Count > 0)
            {
                var target = Recent(random, clientIds);
                var id = $"r{i}";
                clientIds.Add((target.Account, id, target.Instrument));
                line = ByClientId("cancel_replace", time, target, [$"\"new_client_order_id\":\"{id}\"", $"\"price\":\"{Price(random, target.Instrument)}\""]);
            }
            else if (roll < 90)
            {
                var fields = new List<string> { time, $"\"account\":{account}" };
                if (random.Next(2) == 0)
                {
                    fields.Add($"\"instrument\":\"{instrument}\"");
                }

                if (random.Next(2) == 0)
                {
                    fields.Add($"\"side\":\"{Side(random)}\"");
                }

                line = Line("mass_cancel", fields);
            }
            else if (roll < 97)
            {
                line = Line("expire_orders", [time]);
            }
            else
            {
                line = Line("deposit", [time, $"\"account\":{account}", "\"asset\":\"USDT\"", "\"amount\":\"100000\""]);
            }

            lines.Append(line).Append('\n');
        }

        return lines.Append(Lines.StateHash).Append('\n').ToString();
    }

    /// <summary>One of the last few client order ids: recent orders are the likeliest to be live.</summary>
    private static (int Account, string Id, string Instrument) Recent(Random random, List<(int Account, string Id, string Instrument)> clientIds) =>
        clientIds[random.Next(Math.Max(0, clientIds.Count - 25), clientIds.Count)];

    private static string Side(Random random) => random.Next(2) == 0 ? "buy" : "sell";

    private static string Price(Random random, string instrument) =>
        (instrument == "BTC-USDT" ? 30_000m + (random.Next(-40, 41) * 0.5m) : 2_000m + (random.Next(-40, 41) * 0.1m))
        .ToString(CultureInfo.InvariantCulture);

    private static string Quantity(Random random, string instrument) =>
        (random.Next(1, instrument == "BTC-USDT" ? 60 : 800) * 0.001m).ToString(CultureInfo.InvariantCulture);

    private static string ByClientId(string type, string time, (int Account, string Id, string Instrument) target, List<string> more) =>
        Line(type, [time, $"\"account\":{target.Account}", $"\"client_order_id\":\"{target.Id}\"", .. more]);

    private static string Line(string type, List<string> fields) => $"{{\"type\":\"{type}\",{string.Join(",", fields)}}}";
}
