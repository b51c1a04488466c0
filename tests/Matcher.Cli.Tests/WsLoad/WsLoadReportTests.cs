using System.Text.Json;
using Matcher.Cli.WsLoad;
using Matcher.Metrics;

namespace Matcher.Cli.Tests.WsLoad;

public sealed class WsLoadReportTests
{
    private static WsLoadReport Report(long? rate = 10_000)
    {
        var latency = new LatencyHistogram(WsLoadSession.HighestLatencyNs);
        for (var i = 1; i <= 1000; i++)
        {
            latency.Record(i * 1_000L);
        }

        var lag = new LatencyHistogram(WsLoadSession.HighestLatencyNs);
        lag.Record(20_000);
        return new WsLoadReport
        {
            Target = "ws://127.0.0.1:8080/ws",
            Connections = 3,
            Instrument = "BTC-USD (1)",
            RatePerSecond = rate,
            Window = rate is null ? 32 : null,
            Seconds = 10,
            WarmupSeconds = 2,
            OrdersSent = 1000,
            Answered = 1000,
            AnsweredPerSecond = 100,
            MessagesSentPerSecond = 200,
            MessagesReceivedPerSecond = 201,
            LatencyNs = latency,
            Acks = 1195,
            MissingAcks = 0,
            TotalOrders = 1200,
            RejectsByCode = new SortedDictionary<ushort, long> { [15] = 2, [1008] = 3 },
            CancelsSent = 900,
            CancelsDone = 899,
            CancelRejects = 1,
            SendLagNs = rate is null ? null : lag,
            FirstRejectText = "RateLimited (1008): over 5000 messages/s",
        };
    }

    [Test]
    public void WriteText_OpenLoop_OneAlignedLinePerFigure()
    {
        using var output = new StringWriter { NewLine = "\n" };

        Report().WriteText(output);

        Assert.That(output.ToString(), Is.EqualTo("""
            target:           ws://127.0.0.1:8080/ws
            mode:             open loop, 10000 orders/s on a fixed schedule (latency from the scheduled time)
            connections:      3
            instrument:       BTC-USD (1)
            seconds:          10 (after 2 of warm-up)
            orders sent:      1000
            answered:         1000
            orders/s:         100
            messages/s:       sent 200, received 201
            latency us:       p50 500.2  p90 900.1  p99 990.2  p99.9 999.4  max 1000.0  mean 500.5
            acks:             1195
            missing acks:     0
            total orders:     1200
            rejected:         5 (InsufficientFunds (15): 2, RateLimited (1008): 3)
            cancels:          sent 900, done 899, rejected 1
            send lag us:      p50 20.0  p99 20.0  max 20.0
            first reject:     RateLimited (1008): over 5000 messages/s

            """));
    }

    [Test]
    public void WriteJson_ClosedLoop_OneObjectWithTheRejectsByCode()
    {
        using var output = new StringWriter { NewLine = "\n" };

        Report(rate: null).WriteJson(output);

        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("mode").GetString(), Is.EqualTo("closed"));
            Assert.That(root.GetProperty("window").GetInt32(), Is.EqualTo(32));
            Assert.That(root.TryGetProperty("rate", out _), Is.False);
            Assert.That(root.TryGetProperty("send_lag_us", out _), Is.False);
            Assert.That(root.GetProperty("latency_us").GetProperty("p99_9").GetDouble(), Is.EqualTo(999.4));
            Assert.That(root.GetProperty("rejected").GetInt64(), Is.EqualTo(5));
            Assert.That(root.GetProperty("rejects")[1].GetProperty("name").GetString(), Is.EqualTo("RateLimited"));
            Assert.That(root.GetProperty("rejects")[0].GetProperty("code").GetInt32(), Is.EqualTo(15));
            Assert.That(root.GetProperty("messages_received_per_second").GetDouble(), Is.EqualTo(201));
            Assert.That(output.ToString().Count(c => c == '\n'), Is.EqualTo(1));
        });
    }
}
