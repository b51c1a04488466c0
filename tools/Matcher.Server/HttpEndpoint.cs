using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matcher.Server;

/// <summary>
/// Kestrel serving <c>/health</c> (the process works: 200, or 503 with the fault),
/// <c>/ready</c> (it accepts commands: 200, or 503 while starting or stopping) and
/// <c>/metrics</c> (Prometheus text) for one <see cref="MatcherServer"/>.
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
