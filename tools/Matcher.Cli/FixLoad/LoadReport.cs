using System.Globalization;
using System.Text;
using System.Text.Json;
using Matcher.Metrics;

namespace Matcher.Cli.FixLoad;

/// <summary>What a <c>matcher fix-load</c> run measured, and how it is printed (text lines or one JSON object).</summary>
internal sealed record LoadReport
{
    private const int NameWidth = 18;

    /// <summary>host:port and the acceptor's CompID.</summary>
    public required string Target { get; init; }

    /// <summary>Sessions that ran.</summary>
    public required int Sessions { get; init; }

    /// <summary>Open loop: the scheduled orders a second; null in closed loop.</summary>
    public long? RatePerSecond { get; init; }

    /// <summary>Closed loop: orders outstanding per session; null in open loop.</summary>
    public int? Window { get; init; }

    /// <summary>Seconds measured.</summary>
    public required double Seconds { get; init; }

    /// <summary>Seconds of warm-up before them.</summary>
    public required double WarmupSeconds { get; init; }

    /// <summary>Orders sent (open loop: scheduled) in the measured seconds.</summary>
    public required long OrdersSent { get; init; }

    /// <summary>Of those, how many got an execution report.</summary>
    public required long Acks { get; init; }

    /// <summary>First execution reports that arrived during the measured seconds, per second.</summary>
    public required double AcksPerSecond { get; init; }

    /// <summary>Order → first execution report, in nanoseconds, for the orders sent in the measured seconds.</summary>
    public required LatencyHistogram LatencyNs { get; init; }

    /// <summary>Orders (warm-up included) that never got an execution report, after waiting for stragglers.</summary>
    public required long MissingAcks { get; init; }

    /// <summary>Orders sent, warm-up included.</summary>
    public required long TotalOrders { get; init; }

    /// <summary>First execution reports that were rejections (150=8).</summary>
    public long Rejected { get; init; }

    /// <summary>Session-level Rejects (35=3) received.</summary>
    public long SessionRejects { get; init; }

    /// <summary>BusinessMessageRejects (35=j) received.</summary>
    public long BusinessRejects { get; init; }

    /// <summary>Mass cancels (35=q) sent.</summary>
    public long MassCancels { get; init; }

    /// <summary>Messages missing from the acceptors' numbering.</summary>
    public long SequenceGaps { get; init; }

    /// <summary>
    /// Open loop: how late each measured order left (scheduled time → end of the flush that sent it), in
    /// nanoseconds: the generator's own part of the latency. Null in closed loop.
    /// </summary>
    public LatencyHistogram? SendLagNs { get; init; }

    /// <summary>The text of the first rejection of any kind, to say why.</summary>
    public string? FirstRejectText { get; init; }

    /// <summary>"open loop, 10000 orders/s" or "closed loop, 32 outstanding per session".</summary>
    public string Mode => RatePerSecond is { } rate
        ? string.Create(CultureInfo.InvariantCulture, $"open loop, {rate} orders/s on a fixed schedule (latency from the scheduled time)")
        : string.Create(CultureInfo.InvariantCulture, $"closed loop, {Window} outstanding per session (latency from the send)");

