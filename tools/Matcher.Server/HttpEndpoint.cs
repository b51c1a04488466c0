using Matcher.Core.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Matcher.Server;

/// <summary>
/// Kestrel serving, for one <see cref="MatcherServer"/>: <c>/health</c> (the process works:
/// 200, or 503 with the fault), <c>/ready</c> (it accepts commands: 200, or 503 while
/// starting or stopping), <c>/metrics</c> (Prometheus text), <c>/ws</c> (the binary
/// WebSocket gateway, docs/WEBSOCKET.md) and the live order-book page at <c>/</c>.
/// </summary>
public sealed class HttpEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _started;

    /// <summary>An endpoint for <paramref name="server"/> at <paramref name="url"/> (port 0 picks a free one).</summary>
    public HttpEndpoint(MatcherServer server, string url, ILoggerFactory loggers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.UseUrls(url);
        _app = builder.Build();
        _app.MapGet("/health", () => server.Fault is { } fault
            ? Results.Text($"unhealthy: {fault.GetType().Name}: {fault.Message}\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("healthy\n"));
        _app.MapGet("/ready", () => server.IsReady
            ? Results.Text("ready\n")
            : Results.Text("not ready\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        _app.MapGet("/metrics", () => Results.Text(server.WriteMetrics(), PrometheusText.ContentType));
        if (server.Options.WebSocket.Enabled)
        {
            // The gateway exists once the server has started; the endpoint may be made before.
            var allowedOrigins = server.Options.WebSocket.AllowedOrigins.Select(NormalizeOrigin).ToHashSet(StringComparer.OrdinalIgnoreCase);
            _app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
            _app.Map("/ws", context => AcceptAsync(context, server, allowedOrigins));
        }

        if (server.Options.Chain.Enabled)
        {
            MapChainAdmin(server);
        }

        MapAccountAdmin(server);
        MapInstrumentAdmin(server);

        ServePage(server, loggers.CreateLogger("Matcher.Server"));
    }

    /// <summary>
    /// The account kill switch, limits and market-maker protection, as core commands:
    /// <c>POST /admin/accounts/{id}/halt</c> (cancel every open order, refuse new ones), <c>/release</c>,
    /// <c>/limits?maxOpenOrders=&amp;maxOrderLots=&amp;maxOrderNotional=</c> (0 or absent: none),
    /// <c>/mmp?windowMs=&amp;maxLots=&amp;maxFills=</c> (pull every quote when the quote fills in the
    /// window exceed either limit; 0 or absent: none) and <c>/mmp-reset</c> (quote again after a trip).
    /// Answered 202 once the command is in the ring; the core's events tell the outcome. Not
    /// taken from browsers (an Origin header); keep the endpoint on loopback.
    /// </summary>
    private void MapAccountAdmin(MatcherServer server)
    {
        _app.MapPost("/admin/accounts/{account:long}/{action}", (HttpRequest request, long account, string action,
            int? maxOpenOrders, long? maxOrderLots, long? maxOrderNotional, long? windowMs, long? maxLots, int? maxFills) =>
        {
            var command = action switch
            {
                "halt" => new Command { Type = CommandType.SetAccountStatus, AccountId = account, InstrumentStatus = Core.Reference.InstrumentStatus.Halted },
                "release" => new Command { Type = CommandType.SetAccountStatus, AccountId = account, InstrumentStatus = Core.Reference.InstrumentStatus.Trading },
                "limits" => new Command
                {
                    Type = CommandType.SetAccountLimits,
                    AccountId = account,
                    MaxOpenOrders = maxOpenOrders ?? 0,
                    QuantityLots = maxOrderLots ?? 0,
                    Amount = maxOrderNotional ?? 0,
                },
                "mmp" => new Command
                {
                    Type = CommandType.SetMarketMakerProtection,
                    AccountId = account,
                    WindowNs = Nanoseconds(windowMs),
                    QuantityLots = maxLots ?? 0,
                    MaxFills = maxFills ?? 0,
                },
                "mmp-reset" => new Command { Type = CommandType.ResetMarketMakerProtection, AccountId = account },
                _ => default,
            };
            return PublishAdmin(server, request, command, "halt, release, limits, mmp or mmp-reset");
        });
    }

    /// <summary>
    /// Instrument halt, cancel-only and resume, the price band and the circuit breaker, as core
    /// commands: <c>POST /admin/instruments/{id}/halt|cancel-only|resume</c>, <c>/band?bps=N</c>
    /// (0: none) and <c>/breaker?bps=N&amp;windowMs=M</c> (a trade moving the price more than N
    /// basis points within M milliseconds makes the instrument cancel-only; 0: none).
    /// Answered 202 once in the ring; not taken from browsers.
    /// </summary>
    private void MapInstrumentAdmin(MatcherServer server)
    {
        _app.MapPost("/admin/instruments/{instrument:int}/{action}", (HttpRequest request, int instrument, string action, long? bps, long? windowMs) =>
        {
            var command = action switch
            {
                "halt" => new Command { Type = CommandType.SetInstrumentStatus, InstrumentId = instrument, InstrumentStatus = Core.Reference.InstrumentStatus.Halted },
                "cancel-only" => new Command { Type = CommandType.SetInstrumentStatus, InstrumentId = instrument, InstrumentStatus = Core.Reference.InstrumentStatus.CancelOnly },
                "resume" => new Command { Type = CommandType.SetInstrumentStatus, InstrumentId = instrument, InstrumentStatus = Core.Reference.InstrumentStatus.Trading },
                "band" => new Command { Type = CommandType.SetPriceBand, InstrumentId = instrument, Amount = bps ?? 0 },
                "breaker" => new Command { Type = CommandType.SetCircuitBreaker, InstrumentId = instrument, Amount = bps ?? 0, WindowNs = Nanoseconds(windowMs) },
                _ => default,
            };
            return PublishAdmin(server, request, command, "halt, cancel-only, resume, band or breaker");
        });
    }

    /// <summary>
    /// Puts an admin command in the ring: 403 from a browser (an Origin header), 404 for an
    /// unknown action (<paramref name="command"/> empty), 202 once published, 503 when not ready or full.
    /// </summary>
    private static IResult PublishAdmin(MatcherServer server, HttpRequest request, Command command, string actions)
    {
        // Browsers send Origin with every cross-site POST: a web page must not act as an admin.
        if (!string.IsNullOrEmpty(request.Headers.Origin))
        {
            return Results.Text("admin commands are not taken from browsers\n", statusCode: StatusCodes.Status403Forbidden);
        }

        if (command.Type == CommandType.None)
        {
            return Results.Text($"the action is {actions}\n", statusCode: StatusCodes.Status404NotFound);
        }

        return server.IsReady && server.Publisher.TryPublish(command)
            ? Results.Text("accepted\n", statusCode: StatusCodes.Status202Accepted)
            : Results.Text("not ready or busy: try again\n", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Milliseconds from a query string as nanoseconds; a value too large to hold becomes -1, which the core rejects.</summary>
    private static long Nanoseconds(long? milliseconds) =>
        milliseconds is not { } ms ? 0 : ms > long.MaxValue / 1_000_000 || ms < long.MinValue / 1_000_000 ? -1 : ms * 1_000_000;

    /// <summary>
    /// The chain kill switches and status: <c>POST /admin/chain/{deposits|withdrawals}/{pause|resume}</c>,
    /// <c>GET /admin/chain</c>. The endpoint listens on loopback by default; keep it there, or put it
    /// behind an authenticating proxy.
    /// </summary>
    private void MapChainAdmin(MatcherServer server)
    {
        _app.MapGet("/admin/chain", () => server.ChainGateway is { } chain ? Results.Json(chain.Status) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        _app.MapPost("/admin/chain/{what}/{action}", (HttpRequest request, string what, string action) =>
        {
            // Browsers send Origin with every cross-site POST: a web page must not flip a kill switch.
            if (!string.IsNullOrEmpty(request.Headers.Origin))
            {
                return Results.Text("admin commands are not taken from browsers\n", statusCode: StatusCodes.Status403Forbidden);
            }

            if (server.ChainGateway is not { } chain)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            if (action is not ("pause" or "resume"))
            {
                return Results.Text("the action is pause or resume\n", statusCode: StatusCodes.Status404NotFound);
            }

            switch (what)
            {
                case "deposits":
                    chain.PauseDeposits(action == "pause");
                    break;
                case "withdrawals":
                    chain.PauseWithdrawals(action == "pause");
                    break;
                default:
                    return Results.Text("deposits or withdrawals\n", statusCode: StatusCodes.Status404NotFound);
            }

            return Results.Json(chain.Status);
        });
    }

    /// <summary>
    /// Same-origin pages and programs (no Origin header) may connect; another site's page only
    /// when its origin is configured, so a page elsewhere cannot use a visitor's browser here.
    /// </summary>
    internal static bool IsOriginAllowed(string? origin, string scheme, string host, IReadOnlySet<string> allowed) =>
        string.IsNullOrEmpty(origin)
        || string.Equals(NormalizeOrigin(origin), $"{scheme}://{host}", StringComparison.OrdinalIgnoreCase)
        || allowed.Contains(NormalizeOrigin(origin));

    private static string NormalizeOrigin(string origin) => origin.TrimEnd('/');

    private static async Task AcceptAsync(HttpContext context, MatcherServer server, IReadOnlySet<string> allowedOrigins)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("a WebSocket upgrade is required (docs/WEBSOCKET.md)\n").ConfigureAwait(false);
            return;
        }

        if (!IsOriginAllowed(context.Request.Headers.Origin, context.Request.Scheme, context.Request.Host.Value ?? "", allowedOrigins))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("origin not allowed (Matcher:WebSocket:AllowedOrigins)\n").ConfigureAwait(false);
            return;
        }

        if (!server.IsReady || server.WebSocketGateway is not { } gateway)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("not ready\n").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await gateway.HandleAsync(socket, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The order-book page's built files at <c>/</c>, when they exist.</summary>
    private void ServePage(MatcherServer server, ILogger logger)
    {
        var configured = server.Options.Http.WebRoot;
        var root = Path.IsPathRooted(configured) ? configured
            : new[] { Path.GetFullPath(configured), Path.Combine(AppContext.BaseDirectory, configured) }.FirstOrDefault(Directory.Exists);
        if (root is null || !Directory.Exists(root))
        {
            ServerLog.NoWebRoot(logger, configured);
            return;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        _app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        _app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }

    /// <summary>The address Kestrel listens on, once started.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts listening.</summary>
    public async Task StartAsync()
    {
        await _app.StartAsync().ConfigureAwait(false);
        _started = true;
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        Address = new Uri(addresses?.Addresses.FirstOrDefault() ?? "http://127.0.0.1/");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await _app.StopAsync().ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
