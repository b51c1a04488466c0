using System.Text.Json;
using Matcher.Cli.FixLoad;
using Matcher.Metrics;

namespace Matcher.Cli.Tests.FixLoad;

public sealed class LoadReportTests
{
    private static LoadReport Report(long? rate = 10_000, string? firstReject = null)
    {
        var latency = new LatencyHistogram(LoadSession.HighestLatencyNs);
        for (var i = 1; i <= 1000; i++)
        {
            latency.Record(i * 1_000L); // 1 to 1000 µs: percentiles are the top of their sub-bucket, 3 digits
        }

        var lag = new LatencyHistogram(LoadSession.HighestLatencyNs);
        lag.Record(20_000);
        return new LoadReport
        {
            Target = "127.0.0.1:9878 (MATCHER)",
            Sessions = 4,
            RatePerSecond = rate,
            Window = rate is null ? 32 : null,
            Seconds = 10,
            WarmupSeconds = 2,
            OrdersSent = 1000,
            Acks = 1000,
            AcksPerSecond = 100,
            LatencyNs = latency,
            MissingAcks = 0,
            TotalOrders = 1200,
            Rejected = 3,
            SessionRejects = 1,
            BusinessRejects = 2,
            MassCancels = 1,
            SequenceGaps = 0,
            SendLagNs = rate is null ? null : lag,
            FirstRejectText = firstReject,
        };
    }

    [Test]
    public void WriteText_OpenLoop_OneAlignedLinePerFigure()
    {
        using var output = new StringWriter { NewLine = "\n" };

        Report().WriteText(output);

        Assert.That(output.ToString(), Is.EqualTo("""
            target:           127.0.0.1:9878 (MATCHER)
            mode:             open loop, 10000 orders/s on a fixed schedule (latency from the scheduled time)
            sessions:         4
            seconds:          10 (after 2 of warm-up)
            orders sent:      1000
            acks:             1000
            orders/s:         100
            latency us:       p50 500.2  p90 900.1  p99 990.2  p99.9 999.4  max 1000.0  mean 500.5
            missing acks:     0
            total orders:     1200
            rejected:         3 (session rejects 1, business rejects 2)
            mass cancels:     1
            sequence gaps:    0
            send lag us:      p50 20.0  p99 20.0  max 20.0

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void WriteText_ClosedLoopWithAReject_SaysTheWindowAndTheReason()
    {
        using var output = new StringWriter { NewLine = "\n" };

        Report(rate: null, firstReject: "35=8: Insufficient balance").WriteText(output);

        var text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("mode:             closed loop, 32 outstanding per session (latency from the send)\n"));
            Assert.That(text, Does.Contain("first reject:     35=8: Insufficient balance\n"));
            Assert.That(text, Does.Not.Contain("send lag"));
        });
    }

    [Test]
    public void WriteJson_OpenLoop_OneObjectOnOneLineWithMicroseconds()
    {
        using var output = new StringWriter { NewLine = "\n" };

        Report().WriteJson(output);

        var text = output.ToString();
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var latency = root.GetProperty("latency_us");
        Assert.Multiple(() =>
        {
            Assert.That(text.TrimEnd('\n'), Does.Not.Contain('\n'));
            Assert.That(root.GetProperty("mode").GetString(), Is.EqualTo("open"));
            Assert.That(root.GetProperty("rate").GetInt64(), Is.EqualTo(10_000));
            Assert.That(root.TryGetProperty("window", out _), Is.False);
            Assert.That(root.GetProperty("sessions").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("orders_sent").GetInt64(), Is.EqualTo(1000));
            Assert.That(root.GetProperty("acks").GetInt64(), Is.EqualTo(1000));
            Assert.That(root.GetProperty("orders_per_second").GetDouble(), Is.EqualTo(100));
            Assert.That(latency.GetProperty("p50").GetDouble(), Is.EqualTo(500.2).Within(1e-9));
            Assert.That(latency.GetProperty("p99").GetDouble(), Is.EqualTo(990.2).Within(1e-9));
            Assert.That(latency.GetProperty("p99_9").GetDouble(), Is.EqualTo(999.4).Within(1e-9));
            Assert.That(latency.GetProperty("max").GetDouble(), Is.EqualTo(1000.0));
            Assert.That(root.GetProperty("missing_acks").GetInt64(), Is.Zero);
            Assert.That(root.GetProperty("send_lag_us").GetProperty("max").GetDouble(), Is.EqualTo(20.0));
        });
    }

    [Test]
    public void WriteJson_ClosedLoop_HasTheWindowAndNoRate()
    {
        using var output = new StringWriter { NewLine = "\n" };

        Report(rate: null).WriteJson(output);

        using var document = JsonDocument.Parse(output.ToString());
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("mode").GetString(), Is.EqualTo("closed"));
            Assert.That(root.GetProperty("window").GetInt32(), Is.EqualTo(32));
            Assert.That(root.TryGetProperty("rate", out _), Is.False);
            Assert.That(root.TryGetProperty("send_lag_us", out _), Is.False);
        });
    }

    [TestCase(0, "0.0")]
    [TestCase(12_345, "12.3")]
    [TestCase(12_360, "12.4")]
    [TestCase(1_000_000_000, "1000000.0")]
    public void Micros_Nanoseconds_OneDecimalOfMicroseconds(double nanoseconds, string expected)
    {
        Assert.That(LoadReport.Micros(nanoseconds), Is.EqualTo(expected));
    }
}
