namespace Matcher.Cli.Tests;

public sealed class SetupTests
{
    [Test]
    public void RunSetup_CoreRejectsAnEntry_StopsWithItsPathAndReason()
    {
        const string Setup = """
            { "assets": [ { "asset": "BTC", "scale": 8 }, { "asset": "BTC", "scale": 6 } ] }
            """;

        var run = SimRun.Of(Setup, Lines.StateHash, setupEvents: true);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Error, Is.EqualTo("matcher sim: setup: assets[1]: the core rejected add_asset: duplicate_asset\n"));
            Assert.That(run.OfType("state_hash"), Is.Empty, "no command line ran");
            Assert.That(run.OfType("asset_added"), Has.Count.EqualTo(1));
        });
    }

    [TestCase("""{ "asets": [] }""", "unknown field \"asets\" for the setup")]
    [TestCase("""{ "assets": [ { "asset": "BTC" } ] }""", "missing field assets[0].scale")]
    [TestCase("""{ "assets": [ { "asset": "BTC", "scale": 8 } ], "instruments": [ { "instrument": "BTC-USD", "base": "BTC", "quote": "USD", "tick_size": "0.01", "lot_size": "1" } ] }""",
        "instruments[0].quote \"USD\" is not a known asset")]
    [TestCase("""{ "assets": [ { "asset": "BTC", "scale": 8 }, { "asset": "USD", "scale": 2 } ], "instruments": [ { "instrument": "BTC-USD", "base": "BTC", "quote": "USD", "tick_size": "0.01", "lot_size": "0.001", "min_quantity": "0.0015" } ] }""",
        "instruments[0].min_quantity 0.0015 is not a multiple of lot 0.001 (BTC-USD)")]
    [TestCase("""{ "assets": [ { "asset": "BTC", "scale": 8 } ], "accounts": [ { "account": 1, "deposits": { "BTC": "0.000000001" } } ] }""",
        "accounts[0].deposits.BTC 0.000000001 is not a multiple of 0.00000001 (BTC has 8 decimals)")]
    [TestCase("""{ "start_time": "yesterday" }""", "start_time \"yesterday\" is not an ISO-8601 UTC time such as \"2024-01-01T00:00:00.000000001Z\"")]
    [TestCase("""{ "assets": { } }""", "assets must be an array")]
    [TestCase("""{ "assets": [ """, "malformed JSON: ")]
    public void RunSetup_InvalidSetup_ReportsTheFieldAndRunsNoCommandLine(string setup, string expected)
    {
        var run = SimRun.Of(setup, Lines.StateHash);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Error, Does.StartWith($"matcher sim: setup: {expected}"));
            Assert.That(run.OfType("state_hash"), Is.Empty);
        });
    }

    [Test]
    public void RunSetup_CommentsAndDefaults_AreAccepted()
    {
        const string Setup = """
            {
              // Ids default to the largest so far plus one; min_quantity to one lot.
              "assets": [ { "asset": "BTC", "scale": 8 }, { "asset": "USD", "scale": 2, "asset_id": 7 }, { "asset": "EUR", "scale": 2 } ],
              "instruments": [ { "instrument": "BTC-USD", "base": "BTC", "quote": "USD", "tick_size": "1", "lot_size": "0.01", "status": "halted" } ],
              "accounts": [ { "account": 9 } ],
            }
            """;

        var run = SimRun.Of(Setup, string.Empty, setupEvents: true);

        var assetIds = run.OfType("asset_added").ConvertAll(l => l.GetProperty("asset_id").GetInt32());
        var instrument = run.Single("instrument_defined");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(assetIds, Is.EqualTo(new[] { 1, 7, 8 }));
            Assert.That(SimRun.Text(instrument, "min_quantity"), Is.EqualTo("0.01"));
            Assert.That(SimRun.Text(instrument, "status"), Is.EqualTo("halted"));
            Assert.That(run.Single("account_updated").GetProperty("fee_tier").GetInt32(), Is.Zero);
            Assert.That(run.Lines.TrueForAll(l => SimRun.Text(l, "time") == "2024-01-01T00:00:00.000000000Z"), "setup commands run at the start time");
        });
    }
}
