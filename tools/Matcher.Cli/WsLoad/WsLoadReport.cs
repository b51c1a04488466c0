using System.Globalization;
using System.Text;
using System.Text.Json;
using Matcher.Metrics;

namespace Matcher.Cli.WsLoad;

/// <summary>What a <c>matcher ws-load</c> run measured, and how it is printed (text lines or one JSON object).</summary>
internal sealed record WsLoadReport
{
    private const int NameWidth = 18;

    /// <summary>The gateway's URL.</summary>
    public required string Target { get; init; }

    /// <summary>Connections that ran.</summary>
    public required int Connections { get; init; }

    /// <summary>The instrument, e.g. "BTC-USD (1)".</summary>
    public required string Instrument { get; init; }

    /// <summary>Open loop: the scheduled orders a second; null in closed loop.</summary>
    public long? RatePerSecond { get; init; }

    /// <summary>Closed loop: orders outstanding per connection; null in open loop.</summary>
    public int? Window { get; init; }

    /// <summary>Seconds measured.</summary>
    public required double Seconds { get; init; }

    /// <summary>Seconds of warm-up before them.</summary>
    public required double WarmupSeconds { get; init; }

    /// <summary>Orders sent (open loop: scheduled) in the measured seconds.</summary>
    public required long OrdersSent { get; init; }

    /// <summary>Of those, how many got an answer.</summary>
    public required long Answered { get; init; }

    /// <summary>First answers that arrived during the measured seconds, per second.</summary>
    public required double AnsweredPerSecond { get; init; }

    /// <summary>Messages handed to the sockets during the measured seconds, per second (orders and cancels).</summary>
    public required double MessagesSentPerSecond { get; init; }

    /// <summary>Messages received during the measured seconds, per second (every template).</summary>
    public required double MessagesReceivedPerSecond { get; init; }

    /// <summary>PlaceOrder → its first ExecutionReport, in nanoseconds, for the orders due in the measured seconds.</summary>
    public required LatencyHistogram LatencyNs { get; init; }

    /// <summary>Orders (warm-up included) whose first report was not a rejection.</summary>
    public required long Acks { get; init; }

    /// <summary>Orders (warm-up included) that never got an answer, after waiting for stragglers (unsent ones included).</summary>
    public required long MissingAcks { get; init; }

    /// <summary>Orders sent, warm-up included.</summary>
    public required long TotalOrders { get; init; }

    /// <summary>Orders refused, by reject code (the core's or the gateway's).</summary>
    public required IReadOnlyDictionary<ushort, long> RejectsByCode { get; init; }

    /// <summary>Cancels sent.</summary>
    public long CancelsSent { get; init; }

    /// <summary>Cancel reports received.</summary>
    public long CancelsDone { get; init; }

    /// <summary>Cancels refused.</summary>
    public long CancelRejects { get; init; }

    /// <summary>Open loop: scheduled time → the order handed to the socket, in nanoseconds: the generator's own part of the latency.</summary>
    public LatencyHistogram? SendLagNs { get; init; }

    /// <summary>The first rejection's text.</summary>
    public string? FirstRejectText { get; init; }

    /// <summary>Connections that ended before the run did, and the first one's reason.</summary>
    public int Disconnected { get; init; }

    /// <summary>Why the first connection that ended early ended.</summary>
    public string? FirstDisconnect { get; init; }

    /// <summary>All rejected orders.</summary>
    public long Rejected => RejectsByCode.Values.Sum();

    /// <summary>"open loop, 10000 orders/s" or "closed loop, 32 outstanding per connection".</summary>
    public string Mode => RatePerSecond is { } rate
        ? string.Create(CultureInfo.InvariantCulture, $"open loop, {rate} orders/s on a fixed schedule (latency from the scheduled time)")
        : string.Create(CultureInfo.InvariantCulture, $"closed loop, {Window} outstanding per connection (latency from the send)");

