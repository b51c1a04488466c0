using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

/// <summary>One JSON-RPC request the fake node received.</summary>
public sealed record FakeRequest(string Method, string IdJson, JsonElement Params, string? ContentType)
{
    /// <summary>The numeric id, for tests that answer with another one.</summary>
    public long Id => long.Parse(IdJson, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What the fake node sends back.</summary>
public sealed record FakeReply(string Body, int Status = 200, TimeSpan Delay = default, bool WithContentLength = false)
{
    /// <summary>A well-formed answer whose result is the JSON text <paramref name="resultJson"/>.</summary>
    public static FakeReply Result(FakeRequest request, string resultJson) =>
        new($$"""{"jsonrpc":"2.0","id":{{request.IdJson}},"result":{{resultJson}}}""");

    /// <summary>A well-formed error answer.</summary>
    public static FakeReply Error(FakeRequest request, string errorJson) =>
        new($$"""{"jsonrpc":"2.0","id":{{request.IdJson}},"error":{{errorJson}}}""");
}

/// <summary>
/// A JSON-RPC node played by Kestrel on 127.0.0.1 and a free port: every POST is parsed,
/// recorded, and answered by <see cref="Handler"/>.
/// </summary>
internal sealed class FakeJsonRpcNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();

    private FakeJsonRpcNode(WebApplication app)
    {
        _app = app;
    }

    public Func<FakeRequest, FakeReply> Handler { get; set; } = static r => FakeReply.Result(r, "null");

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    public FakeRequest LastRequest => _requests.Last();

    public static async Task<FakeJsonRpcNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var node = new FakeJsonRpcNode(app);
        app.Run(node.HandleAsync);
        await app.StartAsync();
        node.Endpoint = new Uri(app.Urls.Single());
        return node;
    }

    public void ClearRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = document.RootElement;
        var request = new FakeRequest(
            root.GetProperty("method").GetString()!,
            root.GetProperty("id").GetRawText(),
            root.GetProperty("params").Clone(),
            context.Request.ContentType);
        _requests.Enqueue(request);
        var reply = Handler(request);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up
            }
        }

        var body = Encoding.UTF8.GetBytes(reply.Body);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        if (reply.WithContentLength)
        {
            context.Response.ContentLength = body.Length;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
