namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>Where and how <see cref="EthRpcClient"/> calls a node.</summary>
public sealed class EthRpcClientOptions
{
    /// <summary>The node's HTTP JSON-RPC endpoint. It may embed an API key: error messages show only its scheme, host and port.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>How long one call may take, from sending the request to reading the whole answer.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest answer read; a larger one is refused as malformed rather than buffered.</summary>
    public int MaxResponseBytes { get; init; } = 16 * 1024 * 1024;
}
