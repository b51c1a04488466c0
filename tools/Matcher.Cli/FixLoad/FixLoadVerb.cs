using System.Net.Sockets;

namespace Matcher.Cli.FixLoad;

/// <summary>
/// <c>matcher fix-load</c>: drives NewOrderSingles into a FIX 4.4 acceptor over N sessions, open loop at a
/// fixed rate or closed loop with a window per session, and prints the order → first execution report
/// latency percentiles and the rate achieved.
/// </summary>
internal sealed class FixLoadVerb : IVerb
{
    private const string Invocation = "matcher fix-load";

    /// <inheritdoc />
    public string Name => "fix-load";

    /// <inheritdoc />
    public string Summary => "FIX load generator: orders over N sessions, order → ack latency percentiles";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("Usage: matcher fix-load --port N (--rate R | --max [--window W]) [options]");
        output.WriteLine();
        output.WriteLine("Logs N FIX 4.4 sessions on to an acceptor (SenderCompID PREFIX1..PREFIXN), sends GTC limit");
        output.WriteLine("NewOrderSingles for the warm-up and then the measured seconds, and measures each order's");
        output.WriteLine("latency to its first ExecutionReport (any ExecType), matched by ClOrdID.");
        output.WriteLine();
        output.WriteLine("  --rate R   open loop: R orders/s over all sessions on a fixed schedule; latency counts from");
        output.WriteLine("             each order's scheduled time, so a stall is charged for every order it delays");
        output.WriteLine("  --max      closed loop: W orders outstanding per session, the next sent as a report comes;");
        output.WriteLine("             latency counts from the send");
        output.WriteLine();
        output.WriteLine("Orders alternate buy and sell; resting buys sit 1..L ticks below --price and sells as far");
        output.WriteLine("above, so nothing trades unless --cross-percent P prices P% of them through the book.");
        output.WriteLine("After every --cancel-every orders a session sends a mass cancel (35=q, 530=7) so the book");
        output.WriteLine("stays bounded (an ack-only acceptor ignores it). After the run it waits up to 10 s for the");
        output.WriteLine("last reports; orders still without one are 'missing acks'. A load client: no message store,");
        output.WriteLine("no resend (a ResendRequest gets a gap fill).");
        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --host H               acceptor address (127.0.0.1)");
        output.WriteLine("  --port N               acceptor port (required)");
        output.WriteLine("  --sessions N           sessions, one connection each (1)");
        output.WriteLine("  --sender-prefix P      SenderCompID of session i is P<i> (LOAD)");
        output.WriteLine("  --target T             the acceptor's CompID, our TargetCompID (MATCHER)");
        output.WriteLine("  --username-prefix U    Logon Username (553) of session i is U<i> (none)");
        output.WriteLine("  --password P           Logon Password (554) of every session (none)");
        output.WriteLine("  --no-reset             do not send ResetSeqNumFlag=Y on Logon");
        output.WriteLine("  --heartbeat S          HeartBtInt (30)");
        output.WriteLine("  --symbol S             Symbol (BTC-USD)");
        output.WriteLine("  --price X              mid price (100)");
        output.WriteLine("  --tick X               tick size (0.01)");
        output.WriteLine("  --qty X                OrderQty of every order (0.001)");
        output.WriteLine("  --levels L             price levels per side (5)");
        output.WriteLine("  --cross-percent P      percent of orders priced to trade (0)");
        output.WriteLine("  --cancel-every N       a mass cancel after every N orders per session; 0 = never (1000)");
        output.WriteLine("  --rate R | --max       see above; --window W with --max (32)");
        output.WriteLine("  --seconds S            measured seconds (10)");
        output.WriteLine("  --warmup S             seconds of load before measuring (2)");
        output.WriteLine("  --run-tag T            ClOrdID prefix (L + the Unix time in base 36)");
        output.WriteLine("  --json                 print one JSON object instead of lines");
        output.WriteLine("  -h, --help             this help");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 every order was acknowledged; 1 some acks are missing; 2 bad options, or a");
        output.WriteLine("session could not connect or log on.");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (!VerbArguments.TryParse(args, FixLoadOptions.ValueOptions, FixLoadOptions.FlagOptions, out var parsed, out var error))
        {
            streams.Error.WriteLine($"{Invocation}: {error}");
            return ExitCodes.Usage;
        }

        if (parsed.Help)
        {
            WriteHelp(streams.Out);
            return ExitCodes.Success;
        }

        if (!FixLoadOptions.TryCreate(parsed, out var options, out error))
        {
            streams.Error.WriteLine($"{Invocation}: {error}");
            return ExitCodes.Usage;
        }

        LoadReport report;
        try
        {
            report = LoadRunner.RunAsync(options, streams.Error, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is FixSessionException or SocketException or TimeoutException or IOException)
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
