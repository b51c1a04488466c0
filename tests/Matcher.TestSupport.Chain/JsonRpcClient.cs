using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matcher.TestSupport.Chain;

/// <summary>A minimal JSON-RPC 2.0 client over HTTP POST (System.Text.Json only), for a test node.</summary>
public sealed class JsonRpcClient : IDisposable
{
    private static readonly MediaTypeHeaderValue _json = new("application/json");
    private readonly HttpClient _http;
    private long _nextId;

    /// <summary>A client for the node at <paramref name="url"/>; each call gives up after <paramref name="timeout"/> (30 s by default).</summary>
    public JsonRpcClient(Uri url, TimeSpan? timeout = null)
    {
        Url = url ?? throw new ArgumentNullException(nameof(url));
        _http = new HttpClient(new SocketsHttpHandler
        {
            // A restarted node listens on the same port: do not keep connections to the old one long.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
        })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The node's HTTP endpoint.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Calls <paramref name="method"/> with positional <paramref name="parameters"/> and returns
    /// the <c>result</c> (a detached copy); throws <see cref="JsonRpcException"/> for an error
    /// answer and <see cref="HttpRequestException"/> when the node cannot be reached.
    /// </summary>
    public Task<JsonElement> SendAsync(string method, params JsonNode?[] parameters) =>
        SendAsync(method, parameters, CancellationToken.None);

    /// <inheritdoc cref="SendAsync(string, JsonNode?[])"/>
    public async Task<JsonElement> SendAsync(string method, IEnumerable<JsonNode?> parameters, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            // Copies: a node passed in may already belong to another tree.
            ["params"] = new JsonArray([.. parameters.Select(p => p?.DeepClone())]),
        };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = _json;
        using var response = await _http.PostAsync(Url, content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new JsonRpcException($"{method}: HTTP {(int)response.StatusCode} with a body that is not JSON: {Truncate(body)}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                var message = error.TryGetProperty("message", out var m) ? m.ToString() : "";
                JsonElement? data = error.TryGetProperty("data", out var d) ? d.Clone() : null;
                throw new JsonRpcException(method, code, message, data);
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var result))
            {
                throw new JsonRpcException($"{method}: HTTP {(int)response.StatusCode} without a result or error: {Truncate(body)}");
            }
            return result.Clone();
        }
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
