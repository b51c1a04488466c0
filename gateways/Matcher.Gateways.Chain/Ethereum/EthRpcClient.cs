using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A JSON-RPC 2.0 client for an Ethereum node over HTTP POST, one request per call.
/// </summary>
/// <remarks>
/// Every failure — the node unreachable, too slow, an HTTP error, a JSON-RPC error object, or
/// an answer that is not JSON, lacks a result, carries another request's id or holds a value
/// of the wrong shape — is an <see cref="EthRpcException"/> naming the method and the
/// <see cref="EthRpcFailure"/>. Cancellation through the caller's token is the one exception:
/// it surfaces as <see cref="OperationCanceledException"/>. The <see cref="HttpClient"/> is
/// the caller's (not disposed here); one client may serve concurrent calls.
/// </remarks>
public sealed class EthRpcClient
{
    /// <summary>How much of an unexpected body is quoted in an error message.</summary>
    private const int BodyQuoteLength = 200;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _endpointForMessages;
    private readonly TimeSpan _callTimeout;
    private readonly int _maxResponseBytes;
    private long _lastRequestId;

    /// <summary>Calls the node at <paramref name="options"/>' endpoint through <paramref name="httpClient"/>.</summary>
    public EthRpcClient(HttpClient httpClient, EthRpcClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CallTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxResponseBytes, 1024, nameof(options));
        _http = httpClient;
        _endpoint = options.Endpoint;
        // The path or query may hold an API key; messages name only the host.
        _endpointForMessages = $"{_endpoint.Scheme}://{_endpoint.Host}:{_endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
        _callTimeout = options.CallTimeout;
        _maxResponseBytes = options.MaxResponseBytes;
    }

    /// <summary><c>eth_chainId</c>: the chain id used for EIP-155 signing.</summary>
    public Task<ulong> ChainIdAsync(CancellationToken cancellationToken = default) =>
        CallAsync("eth_chainId", [], static r => RpcJson.UInt64(r, "result"), cancellationToken);

    /// <summary><c>eth_blockNumber</c>: the number of the latest block.</summary>
    public Task<ulong> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        CallAsync("eth_blockNumber", [], static r => RpcJson.UInt64(r, "result"), cancellationToken);

    /// <summary><c>eth_getBlockByNumber</c> (without transactions); null when the node has no such block.</summary>
    public Task<EthBlock?> GetBlockByNumberAsync(BlockTag block, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getBlockByNumber", [block.ToString(), false], EthRpcResults.Block, cancellationToken);

    /// <summary><c>eth_getBlockByHash</c> (without transactions); null when the node has no such block.</summary>
    public Task<EthBlock?> GetBlockByHashAsync(Hash32 blockHash, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getBlockByHash", [blockHash.ToString(), false], EthRpcResults.Block, cancellationToken);

    /// <summary><c>eth_getLogs</c>: the logs matching <paramref name="filter"/>.</summary>
    public Task<IReadOnlyList<EthLog>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return CallAsync("eth_getLogs", [FilterJson(filter)], static r => EthRpcResults.Logs(r, "result"), cancellationToken);
    }

    /// <summary><c>eth_getTransactionCount</c>: the account's nonce as of <paramref name="block"/> (use pending for the next nonce).</summary>
    public Task<ulong> GetTransactionCountAsync(Address account, BlockTag block, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getTransactionCount", [account.ToLowerHexString(), block.ToString()], static r => RpcJson.UInt64(r, "result"), cancellationToken);

    /// <summary><c>eth_getBalance</c>: the account's balance in wei as of <paramref name="block"/>.</summary>
    public Task<BigInteger> GetBalanceAsync(Address account, BlockTag block, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getBalance", [account.ToLowerHexString(), block.ToString()], static r => RpcJson.Quantity(r, "result"), cancellationToken);

    /// <summary><c>eth_sendRawTransaction</c>: submits signed bytes and returns the hash the node reports.</summary>
    public Task<Hash32> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken = default) =>
        CallAsync("eth_sendRawTransaction", [Hex.Encode(rawTransaction.Span)], static r => RpcJson.Hash(r, "result"), cancellationToken);

    /// <summary>
    /// Submits <paramref name="transaction"/> and checks that the node reports its hash; a
    /// different hash means the node parsed other bytes than were signed.
    /// </summary>
    public async Task<Hash32> SendRawTransactionAsync(SignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var hash = await SendRawTransactionAsync(transaction.Raw, cancellationToken).ConfigureAwait(false);
        if (hash != transaction.Hash)
        {
            throw new EthRpcException(
                "eth_sendRawTransaction",
                EthRpcFailure.Malformed,
                $"eth_sendRawTransaction: the node reports hash {hash}, the transaction's is {transaction.Hash}");
        }

        return hash;
    }

    /// <summary><c>eth_getTransactionReceipt</c>; null while the transaction is not mined (or unknown).</summary>
    public Task<EthReceipt?> GetTransactionReceiptAsync(Hash32 transactionHash, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getTransactionReceipt", [transactionHash.ToString()], EthRpcResults.Receipt, cancellationToken);

    /// <summary><c>eth_estimateGas</c>: the gas the call would use (a revert is an <see cref="EthRpcFailure.RpcError"/>).</summary>
    public Task<ulong> EstimateGasAsync(EthCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync("eth_estimateGas", [CallJson(request)], static r => RpcJson.UInt64(r, "result"), cancellationToken);
    }

    /// <summary><c>eth_maxPriorityFeePerGas</c>: the node's suggested tip in wei.</summary>
    public Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        CallAsync("eth_maxPriorityFeePerGas", [], static r => RpcJson.Quantity(r, "result"), cancellationToken);

    /// <summary>The base fee per gas of the latest block, in wei.</summary>
    /// <exception cref="EthRpcException">Also when the latest block has no base fee (a chain without EIP-1559).</exception>
    public async Task<BigInteger> GetBaseFeeAsync(CancellationToken cancellationToken = default)
    {
        var block = await GetBlockByNumberAsync(BlockTag.Latest, cancellationToken).ConfigureAwait(false);
        return block?.BaseFeePerGas
            ?? throw new EthRpcException(
                "eth_getBlockByNumber",
                EthRpcFailure.Malformed,
                block is null ? "eth_getBlockByNumber: the node has no latest block" : "eth_getBlockByNumber: the latest block has no baseFeePerGas");
    }

    /// <summary><c>eth_call</c>: the return data of a call to <paramref name="to"/> as of <paramref name="block"/>.</summary>
    public Task<byte[]> CallAsync(Address to, ReadOnlyMemory<byte> data, BlockTag block, CancellationToken cancellationToken = default) =>
        CallAsync(new EthCallRequest { To = to, Data = data }, block, cancellationToken);

    /// <summary><c>eth_call</c>: the return data of <paramref name="request"/> as of <paramref name="block"/> (a revert is an <see cref="EthRpcFailure.RpcError"/>).</summary>
    public Task<byte[]> CallAsync(EthCallRequest request, BlockTag block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync("eth_call", [CallJson(request), block.ToString()], static r => RpcJson.Data(r, "result"), cancellationToken);
    }

    /// <summary>
    /// Any method with positional parameters (e.g. <c>anvil_mine</c>, <c>evm_snapshot</c>).
    /// Returns a detached copy of the result; null parameters are sent as JSON null.
    /// </summary>
    public Task<JsonElement> SendAsync(string method, IReadOnlyList<JsonNode?> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        var array = new JsonArray();
        foreach (var p in parameters)
        {
            array.Add(p?.DeepClone());
        }

        return CallAsync(method, array, static r => r.Clone(), cancellationToken);
    }

    private static JsonObject FilterJson(LogFilter filter)
    {
        var json = new JsonObject();
        if (filter.BlockHash is { } hash)
        {
            json["blockHash"] = hash.ToString();
        }
        else
        {
            json["fromBlock"] = filter.FromBlock.GetValueOrDefault().ToString();
            json["toBlock"] = filter.ToBlock.GetValueOrDefault().ToString();
        }

        if (filter.Addresses.Count > 0)
        {
            var addresses = new JsonArray();
            foreach (var a in filter.Addresses)
            {
                addresses.Add(a.ToLowerHexString());
            }

            json["address"] = addresses;
        }

        if (filter.Topics.Count > 0)
        {
            var topics = new JsonArray();
            foreach (var position in filter.Topics)
            {
                if (position is null)
                {
                    topics.Add(null);
                    continue;
                }

                var alternatives = new JsonArray();
                foreach (var t in position)
                {
                    alternatives.Add(t.ToString());
                }

                topics.Add(alternatives);
            }

            json["topics"] = topics;
        }

        return json;
    }

    private static JsonObject CallJson(EthCallRequest request)
    {
        var json = new JsonObject();
        if (request.From is { } from)
        {
            json["from"] = from.ToLowerHexString();
        }

        if (request.To is { } to)
        {
            json["to"] = to.ToLowerHexString();
        }

        if (request.Gas is { } gas)
        {
            json["gas"] = Hex.EncodeQuantity(gas);
        }

        if (request.Value is { } value)
        {
            json["value"] = Hex.EncodeQuantity(value);
        }

        // "data" rather than the newer "input": every node version accepts it.
        json["data"] = Hex.Encode(request.Data.Span);
        return json;
    }

    private async Task<T> CallAsync<T>(string method, JsonArray parameters, Func<JsonElement, T> parse, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastRequestId);
        var (status, body) = await PostAsync(method, RequestBody(id, method, parameters), cancellationToken).ConfigureAwait(false);
        if ((int)status is < 200 or > 299)
        {
            throw new EthRpcException(
                method,
                EthRpcFailure.HttpStatus,
                $"{method}: HTTP {(int)status} ({status}) from {_endpointForMessages}: {QuoteBody(body)}")
            {
                StatusCode = status,
            };
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw Malformed(method, $"the answer is not JSON ({e.Message}): {QuoteBody(body)}", e);
        }

        using (document)
        {
            var result = ResultOf(method, id, document.RootElement);
            try
            {
                return parse(result);
            }
            catch (FormatException e)
            {
                throw Malformed(method, e.Message, e);
            }
        }
    }

    private static byte[] RequestBody(long id, string method, JsonArray parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WritePropertyName("params");
            parameters.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> PostAsync(string method, byte[] requestBody, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_callTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
            request.Content = new ByteArrayContent(requestBody);
            // A new header value per request: MediaTypeHeaderValue is mutable, so not shared.
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(method, response.Content, timeout.Token).ConfigureAwait(false);
            return (response.StatusCode, body);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Our timeout, or HttpClient.Timeout if the caller set it shorter.
            throw new EthRpcException(method, EthRpcFailure.Timeout, $"{method}: no answer from {_endpointForMessages} within {_callTimeout}", e);
        }
        catch (HttpRequestException e)
        {
            throw new EthRpcException(method, EthRpcFailure.Transport, $"{method}: cannot reach {_endpointForMessages}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new EthRpcException(method, EthRpcFailure.Transport, $"{method}: connection to {_endpointForMessages} failed: {e.Message}", e);
        }
    }

    private async Task<byte[]> ReadBodyAsync(string method, HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _maxResponseBytes)
        {
            throw Malformed(method, $"the answer is {content.Headers.ContentLength} bytes, more than the limit of {_maxResponseBytes}");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var body = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > _maxResponseBytes)
                    {
                        throw Malformed(method, $"the answer exceeds the limit of {_maxResponseBytes} bytes");
                    }

                    body.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return body.ToArray();
        }
    }

    /// <summary>Checks the JSON-RPC envelope and returns its result, or throws the error it carries.</summary>
    private static JsonElement ResultOf(string method, long id, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(method, $"the answer is {RpcJson.Describe(root)}, not a JSON-RPC response object");
        }

        if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            throw Malformed(method, "the answer lacks \"jsonrpc\": \"2.0\"");
        }

        var hasError = root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null;
        if (!root.TryGetProperty("id", out var answerId))
        {
            throw Malformed(method, "the answer has no id");
        }

        var idMatches = answerId.ValueKind == JsonValueKind.Number && answerId.TryGetInt64(out var n) && n == id;
        // A node that could not read the request at all answers an error with id null.
        if (!idMatches && !(hasError && answerId.ValueKind == JsonValueKind.Null))
        {
            throw Malformed(method, $"the answer's id is {answerId.GetRawText()}, the request's was {id}");
        }

        if (hasError)
        {
            throw RpcError(method, error);
        }

        return root.TryGetProperty("result", out var result)
            ? result
            : throw Malformed(method, "the answer has neither a result nor an error");
    }

    private static EthRpcException RpcError(string method, JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var codeElement)
            || codeElement.ValueKind != JsonValueKind.Number
            || !codeElement.TryGetInt64(out var code))
        {
            return Malformed(method, $"the error object has no integer code: {Truncate(error.GetRawText())}");
        }

        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "(no message)";
        var data = error.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d.GetRawText() : null;
        var text = new StringBuilder().Append(method).Append(" failed: JSON-RPC error ").Append(code).Append(": ").Append(message);
        if (data is not null)
        {
            text.Append(" (data: ").Append(Truncate(data)).Append(')');
        }

        return new EthRpcException(method, EthRpcFailure.RpcError, text.ToString()) { ErrorCode = code, ErrorData = data };
    }

    private static EthRpcException Malformed(string method, string problem, Exception? inner = null) =>
        new(method, EthRpcFailure.Malformed, $"{method}: malformed answer: {problem}", inner);

    private static string QuoteBody(byte[] body) =>
        body.Length == 0 ? "(empty body)" : Truncate(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, BodyQuoteLength * 4)));

    private static string Truncate(string text) => text.Length <= BodyQuoteLength ? text : text[..BodyQuoteLength] + "…";
}