    /// <summary>Writes one "name: value" line per figure.</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var l = LatencyNs;
        Field(output, "target", Target);
        Field(output, "mode", Mode);
        Field(output, "sessions", Number(Sessions));
        Field(output, "seconds", string.Create(CultureInfo.InvariantCulture, $"{Seconds:0.###} (after {WarmupSeconds:0.###} of warm-up)"));
        Field(output, "orders sent", Number(OrdersSent));
        Field(output, "acks", Number(Acks));
        Field(output, "orders/s", AcksPerSecond.ToString("F0", CultureInfo.InvariantCulture));
        Field(output, "latency us", string.Create(CultureInfo.InvariantCulture,
            $"p50 {Micros(l.ValueAtPercentile(50))}  p90 {Micros(l.ValueAtPercentile(90))}  p99 {Micros(l.ValueAtPercentile(99))}  p99.9 {Micros(l.ValueAtPercentile(99.9))}  max {Micros(l.Max)}  mean {Micros(l.Mean)}"));
        Field(output, "missing acks", Number(MissingAcks));
        Field(output, "total orders", Number(TotalOrders));
        Field(output, "rejected", string.Create(CultureInfo.InvariantCulture,
            $"{Rejected} (session rejects {SessionRejects}, business rejects {BusinessRejects})"));
        Field(output, "mass cancels", Number(MassCancels));
        Field(output, "sequence gaps", Number(SequenceGaps));
        if (SendLagNs is { } lag)
        {
            Field(output, "send lag us", string.Create(CultureInfo.InvariantCulture,
                $"p50 {Micros(lag.ValueAtPercentile(50))}  p99 {Micros(lag.ValueAtPercentile(99))}  max {Micros(lag.Max)}"));
        }

        if (FirstRejectText is not null)
        {
            Field(output, "first reject", FirstRejectText);
        }
    }

    /// <summary>Writes one JSON object on one line (latencies in microseconds).</summary>
    public void WriteJson(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("target", Target);
            w.WriteString("mode", RatePerSecond is null ? "closed" : "open");
            if (RatePerSecond is { } rate)
            {
                w.WriteNumber("rate", rate);
            }

            if (Window is { } window)
            {
                w.WriteNumber("window", window);
            }

            w.WriteNumber("sessions", Sessions);
            w.WriteNumber("seconds", Seconds);
            w.WriteNumber("warmup_seconds", WarmupSeconds);
            w.WriteNumber("orders_sent", OrdersSent);
            w.WriteNumber("acks", Acks);
            w.WriteNumber("orders_per_second", Math.Round(AcksPerSecond, 1));
            w.WriteStartObject("latency_us");
            w.WriteNumber("p50", MicrosValue(LatencyNs.ValueAtPercentile(50)));
            w.WriteNumber("p90", MicrosValue(LatencyNs.ValueAtPercentile(90)));
            w.WriteNumber("p99", MicrosValue(LatencyNs.ValueAtPercentile(99)));
            w.WriteNumber("p99_9", MicrosValue(LatencyNs.ValueAtPercentile(99.9)));
            w.WriteNumber("max", MicrosValue(LatencyNs.Max));
            w.WriteNumber("mean", MicrosValue(LatencyNs.Mean));
            w.WriteEndObject();
            w.WriteNumber("missing_acks", MissingAcks);
            w.WriteNumber("total_orders", TotalOrders);
            w.WriteNumber("rejected", Rejected);
            w.WriteNumber("session_rejects", SessionRejects);
            w.WriteNumber("business_rejects", BusinessRejects);
            w.WriteNumber("mass_cancels", MassCancels);
            w.WriteNumber("sequence_gaps", SequenceGaps);
            if (SendLagNs is { } lag)
            {
                w.WriteStartObject("send_lag_us");
                w.WriteNumber("p50", MicrosValue(lag.ValueAtPercentile(50)));
                w.WriteNumber("p99", MicrosValue(lag.ValueAtPercentile(99)));
                w.WriteNumber("max", MicrosValue(lag.Max));
                w.WriteEndObject();
            }

            if (FirstRejectText is not null)
            {
                w.WriteString("first_reject", FirstRejectText);
            }

            w.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Nanoseconds as microseconds with one decimal: 12345 → "12.3".</summary>
    internal static string Micros(double nanoseconds) => MicrosValue(nanoseconds).ToString("0.0", CultureInfo.InvariantCulture);

    private static double MicrosValue(double nanoseconds) => Math.Round(nanoseconds / 1000, 1);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Field(TextWriter output, string name, string value) =>
        output.WriteLine((name + ":").PadRight(NameWidth) + value);
}
