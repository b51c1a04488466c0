using System.Net.WebSockets;
using Matcher.Client;

namespace Matcher.Cli.WsLoad;

/// <summary>
/// <c>matcher ws-load</c>: drives PlaceOrders (and cancels) into the binary WebSocket gateway over N logged-in
/// connections, open loop at a fixed rate or closed loop with a window per connection, and prints the
/// PlaceOrder → ExecutionReport latency percentiles and the rates achieved.
/// </summary>
internal sealed class WsLoadVerb : IVerb
{
    private const string Invocation = "matcher ws-load";

    /// <inheritdoc />
    public string Name => "ws-load";

    /// <inheritdoc />
    public string Summary => "WebSocket load generator: orders over N connections, order → report latency percentiles";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("Usage: matcher ws-load (--rate R | --max [--window W]) [options]");
        output.WriteLine();
        output.WriteLine("Opens N WebSocket connections to the gateway (docs/WEBSOCKET.md), logs each in with an API key,");
        output.WriteLine("looks the instrument up in the InstrumentList, sends GTC limit PlaceOrders for the warm-up and");
        output.WriteLine("then the measured seconds, and measures each order's latency to its first ExecutionReport,");
        output.WriteLine("matched by request id.");
        output.WriteLine();
        output.WriteLine("  --rate R   open loop: R orders/s over all connections on a fixed schedule; latency counts from");
        output.WriteLine("             each order's scheduled time, so a stall is charged for every order it delays");
        output.WriteLine("  --max      closed loop: W orders awaiting their report per connection, the next sent as a report");
        output.WriteLine("             comes; latency counts from the send");
        output.WriteLine();
        output.WriteLine("Orders alternate buy and sell; buys rest 1..L ticks below --price and sells as far above, so");
        output.WriteLine("nothing trades. After order k a connection cancels its order k-N (--resting N, by ClOrdId), so");
        output.WriteLine("the book and the locked balances stay bounded: with cancels the messages sent are twice the");
        output.WriteLine("orders, which counts against the server's per-connection rate limit. After the run it waits");
        output.WriteLine("up to 10 s for the last reports; orders still without one are 'missing acks'. Closing the");
        output.WriteLine("connections cancels what still rests (cancel-on-disconnect).");
        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --url U                the gateway (ws://127.0.0.1:8080/ws)");
        output.WriteLine("  --keys K:S,K:S,...     API keys and secrets, one per connection, reused in turn when there are");
        output.WriteLine("                         more connections (the demo's demo-key-1001..1003)");
        output.WriteLine("  --connections N        connections (one per key)");
        output.WriteLine("  --symbol S             the instrument (BTC-USD)");
        output.WriteLine("  --price X              mid price (100)");
        output.WriteLine("  --qty X                quantity of every order (0.02)");
        output.WriteLine("  --levels L             price levels per side (5)");
        output.WriteLine("  --resting N            orders resting per connection before the oldest is cancelled; 0 = never (100)");
        output.WriteLine("  --rate R | --max       see above; --window W with --max (32)");
        output.WriteLine("  --duration S           measured seconds (10); --seconds is the same");
        output.WriteLine("  --warmup S             seconds of load before measuring (2)");
        output.WriteLine("  --run-tag T            ClOrdId prefix (L + the Unix time in base 36)");
        output.WriteLine("  --json                 print one JSON object instead of lines");
        output.WriteLine("  -h, --help             this help");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 every order was answered; 1 some acks are missing; 2 bad options, or a");
        output.WriteLine("connection could not connect or log in, or the instrument is missing.");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (!VerbArguments.TryParse(args, WsLoadOptions.ValueOptions, WsLoadOptions.FlagOptions, out var parsed, out var error))
        {
            streams.Error.WriteLine($"{Invocation}: {error}");
            return ExitCodes.Usage;
        }

        if (parsed.Help)
        {
            WriteHelp(streams.Out);
            return ExitCodes.Success;
        }

        if (!WsLoadOptions.TryCreate(parsed, out var options, out error))
        {
            streams.Error.WriteLine($"{Invocation}: {error}");
            return ExitCodes.Usage;
        }

        WsLoadReport report;
        try
        {
            report = WsLoadRunner.RunAsync(options, streams.Error, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MatcherClientException or WsLoadException or WebSocketException or TimeoutException or IOException)
        {
            streams.Error.WriteLine($"{Invocation}: {e.Message}");
            return ExitCodes.Usage;
        }

        if (options.Json)
        {
            report.WriteJson(streams.Out);
        }
        else
        {
            report.WriteText(streams.Out);
        }

        return report.MissingAcks == 0 ? ExitCodes.Success : ExitCodes.InputErrors;
    }
}
