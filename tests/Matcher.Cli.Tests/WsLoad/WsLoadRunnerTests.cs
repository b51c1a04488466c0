using System.Text.Json;
using Matcher.Cli.WsLoad;

namespace Matcher.Cli.Tests.WsLoad;

public sealed class WsLoadRunnerTests
{
    private static WsLoadOptions Options(FakeGateway gateway, params string[] args)
    {
        string[] all = ["--url", gateway.Uri.ToString(), "--run-tag", "T1", .. args];
        Assert.That(VerbArguments.TryParse(all, WsLoadOptions.ValueOptions, WsLoadOptions.FlagOptions, out var parsed, out var error), Is.True, error);
        Assert.That(WsLoadOptions.TryCreate(parsed, out var options, out error), Is.True, error);
        return options;
    }

    [Test]
    public async Task RunAsync_OpenLoop_AnswersEveryOrderAndCancelsAllButTheLastRestingOrders()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var options = Options(gateway, "--rate", "1000", "--duration", "0.4", "--warmup", "0.2", "--resting", "10");

        var report = await WsLoadRunner.RunAsync(options, TextWriter.Null, CancellationToken.None);

        var orders = gateway.Orders.OrderBy(p => p.Key).Select(p => p.Value.ToList()).ToList();
        var cancels = gateway.Cancels.OrderBy(p => p.Key).Select(p => p.Value.ToList()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.TotalOrders, Is.EqualTo(600));
            Assert.That(orders.Sum(o => o.Count), Is.EqualTo(600));
            Assert.That(orders.Select(o => o.Count), Is.EqualTo(new[] { 200, 200, 200 }));
            Assert.That(report.OrdersSent, Is.EqualTo(400));
            Assert.That(report.Answered, Is.EqualTo(400));
            Assert.That(report.LatencyNs.TotalCount, Is.EqualTo(400));
            Assert.That(report.Acks, Is.EqualTo(600));
            Assert.That(report.MissingAcks, Is.Zero);
            Assert.That(report.Rejected, Is.Zero);
            Assert.That(report.CancelsSent, Is.EqualTo(3 * 190));
            Assert.That(report.CancelsDone, Is.EqualTo(3 * 190));
            Assert.That(report.SendLagNs!.TotalCount, Is.EqualTo(400));
            Assert.That(report.Instrument, Is.EqualTo("BTC-USD (1)"));
            Assert.That(report.Disconnected, Is.Zero);
        });

        // The server numbers connections as they come; the client's number is in every ClOrdId.
        var numbers = orders.Select(o => o[0].ClOrdId.ToString()[2..^2]).ToList();
        Assert.That(numbers.Order(), Is.EqualTo(new[] { "1", "2", "3" }));
        for (var c = 0; c < orders.Count; c++)
        {
            var mine = orders[c];
            var number = numbers[c];
            Assert.Multiple(() =>
            {
                Assert.That(mine.Select(o => o.ClOrdId.ToString()), Is.EqualTo(Enumerable.Range(0, 200).Select(k => $"T1{number}-{k}")));
                Assert.That(mine.Select(o => o.RequestId), Is.Ordered.Ascending);
                Assert.That(mine.All(o => o.InstrumentId == FakeGateway.BtcUsd && o.QuantityLots == 200 && o.OrderType == 1 && o.TimeInForce == 1), Is.True);
                Assert.That(mine.Where(o => o.Side == 1).All(o => o.PriceTicks < 10_000), Is.True);
                Assert.That(mine.Where(o => o.Side == 2).All(o => o.PriceTicks > 10_000), Is.True);
                // Order k brings the cancel of order k - 10, by its ClOrdId.
                Assert.That(cancels[c].Select(x => x.OrigClOrdId.ToString()), Is.EqualTo(Enumerable.Range(0, 190).Select(k => $"T1{number}-{k}")));
            });
        }
    }

    [Test]
    public async Task RunAsync_ClosedLoopWithRejects_CountsThemByCodeAndKeepsTheWindowGoing()
    {
        await using var gateway = await FakeGateway.StartAsync(rejectEvery: 5);
        var options = Options(gateway, "--max", "--window", "4", "--connections", "2", "--duration", "0.3", "--warmup", "0.1", "--resting", "0");

        var report = await WsLoadRunner.RunAsync(options, TextWriter.Null, CancellationToken.None);

        var rateLimited = report.RejectsByCode.GetValueOrDefault((ushort)1008);
        var funds = report.RejectsByCode.GetValueOrDefault((ushort)15);
        Assert.Multiple(() =>
        {
            Assert.That(report.TotalOrders, Is.GreaterThan(40));
            Assert.That(report.MissingAcks, Is.Zero);
            Assert.That(report.Rejected, Is.EqualTo(report.TotalOrders / 5).Within(2));
            Assert.That(rateLimited, Is.GreaterThan(0));
            Assert.That(funds, Is.GreaterThan(0));
            Assert.That(Math.Abs(rateLimited - funds), Is.LessThanOrEqualTo(2));
            Assert.That(report.Acks + report.Rejected, Is.EqualTo(report.TotalOrders));
            Assert.That(report.CancelsSent, Is.Zero);
            Assert.That(report.FirstRejectText, Does.StartWith("RateLimited (1008)").Or.StartWith("InsufficientFunds (15)"));
            Assert.That(report.Window, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task RunAsync_UnknownSymbol_ThrowsWithTheServersInstruments()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var options = Options(gateway, "--rate", "10", "--symbol", "DOGE-USD");

        Assert.That(async () => await WsLoadRunner.RunAsync(options, TextWriter.Null, CancellationToken.None),
            Throws.InstanceOf<WsLoadException>().With.Message.Contains("no instrument DOGE-USD (it has BTC-USD)"));
    }

    [Test]
    public async Task Verb_Json_PrintsOneObjectAndExitsZero()
    {
        await using var gateway = await FakeGateway.StartAsync();

        var run = await Task.Run(() => CliRun.Of("ws-load", "--url", gateway.Uri.ToString(), "--connections", "1", "--rate", "200",
            "--duration", "0.2", "--warmup", "0", "--json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("mode").GetString(), Is.EqualTo("open"));
            Assert.That(root.GetProperty("rate").GetInt64(), Is.EqualTo(200));
            Assert.That(root.GetProperty("connections").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("total_orders").GetInt64(), Is.EqualTo(40));
            Assert.That(root.GetProperty("missing_acks").GetInt64(), Is.Zero);
            Assert.That(root.GetProperty("latency_us").GetProperty("p99").GetDouble(), Is.GreaterThan(0));
            Assert.That(run.Error, Does.Contain("ws-load: 1 connections logged in to").And.Contain("BTC-USD (1): tick 0.01, lot 0.0001"));
        });
    }

    [Test]
    public async Task Verb_WrongSecret_ExitsTwoWithTheRejectReason()
    {
        await using var gateway = await FakeGateway.StartAsync();

        var run = await Task.Run(() => CliRun.Of("ws-load", "--url", gateway.Uri.ToString(), "--keys", "demo-key-1001:wrong", "--rate", "10"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(run.Error, Does.Contain("matcher ws-load: Login refused: AuthenticationFailed (1005)"));
        });
    }
}
