using System.Numerics;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain;

/// <summary>One <c>Deposited</c> log of the escrow, as read from a block.</summary>
public sealed record ChainDeposit(
    ulong BlockNumber, Hash32 BlockHash, Hash32 TransactionHash, ulong LogIndex, Address User, Address Token, ulong AccountId, BigInteger Amount)
{
    /// <summary>The escrow's deposit event.</summary>
    public static readonly AbiEvent Event = AbiEvent.Parse("Deposited(address indexed,address indexed,uint64 indexed,uint256)");

    /// <summary>Reads a log of <see cref="Event"/>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static ChainDeposit FromLog(EthLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var values = Event.Decode(log);
        return new ChainDeposit(
            log.BlockNumber, log.BlockHash, log.TransactionHash, log.LogIndex, values[0].AsAddress(), values[1].AsAddress(), values[2].AsUInt64(), values[3].AsBigInteger());
    }
}

/// <summary>What the deposit follower needs from a node; the real one is <see cref="RpcChainReader"/>.</summary>
public interface IChainReader
{
    /// <summary>The newest block number.</summary>
    Task<ulong> HeadAsync(CancellationToken cancel);

    /// <summary>The canonical block at <paramref name="number"/>, or null when there is none (yet).</summary>
    Task<EthBlock?> BlockAsync(ulong number, CancellationToken cancel);

    /// <summary>The escrow's deposits in the block with this hash, in log order.</summary>
    Task<IReadOnlyList<ChainDeposit>> DepositsAsync(Hash32 blockHash, CancellationToken cancel);
}

/// <summary>Reads blocks and the escrow's deposit logs over JSON-RPC.</summary>
public sealed class RpcChainReader(EthRpcClient rpc, Address escrow) : IChainReader
{
    private readonly IReadOnlyList<IReadOnlyList<Hash32>?> _topics = [[ChainDeposit.Event.Topic0]];

    /// <inheritdoc />
    public Task<ulong> HeadAsync(CancellationToken cancel) => rpc.BlockNumberAsync(cancel);

    /// <inheritdoc />
    public Task<EthBlock?> BlockAsync(ulong number, CancellationToken cancel) => rpc.GetBlockByNumberAsync(number, cancel);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChainDeposit>> DepositsAsync(Hash32 blockHash, CancellationToken cancel)
    {
        var logs = await rpc.GetLogsAsync(LogFilter.ForBlockHash(blockHash, [escrow], _topics), cancel).ConfigureAwait(false);
        var deposits = new List<ChainDeposit>(logs.Count);
        foreach (var log in logs.OrderBy(l => l.LogIndex))
        {
            if (log.BlockHash != blockHash || log.Address != escrow)
            {
                throw new EthRpcException("eth_getLogs", EthRpcFailure.Malformed, $"the node answered a log of another block or contract: {log}");
            }

            try
            {
                deposits.Add(ChainDeposit.FromLog(log));
            }
            catch (FormatException e)
            {
                throw new EthRpcException("eth_getLogs", EthRpcFailure.Malformed, $"a Deposited log that does not decode: {log}: {e.Message}");
            }
        }

        return deposits;
    }
}
