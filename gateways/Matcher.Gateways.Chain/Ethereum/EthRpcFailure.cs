namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>Why a JSON-RPC call failed; callers retry the first three, not the last two.</summary>
public enum EthRpcFailure
{
    /// <summary>The node could not be reached (connection refused, reset, DNS).</summary>
    Transport = 1,

    /// <summary>No complete answer within the call timeout.</summary>
    Timeout = 2,

    /// <summary>The node answered with an HTTP status other than 2xx.</summary>
    HttpStatus = 3,

    /// <summary>The node answered with a JSON-RPC error object (see <see cref="EthRpcException.ErrorCode"/>).</summary>
    RpcError = 4,

    /// <summary>The answer was not valid JSON-RPC, or its result had the wrong shape.</summary>
    Malformed = 5,
}