    /// <summary>Writes one "name: value" line per figure.</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var l = LatencyNs;
        Field(output, "target", Target);
        Field(output, "mode", Mode);
        Field(output, "connections", Number(Connections));
        Field(output, "instrument", Instrument);
        Field(output, "seconds", string.Create(CultureInfo.InvariantCulture, $"{Seconds:0.###} (after {WarmupSeconds:0.###} of warm-up)"));
        Field(output, "orders sent", Number(OrdersSent));
        Field(output, "answered", Number(Answered));
        Field(output, "orders/s", AnsweredPerSecond.ToString("F0", CultureInfo.InvariantCulture));
        Field(output, "messages/s", string.Create(CultureInfo.InvariantCulture,
            $"sent {MessagesSentPerSecond:F0}, received {MessagesReceivedPerSecond:F0}"));
        Field(output, "latency us", string.Create(CultureInfo.InvariantCulture,
            $"p50 {Micros(l.ValueAtPercentile(50))}  p90 {Micros(l.ValueAtPercentile(90))}  p99 {Micros(l.ValueAtPercentile(99))}  p99.9 {Micros(l.ValueAtPercentile(99.9))}  max {Micros(l.Max)}  mean {Micros(l.Mean)}"));
        Field(output, "acks", Number(Acks));
        Field(output, "missing acks", Number(MissingAcks));
        Field(output, "total orders", Number(TotalOrders));
        Field(output, "rejected", RejectsByCode.Count == 0
            ? "0"
            : string.Create(CultureInfo.InvariantCulture, $"{Rejected} ({string.Join(", ", RejectsByCode.OrderBy(p => p.Key).Select(p => $"{CodeNames.Of(p.Key)}: {p.Value}"))})"));
        Field(output, "cancels", string.Create(CultureInfo.InvariantCulture, $"sent {CancelsSent}, done {CancelsDone}, rejected {CancelRejects}"));
        if (SendLagNs is { } lag)
        {
            Field(output, "send lag us", string.Create(CultureInfo.InvariantCulture,
                $"p50 {Micros(lag.ValueAtPercentile(50))}  p99 {Micros(lag.ValueAtPercentile(99))}  max {Micros(lag.Max)}"));
        }

        if (FirstRejectText is not null)
        {
            Field(output, "first reject", FirstRejectText);
        }

        if (Disconnected > 0)
        {
            Field(output, "disconnected", string.Create(CultureInfo.InvariantCulture, $"{Disconnected}: {FirstDisconnect}"));
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

            w.WriteNumber("connections", Connections);
            w.WriteString("instrument", Instrument);
            w.WriteNumber("seconds", Seconds);
            w.WriteNumber("warmup_seconds", WarmupSeconds);
            w.WriteNumber("orders_sent", OrdersSent);
            w.WriteNumber("answered", Answered);
            w.WriteNumber("orders_per_second", Math.Round(AnsweredPerSecond, 1));
            w.WriteNumber("messages_sent_per_second", Math.Round(MessagesSentPerSecond, 1));
            w.WriteNumber("messages_received_per_second", Math.Round(MessagesReceivedPerSecond, 1));
            w.WriteStartObject("latency_us");
            w.WriteNumber("p50", MicrosValue(LatencyNs.ValueAtPercentile(50)));
            w.WriteNumber("p90", MicrosValue(LatencyNs.ValueAtPercentile(90)));
            w.WriteNumber("p99", MicrosValue(LatencyNs.ValueAtPercentile(99)));
            w.WriteNumber("p99_9", MicrosValue(LatencyNs.ValueAtPercentile(99.9)));
            w.WriteNumber("max", MicrosValue(LatencyNs.Max));
            w.WriteNumber("mean", MicrosValue(LatencyNs.Mean));
            w.WriteEndObject();
            w.WriteNumber("acks", Acks);
            w.WriteNumber("missing_acks", MissingAcks);
            w.WriteNumber("total_orders", TotalOrders);
            w.WriteNumber("rejected", Rejected);
            w.WriteStartArray("rejects");
            foreach (var (code, count) in RejectsByCode.OrderBy(p => p.Key))
            {
                w.WriteStartObject();
                w.WriteNumber("code", code);
                w.WriteString("name", CodeNames.NameOf(code));
                w.WriteNumber("count", count);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("cancels_sent", CancelsSent);
            w.WriteNumber("cancels_done", CancelsDone);
            w.WriteNumber("cancel_rejects", CancelRejects);
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

            w.WriteNumber("disconnected", Disconnected);
            if (FirstDisconnect is not null)
            {
                w.WriteString("first_disconnect", FirstDisconnect);
            }

            w.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static string Micros(double nanoseconds) => MicrosValue(nanoseconds).ToString("0.0", CultureInfo.InvariantCulture);

    private static double MicrosValue(double nanoseconds) => Math.Round(nanoseconds / 1000, 1);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Field(TextWriter output, string name, string value) =>
        output.WriteLine((name + ":").PadRight(NameWidth) + value);
}
