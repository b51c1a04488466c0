namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// An <c>eth_getLogs</c> filter: one block by hash (safe across reorganisations) or a range
/// of blocks, optionally narrowed to contract addresses and topics.
/// </summary>
public sealed class LogFilter
{
    private LogFilter(
        Hash32? blockHash,
        BlockTag? fromBlock,
        BlockTag? toBlock,
        IReadOnlyList<Address>? addresses,
        IReadOnlyList<IReadOnlyList<Hash32>?>? topics)
    {
        if (topics is { Count: > 4 })
        {
            throw new ArgumentException($"a log has at most 4 topics, the filter names {topics.Count} positions", nameof(topics));
        }

        BlockHash = blockHash;
        FromBlock = fromBlock;
        ToBlock = toBlock;
        Addresses = addresses ?? [];
        Topics = topics ?? [];
    }

    /// <summary>The one block to search, when filtering by hash.</summary>
    public Hash32? BlockHash { get; }

    /// <summary>The first block of the range, when filtering by range.</summary>
    public BlockTag? FromBlock { get; }

    /// <summary>The last block of the range (inclusive), when filtering by range.</summary>
    public BlockTag? ToBlock { get; }

    /// <summary>Emitting contracts to match (any of them); empty matches every contract.</summary>
    public IReadOnlyList<Address> Addresses { get; }

    /// <summary>
    /// Topics by position: null matches anything there, a list matches any of its hashes.
    /// Positions after the last listed match anything.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Hash32>?> Topics { get; }

    /// <summary>The logs of the block with this hash.</summary>
    public static LogFilter ForBlockHash(
        Hash32 blockHash,
        IReadOnlyList<Address>? addresses = null,
        IReadOnlyList<IReadOnlyList<Hash32>?>? topics = null) =>
        new(blockHash, null, null, addresses, topics);

    /// <summary>The logs of blocks <paramref name="fromBlock"/> to <paramref name="toBlock"/>, inclusive.</summary>
    public static LogFilter ForRange(
        BlockTag fromBlock,
        BlockTag toBlock,
        IReadOnlyList<Address>? addresses = null,
        IReadOnlyList<IReadOnlyList<Hash32>?>? topics = null)
    {
        if (fromBlock.IsNumber && toBlock.IsNumber && fromBlock.Number > toBlock.Number)
        {
            throw new ArgumentException($"the range starts at block {fromBlock.Number}, after its end {toBlock.Number}", nameof(fromBlock));
        }

        return new LogFilter(null, fromBlock, toBlock, addresses, topics);
    }
}
