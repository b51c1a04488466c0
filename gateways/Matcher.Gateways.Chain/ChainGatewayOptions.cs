using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain;

/// <summary>An ERC-20 token the escrow holds, and the asset it is credited as.</summary>
/// <param name="Token">The token contract.</param>
/// <param name="AssetId">The engine's asset.</param>
/// <param name="Decimals">The token's decimals; the asset's scale must not need rounding to reach it.</param>
public sealed record TokenMapping(Address Token, int AssetId, int Decimals);

/// <summary>The chain gateway's settings (section <c>Matcher:Chain</c> of the server).</summary>
public sealed class ChainGatewayOptions
{
    /// <summary>The node's JSON-RPC endpoint (HTTP).</summary>
    public required Uri RpcUrl { get; init; }

    /// <summary>The chain id every withdrawal is signed for; checked against the node at start.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The escrow contract.</summary>
    public required Address Escrow { get; init; }

    /// <summary>The escrow operator's private key (hex), which signs withdrawals; never logged.</summary>
    public required string OperatorKey { get; init; }

    /// <summary>The tokens and the assets they credit.</summary>
    public required IReadOnlyList<TokenMapping> Tokens { get; init; }

    /// <summary>A block's deposits are credited once it has this many confirmations (the block itself counts as one).</summary>
    public int Confirmations { get; init; } = 12;

    /// <summary>The first block to scan when there is no cursor yet (the escrow's deployment block).</summary>
    public ulong StartBlock { get; init; }

    /// <summary>Confirmed blocks kept to notice a reorg that reaches below the confirmation depth.</summary>
    public int ReorgWindow { get; init; } = 64;

    /// <summary>How often the gateway asks the node for new blocks and receipts.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries after RPC errors.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gas limit of a withdraw transaction.</summary>
    public ulong WithdrawGasLimit { get; init; } = 200_000;

    /// <summary>The most a withdraw transaction may offer per gas (wei); replacements stop raising fees there.</summary>
    public System.Numerics.BigInteger MaxFeePerGas { get; init; } = System.Numerics.BigInteger.Parse("500000000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A withdraw transaction not mined within this time is sent again with the same nonce and higher fees.</summary>
    public TimeSpan ResendAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Start with deposits paused (the kill switch; also by admin command).</summary>
    public bool DepositsPaused { get; init; }

    /// <summary>Start with withdrawals paused.</summary>
    public bool WithdrawalsPaused { get; init; }

    /// <summary>Where the gateway keeps its cursor (the block below which every deposit is applied).</summary>
    public required string StateDirectory { get; init; }
}
