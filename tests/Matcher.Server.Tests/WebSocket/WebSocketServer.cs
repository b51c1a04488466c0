using Matcher.Cli.Serve;
using Matcher.Protocol;
using Matcher.Server.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Server.Tests.WebSocket;

/// <summary>
/// A real server with the demo setup and its HTTP endpoint (the WebSocket gateway at /ws), made before it
/// starts, as <c>matcher serve</c> does; API keys for the demo accounts 1001 (A) and 1002 (B).
/// </summary>
internal sealed class WebSocketServer : IAsyncDisposable
{
    public const int BtcUsd = 1;
    public const string KeyA = "key-a", SecretA = "secret-of-account-a", KeyB = "key-b", SecretB = "secret-of-account-b";

    private WebSocketServer(TempDirectory data, MatcherServer server, HttpEndpoint http)
    {
        Data = data;
        Server = server;
        Http = http;
    }

    public TempDirectory Data { get; }

    public MatcherServer Server { get; }

    public HttpEndpoint Http { get; }

    public static async Task<WebSocketServer> StartAsync(Action<WebSocketSettings>? configure = null)
    {
        var data = new TempDirectory();
        var server = new MatcherServer(Options(data.Path, configure), SetupCommands.Load("demo/setup.json"), NullLoggerFactory.Instance);
        var http = new HttpEndpoint(server, "http://127.0.0.1:0", NullLoggerFactory.Instance);
        server.Start();
        await http.StartAsync();
        return new WebSocketServer(data, server, http);
    }

    /// <summary>A GTC limit order on BTC-USD.</summary>
    public static PlaceOrder Limit(ulong requestId, byte side, long priceTicks, long lots, string clOrdId) => new()
    {
        RequestId = requestId,
        InstrumentId = BtcUsd,
        Side = side,
        OrderType = 1,
        TimeInForce = 1,
        PriceTicks = priceTicks,
        QuantityLots = lots,
        ClOrdId = Chars32.From(clOrdId),
    };

    public async ValueTask DisposeAsync()
    {
        await Http.DisposeAsync();
        await Server.DisposeAsync();
        Data.Dispose();
    }

    private static ServerOptions Options(string data, Action<WebSocketSettings>? configure)
    {
        var ws = new WebSocketSettings
        {
            ApiKeys =
            [
                new ApiKeyConfig { Key = KeyA, Secret = SecretA, AccountId = 1001 },
                new ApiKeyConfig { Key = KeyB, Secret = SecretB, AccountId = 1002 },
            ],
        };
        configure?.Invoke(ws);
        return new ServerOptions
        {
            DataDirectory = data,
            Http = new HttpSettings { Url = "http://127.0.0.1:0" },
            Fix = new FixSettings { Enabled = false },
            WebSocket = ws,
            Journal = new JournalSettings { SnapshotEveryCommands = 0, Durability = Journal.Durability.None },
            ExpireOrdersEveryMs = 0,
        };
    }
}
