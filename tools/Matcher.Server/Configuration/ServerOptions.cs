namespace Matcher.Server.Configuration;

/// <summary>
/// Everything <c>matcher serve</c> reads from configuration (section <c>Matcher</c> of
/// <c>appsettings.json</c>, then <c>MATCHER_</c> environment variables, then the command
/// line; later sources win). Defaults give the embedded demo: journal under
/// <c>./data</c>, FIX and HTTP on 127.0.0.1, no external service.
/// </summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Matcher";

    /// <summary>Root of everything the server writes: <c>journal/</c>, <c>snapshots/</c>, <c>fix/</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// A setup file in the <c>matcher sim</c> format (assets, instruments, fee tiers, accounts
    /// with deposits), run as commands on the first start only, when the journal is empty.
    /// Relative paths are taken from the working directory, then from the program's directory.
    /// </summary>
    public string? Setup { get; set; }

    /// <summary>The journal.</summary>
    public JournalSettings Journal { get; set; } = new();

    /// <summary>The inbound and outbound rings.</summary>
    public RingSettings Rings { get; set; } = new();

    /// <summary>The HTTP endpoint: <c>/health</c>, <c>/ready</c>, <c>/metrics</c>.</summary>
    public HttpSettings Http { get; set; } = new();

    /// <summary>The FIX 4.4 acceptor.</summary>
    public FixSettings Fix { get; set; } = new();

    /// <summary>The binary WebSocket gateway at <c>/ws</c>.</summary>
    public WebSocketSettings WebSocket { get; set; } = new();

    /// <summary>The chain gateway: deposits and withdrawals through the escrow contract (off unless enabled).</summary>
    public ChainSettings Chain { get; set; } = new();

    /// <summary>The in-process Postgres projector (off without a connection string).</summary>
    public ProjectionSettings Projection { get; set; } = new();

    /// <summary>How often the timer publishes <c>ExpireOrders</c> (GTD expiry), in milliseconds; 0 = never.</summary>
    public int ExpireOrdersEveryMs { get; set; } = 1000;

    /// <summary>How long a graceful shutdown may take to drain the rings and log sessions out.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 10;

    /// <summary>The checks that binding cannot do; an empty list when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("Matcher:DataDirectory must not be empty");
        }

        if (ExpireOrdersEveryMs < 0)
        {
            errors.Add("Matcher:ExpireOrdersEveryMs must not be negative");
        }

        if (ShutdownTimeoutSeconds <= 0)
        {
            errors.Add("Matcher:ShutdownTimeoutSeconds must be positive");
        }

        Journal.Validate(errors);
        Rings.Validate(errors);
        Fix.Validate(errors);
        WebSocket.Validate(errors);
        Chain.Validate(errors);
        Projection.Validate(errors);
        return errors;
    }
}
