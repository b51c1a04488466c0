using System.Globalization;

namespace Matcher.Cli.FixLoad;

/// <summary>The options of <c>matcher fix-load</c>, parsed and checked.</summary>
internal sealed record FixLoadOptions
{
    /// <summary>Options that take a value.</summary>
    public static readonly string[] ValueOptions =
    [
        "--host", "--port", "--sessions", "--sender-prefix", "--target", "--username-prefix", "--password", "--symbol",
        "--price", "--tick", "--qty", "--levels", "--cross-percent", "--cancel-every", "--rate", "--window", "--seconds",
        "--warmup", "--heartbeat", "--run-tag",
    ];

    /// <summary>Options that take none.</summary>
    public static readonly string[] FlagOptions = ["--max", "--json", "--no-reset"];

    /// <summary>The acceptor's address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The acceptor's port.</summary>
    public int Port { get; init; }

    /// <summary>FIX sessions, each on its own connection.</summary>
    public int Sessions { get; init; } = 1;

    /// <summary>Session <c>i</c> (from 1) logs on as SenderCompID prefix + i.</summary>
    public string SenderPrefix { get; init; } = "LOAD";

    /// <summary>The acceptor's SenderCompID.</summary>
    public string Target { get; init; } = "MATCHER";

    /// <summary>Session <c>i</c> sends Username prefix + i, when set.</summary>
    public string? UsernamePrefix { get; init; }

    /// <summary>Password (554) of every session, when set.</summary>
    public string? Password { get; init; }

    /// <summary>Open loop: orders a second over all sessions, on a fixed schedule. Null in closed-loop mode.</summary>
    public long? RatePerSecond { get; init; }

    /// <summary>Closed loop: orders outstanding per session.</summary>
    public int Window { get; init; } = 32;

    /// <summary>Seconds measured.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>Seconds of load before the measurement starts (not recorded).</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>HeartBtInt (108).</summary>
    public int HeartbeatSeconds { get; init; } = 30;

    /// <summary>Whether Logon carries ResetSeqNumFlag=Y.</summary>
    public bool ResetSequenceNumbers { get; init; } = true;

    /// <summary>Whether the report is one JSON object.</summary>
    public bool Json { get; init; }

    /// <summary>The orders.</summary>
    public required OrderFlowSettings Flow { get; init; }

    /// <summary>True in closed-loop (<c>--max</c>) mode.</summary>
    public bool ClosedLoop => RatePerSecond is null;

    /// <summary>Reads the options; false with a message when they are wrong.</summary>
    public static bool TryCreate(VerbArguments args, out FixLoadOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new FixLoadOptions { Flow = DefaultFlow(DefaultRunTag()) };
        error = null;
        if (args.Value("--port") is null)
        {
            error = "--port is required";
            return false;
        }

        var max = args.Flag("--max");
        var rateText = args.Value("--rate");
        if (max == (rateText is not null))
        {
            error = "give exactly one of --rate R (open loop) and --max (closed loop)";
            return false;
        }

        if (!max && args.Value("--window") is not null)
        {
            error = "--window is for --max (closed loop) only";
            return false;
        }

        if (!args.TryInt("--port", 1, 65535, 0, out var port, ref error)
            || !args.TryInt("--sessions", 1, 10_000, 1, out var sessions, ref error)
            || !args.TryInt("--window", 1, 1 << 20, 32, out var window, ref error)
            || !args.TryInt("--levels", 1, 1_000_000, 5, out var levels, ref error)
            || !args.TryInt("--cross-percent", 0, 100, 0, out var crossPercent, ref error)
            || !args.TryInt("--cancel-every", 0, int.MaxValue, 1000, out var cancelEvery, ref error)
            || !args.TryInt("--heartbeat", 1, 3600, 30, out var heartbeat, ref error)
            || !args.TryLong("--rate", 1, 100_000_000, 1, out var rate, ref error)
            || !args.TryDecimal("--price", 100m, out var price, ref error)
            || !args.TryDecimal("--tick", 0.01m, out var tick, ref error)
            || !args.TryDecimal("--qty", 0.001m, out var quantity, ref error)
            || !args.TrySeconds("--seconds", 10, minimum: 0.001, out var seconds, ref error)
            || !args.TrySeconds("--warmup", 2, minimum: 0, out var warmup, ref error))
        {
            return false;
        }

        var flow = new OrderFlowSettings(args.Value("--run-tag") ?? DefaultRunTag(), args.Value("--symbol") ?? "BTC-USD",
            price, tick, quantity, levels, crossPercent, cancelEvery);
        if (flow.Validate() is { } flowError)
        {
            error = flowError;
            return false;
        }

        var senderPrefix = args.Value("--sender-prefix") ?? "LOAD";
        var target = args.Value("--target") ?? "MATCHER";
        if (!IsCompId(senderPrefix) || !IsCompId(target))
        {
            error = "--sender-prefix and --target must be printable ASCII without '='";
            return false;
        }

        options = new FixLoadOptions
        {
            Host = args.Value("--host") ?? "127.0.0.1",
            Port = port,
            Sessions = sessions,
            SenderPrefix = senderPrefix,
            Target = target,
            UsernamePrefix = args.Value("--username-prefix"),
            Password = args.Value("--password"),
            RatePerSecond = max ? null : rate,
            Window = window,
            Seconds = seconds,
            WarmupSeconds = warmup,
            HeartbeatSeconds = heartbeat,
            ResetSequenceNumbers = !args.Flag("--no-reset"),
            Json = args.Flag("--json"),
            Flow = flow,
        };
        return true;
    }

    /// <summary>The client options of session <paramref name="number"/> (from 1).</summary>
    public FixClientOptions ClientOptions(int number) => new(SenderPrefix + number.ToString(CultureInfo.InvariantCulture), Target)
    {
        HeartbeatSeconds = HeartbeatSeconds,
        Username = UsernamePrefix is null ? null : UsernamePrefix + number.ToString(CultureInfo.InvariantCulture),
        Password = Password,
        ResetSequenceNumbers = ResetSequenceNumbers,
    };

    /// <summary>
    /// A run tag from the clock: <c>L</c> and the Unix time in seconds in base 36, so that the ClOrdIDs of two
    /// runs against the same server (more than a second apart) never collide.
    /// </summary>
    public static string DefaultRunTag()
    {
        var value = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        Span<char> text = stackalloc char[8];
        var length = 0;
        do
        {
            text[length++] = Digits[(int)(value % 36)];
            value /= 36;
        }
        while (value > 0);

        text[..length].Reverse();
        return "L" + new string(text[..length]);
    }

    private static OrderFlowSettings DefaultFlow(string runTag) => new(runTag, "BTC-USD", 100m, 0.01m, 0.001m, 5, 0, 1000);

    private static bool IsCompId(string value) =>
        value.Length > 0 && value.All(c => char.IsAscii(c) && !char.IsControl(c) && c != '=');
}
