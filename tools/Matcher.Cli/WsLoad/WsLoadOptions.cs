using System.Globalization;
using Matcher.Cli.FixLoad;

namespace Matcher.Cli.WsLoad;

/// <summary>The options of <c>matcher ws-load</c>, parsed and checked.</summary>
internal sealed record WsLoadOptions
{
    /// <summary>The demo's keys (appsettings.json): accounts 1001 to 1003.</summary>
    public static readonly IReadOnlyList<WsApiKey> DemoKeys =
    [
        new("demo-key-1001", "demo-secret-1001"),
        new("demo-key-1002", "demo-secret-1002"),
        new("demo-key-1003", "demo-secret-1003"),
    ];

    /// <summary>Options that take a value.</summary>
    public static readonly string[] ValueOptions =
    [
        "--url", "--keys", "--connections", "--symbol", "--price", "--qty", "--levels", "--resting", "--rate", "--window",
        "--duration", "--seconds", "--warmup", "--run-tag",
    ];

    /// <summary>Options that take none.</summary>
    public static readonly string[] FlagOptions = ["--max", "--json"];

    /// <summary>The most connections a run opens (the connection number is part of every ClOrdId).</summary>
    public const int MaxConnections = 1000;

    /// <summary>The gateway's endpoint.</summary>
    public Uri Url { get; init; } = new("ws://127.0.0.1:8080/ws");

    /// <summary>The API keys; connection <c>i</c> (from 0) logs in with key <c>i mod count</c>.</summary>
    public IReadOnlyList<WsApiKey> Keys { get; init; } = DemoKeys;

    /// <summary>Connections, each logged in.</summary>
    public int Connections { get; init; } = 3;

    /// <summary>Open loop: orders a second over all connections, on a fixed schedule. Null in closed-loop mode.</summary>
    public long? RatePerSecond { get; init; }

    /// <summary>Closed loop: orders awaiting their first report per connection.</summary>
    public int Window { get; init; } = 32;

    /// <summary>Seconds measured.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>Seconds of load before the measurement starts (not recorded).</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>Whether the report is one JSON object.</summary>
    public bool Json { get; init; }

    /// <summary>The orders.</summary>
    public required WsOrderFlowSettings Flow { get; init; }

    /// <summary>True in closed-loop (<c>--max</c>) mode.</summary>
    public bool ClosedLoop => RatePerSecond is null;

    /// <summary>The key of connection <paramref name="index"/> (from 0).</summary>
    public WsApiKey KeyOf(int index) => Keys[index % Keys.Count];

    /// <summary>Reads the options; false with a message when they are wrong.</summary>
    public static bool TryCreate(VerbArguments args, out WsLoadOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new WsLoadOptions { Flow = DefaultFlow(FixLoadOptions.DefaultRunTag()) };
        error = null;
        var max = args.Flag("--max");
        if (max == (args.Value("--rate") is not null))
        {
            error = "give exactly one of --rate R (open loop) and --max (closed loop)";
            return false;
        }

        if (!max && args.Value("--window") is not null)
        {
            error = "--window is for --max (closed loop) only";
            return false;
        }

        if (args.Value("--duration") is not null && args.Value("--seconds") is not null)
        {
            error = "--seconds is another name for --duration: give one";
            return false;
        }

        if (!TryUrl(args.Value("--url"), out var url, ref error) || !TryKeys(args.Value("--keys"), out var keys, ref error))
        {
            return false;
        }

        var durationName = args.Value("--seconds") is not null ? "--seconds" : "--duration";
        if (!args.TryInt("--connections", 1, MaxConnections, keys.Count, out var connections, ref error)
            || !args.TryInt("--window", 1, 1 << 16, 32, out var window, ref error)
            || !args.TryInt("--levels", 1, 1_000_000, 5, out var levels, ref error)
            || !args.TryInt("--resting", 0, 1 << 20, 100, out var resting, ref error)
            || !args.TryLong("--rate", 1, 10_000_000, 1, out var rate, ref error)
            || !args.TryDecimal("--price", 100m, out var price, ref error)
            || !args.TryDecimal("--qty", 0.02m, out var quantity, ref error)
            || !args.TrySeconds(durationName, 10, minimum: 0.001, out var seconds, ref error)
            || !args.TrySeconds("--warmup", 2, minimum: 0, out var warmup, ref error))
        {
            return false;
        }

        var flow = new WsOrderFlowSettings(args.Value("--run-tag") ?? FixLoadOptions.DefaultRunTag(), args.Value("--symbol") ?? "BTC-USD",
            price, quantity, levels, resting);
        if (flow.Validate() is { } flowError)
        {
            error = flowError;
            return false;
        }

        options = new WsLoadOptions
        {
            Url = url,
            Keys = keys,
            Connections = connections,
            RatePerSecond = max ? null : rate,
            Window = window,
            Seconds = seconds,
            WarmupSeconds = warmup,
            Json = args.Flag("--json"),
            Flow = flow,
        };
        return true;
    }

    private static WsOrderFlowSettings DefaultFlow(string runTag) => new(runTag, "BTC-USD", 100m, 0.02m, 5, 100);

    private static bool TryUrl(string? text, out Uri url, ref string? error)
    {
        url = new Uri("ws://127.0.0.1:8080/ws");
        if (text is null)
        {
            return true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("ws" or "wss"))
        {
            error = $"--url needs a ws:// or wss:// address such as ws://127.0.0.1:8080/ws, not '{text}'";
            return false;
        }

        url = parsed;
        return true;
    }

    /// <summary><c>key1:secret1,key2:secret2</c>: the secret is everything after the first colon.</summary>
    internal static bool TryKeys(string? text, out IReadOnlyList<WsApiKey> keys, ref string? error)
    {
        keys = DemoKeys;
        if (text is null)
        {
            return true;
        }

        var list = new List<WsApiKey>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? item[..colon] : "";
            if (colon <= 0 || colon == item.Length - 1 || key.Length > 32 || key.Any(c => c is < '!' or > '~'))
            {
                error = "--keys needs key:secret pairs separated by commas (a key is 1 to 32 printable ASCII characters)";
                return false;
            }

            list.Add(new WsApiKey(key, item[(colon + 1)..]));
        }

        keys = list;
        return true;
    }
}
