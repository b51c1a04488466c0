namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>One event log as <c>eth_getLogs</c> and receipts report it.</summary>
/// <remarks>A deposit is identified by (<see cref="TransactionHash"/>, <see cref="LogIndex"/>).</remarks>
public sealed class EthLog
{
    /// <summary>The contract that emitted the log.</summary>
    public required Address Address { get; init; }

    /// <summary>Zero to four topics; the first is the event's signature hash for non-anonymous events.</summary>
    public required IReadOnlyList<Hash32> Topics { get; init; }

    /// <summary>The non-indexed parameters, ABI-encoded.</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The block that holds the transaction.</summary>
    public required ulong BlockNumber { get; init; }

    /// <summary>The hash of that block.</summary>
    public required Hash32 BlockHash { get; init; }

    /// <summary>The transaction that emitted the log.</summary>
    public required Hash32 TransactionHash { get; init; }

    /// <summary>The transaction's position in the block.</summary>
    public required ulong TransactionIndex { get; init; }

    /// <summary>The log's position in the block.</summary>
    public required ulong LogIndex { get; init; }

    /// <summary>True when the log was removed by a reorganisation (filters and subscriptions only).</summary>
    public bool Removed { get; init; }

    /// <summary>Where the log sits, for diagnostics.</summary>
    public override string ToString() => $"log {LogIndex} of tx {TransactionHash} in block {BlockNumber} from {Address}";
}
