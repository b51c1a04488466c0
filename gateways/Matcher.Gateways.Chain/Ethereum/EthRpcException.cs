using System.Net;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A JSON-RPC call that did not produce a well-formed result: the node was unreachable or
/// slow, answered with an HTTP or JSON-RPC error, or sent something malformed. It is the only
/// exception <see cref="EthRpcClient"/> lets out, apart from cancellation by the caller.
/// </summary>
public sealed class EthRpcException : Exception
{
    /// <summary>Reports a failure of <paramref name="method"/>.</summary>
    public EthRpcException(string method, EthRpcFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Method = method;
        Failure = failure;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string Method { get; }

    /// <summary>What kind of failure it was.</summary>
    public EthRpcFailure Failure { get; }

    /// <summary>The JSON-RPC error code (e.g. -32000, 3 for a revert), when the node sent an error object.</summary>
    public long? ErrorCode { get; init; }

    /// <summary>The raw JSON of the error object's <c>data</c> (e.g. revert data), when present.</summary>
    public string? ErrorData { get; init; }

    /// <summary>The HTTP status, for <see cref="EthRpcFailure.HttpStatus"/>.</summary>
    public HttpStatusCode? StatusCode { get; init; }
}
