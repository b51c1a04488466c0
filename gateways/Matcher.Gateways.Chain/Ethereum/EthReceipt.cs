using System.Numerics;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>The receipt of a mined transaction.</summary>
public sealed class EthReceipt
{
    /// <summary>The transaction's hash.</summary>
    public required Hash32 TransactionHash { get; init; }

    /// <summary>1 when the transaction succeeded, 0 when it reverted (EIP-658).</summary>
    public required ulong Status { get; init; }

    /// <summary>Whether <see cref="Status"/> is 1.</summary>
    public bool Succeeded => Status == 1;

    /// <summary>The block that holds the transaction.</summary>
    public required ulong BlockNumber { get; init; }

    /// <summary>The hash of that block.</summary>
    public required Hash32 BlockHash { get; init; }

    /// <summary>The transaction's position in the block.</summary>
    public required ulong TransactionIndex { get; init; }

    /// <summary>The gas the transaction used.</summary>
    public required ulong GasUsed { get; init; }

    /// <summary>The price per gas actually paid, in wei, when the node reports it.</summary>
    public BigInteger? EffectiveGasPrice { get; init; }

    /// <summary>The created contract, for a creation.</summary>
    public Address? ContractAddress { get; init; }

    /// <summary>The logs the transaction emitted.</summary>
    public required IReadOnlyList<EthLog> Logs { get; init; }

    /// <summary>The outcome, for diagnostics.</summary>
    public override string ToString() => $"receipt of {TransactionHash}: status {Status} in block {BlockNumber}";
}
