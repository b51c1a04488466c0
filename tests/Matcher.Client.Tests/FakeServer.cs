using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Matcher.Client.Tests;

/// <summary>
/// A WebSocket endpoint on Kestrel (127.0.0.1, a free port) that hands each accepted connection to the test,
/// which then plays the server's side message by message.
/// </summary>
internal sealed class FakeServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly Channel<FakeConnection> _accepted = Channel.CreateUnbounded<FakeConnection>();
    private readonly List<FakeConnection> _connections = [];

    private FakeServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary><c>ws://127.0.0.1:PORT/ws</c>.</summary>
    public Uri Uri { get; private set; } = null!;

    public static async Task<FakeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeServer(app);
        app.UseWebSockets();
        app.Map("/ws", server.AcceptAsync);
        await app.StartAsync();
        var address = app.Urls.Single();
        server.Uri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws");
        return server;
    }

    /// <summary>The next connection a client opened.</summary>
    public async Task<FakeConnection> NextConnectionAsync() => await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            connection.Release();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeConnection(socket);
        lock (_connections)
        {
            _connections.Add(connection);
        }

        await _accepted.Writer.WriteAsync(connection);
        // The request lasts as long as the WebSocket: until the test lets it go.
        await connection.Released;
    }
}
