using System.Text.Json;
using System.Text.RegularExpressions;
using Matcher.Core.Commands;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using Matcher.Journal;

namespace Matcher.Cli.Tests;

public sealed class JournalDumpTests
{
    [Test]
    public void Dump_WholeJournal_PrintsEveryRecordInOrder()
    {
        using var journal = new TestJournal();
        var commands = JournalCommands.Stream(350);
        journal.Write(commands);
        Assert.That(journal.SegmentPaths(), Has.Count.EqualTo(4), "the journal spans segments");

        var run = CliRun.Of("journal", "dump", "--journal", journal.Path);
        var lines = Parse(run.Output);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Error, Is.Empty);
            Assert.That(lines.Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(commands.Select(c => c.Sequence)));
            Assert.That(lines.Select(l => l.GetProperty("type").GetString()), Is.EqualTo(commands.Select(c => SnakeCase(c.Type))));
            Assert.That(lines[0].GetProperty("time").GetString(), Is.EqualTo("2024-01-01T00:00:00.000000007Z"));
            Assert.That(lines[^1].GetProperty("time").GetString(), Is.EqualTo("2024-01-01T00:00:00.000349007Z"));
        });
    }

    [Test]
    public void Dump_EachType_WritesItsFieldsAsIntegersWithUnitsInTheNames()
    {
        using var journal = new TestJournal();
        Command[] commands =
        [
            new() { Type = CommandType.AddAsset, AssetId = 2, AssetCode = Symbol.From("USDT"), AssetScale = 6 },
            new()
            {
                Type = CommandType.AddInstrument,
                InstrumentId = 1,
                InstrumentStatus = InstrumentStatus.Halted,
                Instrument = new InstrumentDefinition
                {
                    Symbol = Symbol.From("BTC-USDT"),
                    BaseAssetId = 1,
                    QuoteAssetId = 2,
                    TickSize = ScaledDecimal.Parse("0.01"),
                    LotSize = ScaledDecimal.Parse("0.0001"),
                    MinQuantityLots = 3,
                    MinNotional = 10_000_000,
                },
            },
            new()
            {
                Type = CommandType.PlaceOrder,
                Origin = new Origin(3, 44, 555),
                AccountId = 7,
                InstrumentId = 1,
                Side = Side.Buy,
                OrderType = OrderType.Limit,
                TimeInForce = TimeInForce.GoodTillDate,
                PriceTicks = 3_000_001,
                QuantityLots = 25,
                PostOnly = true,
                SelfTradePrevention = SelfTradePrevention.CancelBoth,
                ExpireTimeNs = 1_893_456_000_000_000_001,
                ClientOrderId = ClientOrderId.From("bid-1"),
            },
            new()
            {
                Type = CommandType.CancelReplace,
                AccountId = 7,
                InstrumentId = 1,
                OrderId = 12,
                NewClientOrderId = ClientOrderId.From("bid-2"),
                PriceTicks = 3_000_002,
            },
            new() { Type = CommandType.Deposit, AccountId = 7, AssetId = 2, Amount = 5_000_250_000 },
            new() { Type = CommandType.RequestWithdrawal, AccountId = 7, AssetId = 2, Amount = 100_000_000, WithdrawalId = 9 },
            new() { Type = CommandType.MassCancel, AccountId = 7 },
            new() { Type = CommandType.QueryStateHash },
        ];
        for (var i = 0; i < commands.Length; i++)
        {
            commands[i].Sequence = i + 1;
            commands[i].TimestampNs = 1_704_067_200_000_000_000 + i;
        }

        journal.Write(commands);

        var run = CliRun.Of("journal", "dump", "--journal", journal.Path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            """{"seq":1,"time":"2024-01-01T00:00:00.000000000Z","type":"add_asset","asset_id":2,"asset":"USDT","scale":6}""",
            """{"seq":2,"time":"2024-01-01T00:00:00.000000001Z","type":"add_instrument","instrument_id":1,"instrument":"BTC-USDT","base_asset_id":1,"quote_asset_id":2,"tick_size":"0.01","lot_size":"0.0001","min_quantity_lots":3,"min_notional_units":10000000,"status":"halted"}""",
            """{"seq":3,"time":"2024-01-01T00:00:00.000000002Z","type":"place_order","account":7,"instrument_id":1,"side":"buy","order_type":"limit","tif":"gtd","price_ticks":3000001,"quantity_lots":25,"post_only":true,"stp":"cancel_both","expire_time":"2030-01-01T00:00:00.000000001Z","client_order_id":"bid-1","gateway":3,"session":44,"correlation":555}""",
            """{"seq":4,"time":"2024-01-01T00:00:00.000000003Z","type":"cancel_replace","account":7,"instrument_id":1,"order_id":12,"new_client_order_id":"bid-2","price_ticks":3000002,"quantity_lots":0}""",
            """{"seq":5,"time":"2024-01-01T00:00:00.000000004Z","type":"deposit","account":7,"asset_id":2,"amount_units":5000250000}""",
            """{"seq":6,"time":"2024-01-01T00:00:00.000000005Z","type":"request_withdrawal","account":7,"asset_id":2,"amount_units":100000000,"withdrawal_id":9}""",
            """{"seq":7,"time":"2024-01-01T00:00:00.000000006Z","type":"mass_cancel","account":7}""",
            """{"seq":8,"time":"2024-01-01T00:00:00.000000007Z","type":"query_state_hash"}""",
        }));
    }

    [Test]
    public void Dump_FromAndTo_PrintsOnlyThatRangeAcrossSegments()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(350));

        var run = CliRun.Of("journal", "dump", "--journal", journal.Path, "--from", "150", "--to=260");
        var sequences = Parse(run.Output).Select(l => l.GetProperty("seq").GetInt64());

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(sequences, Is.EqualTo(Enumerable.Range(150, 111).Select(i => (long)i)));
        });
    }

    [TestCase("--from", "20", "--to", "10", "matcher journal dump: --from 20 is after --to 10")]
    [TestCase("--from", "0", "--to", "10", "matcher journal dump: option --from needs a sequence (a whole number from 1), not '0'")]
    [TestCase("--from", "x", "--to", "10", "matcher journal dump: option --from needs a sequence (a whole number from 1), not 'x'")]
    public void Dump_BadRange_IsAUsageError(string fromOption, string from, string toOption, string to, string expected)
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(20));

        var run = CliRun.Of("journal", "dump", "--journal", journal.Path, fromOption, from, toOption, to);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Output, Is.Empty);
            Assert.That(run.Error, Does.StartWith(expected + "\n"));
        });
    }

    [Test]
    public void Dump_NoJournalOption_IsAUsageError()
    {
        var run = CliRun.Of("journal", "dump");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Error, Does.StartWith("matcher journal dump: option --journal DIR is required\n"));
        });
    }

    [Test]
    public void Dump_DamagedRecord_PrintsTheOthersAndReportsItOnStandardError()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(250));
        var segment = journal.SegmentPaths()[0];
        var offset = 41L * JournalRecord.RecordSize;
        TestJournal.FlipByte(segment, offset + JournalRecord.HeaderSize + 3);

        var run = CliRun.Of("journal", "dump", "--journal", journal.Path);
        var sequences = Parse(run.Output).Select(l => l.GetProperty("seq").GetInt64()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Corrupt));
            Assert.That(sequences, Has.Count.EqualTo(249));
            Assert.That(sequences, Does.Not.Contain(42L));
            Assert.That(run.Error, Does.StartWith($"matcher journal dump: corrupt record in {segment} at offset {offset}: checksum mismatch"));
        });
    }

    private static List<JsonElement> Parse(string output)
    {
        var lines = new List<JsonElement>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            lines.Add(document.RootElement.Clone());
        }

        return lines;
    }

    private static string SnakeCase(CommandType type) => Regex.Replace(type.ToString(), "(?<!^)([A-Z])", "_$1").ToLowerInvariant();
}
