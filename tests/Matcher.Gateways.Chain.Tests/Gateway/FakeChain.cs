using System.Numerics;
using Matcher.Gateways.Chain;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Gateway;

/// <summary>A chain in memory for the follower's tests: blocks with deposits, which a test can mine, reorg and shorten.</summary>
internal sealed class FakeChain : IChainReader
{
    private readonly List<(EthBlock Block, List<ChainDeposit> Deposits)> _blocks = [];
    private int _salt;

    public FakeChain(int blocks)
    {
        Mine(blocks);
    }

    public ulong Head => (ulong)_blocks.Count - 1;

    public int Calls { get; private set; }

    /// <summary>Mines blocks; a deposit given goes into the first of them.</summary>
    public void Mine(int count, ulong? accountId = null)
    {
        for (var i = 0; i < count; i++)
        {
            var number = (ulong)_blocks.Count;
            var parent = number == 0 ? default : _blocks[^1].Block.Hash;
            var hash = HashOf(number, _salt);
            var deposits = new List<ChainDeposit>();
            if (i == 0 && accountId is { } account)
            {
                deposits.Add(new ChainDeposit(number, hash, HashOf(number + 1000, _salt), 0, default, default, account, new BigInteger(5)));
            }

            _blocks.Add((new EthBlock(number, hash, parent, number, null), deposits));
        }
    }

    /// <summary>Replaces the last <paramref name="depth"/> blocks with new ones (other hashes; deposits not carried over).</summary>
    public void Reorg(int depth)
    {
        _salt++;
        _blocks.RemoveRange(_blocks.Count - depth, depth);
        Mine(depth);
    }

    /// <summary>Drops the last <paramref name="count"/> blocks (a revert to an older snapshot); blocks mined after it differ from the dropped ones.</summary>
    public void Shorten(int count)
    {
        _salt++;
        _blocks.RemoveRange(_blocks.Count - count, count);
    }

    public Task<ulong> HeadAsync(CancellationToken cancel)
    {
        Calls++;
        return Task.FromResult(Head);
    }

    public Task<EthBlock?> BlockAsync(ulong number, CancellationToken cancel)
    {
        Calls++;
        return Task.FromResult(number < (ulong)_blocks.Count ? _blocks[(int)number].Block : null);
    }

    public Task<IReadOnlyList<ChainDeposit>> DepositsAsync(Hash32 blockHash, CancellationToken cancel)
    {
        Calls++;
        var block = _blocks.Single(b => b.Block.Hash == blockHash);
        return Task.FromResult<IReadOnlyList<ChainDeposit>>(block.Deposits);
    }

    private static Hash32 HashOf(ulong number, int salt)
    {
        var bytes = new byte[32];
        BitConverter.GetBytes(number + 1).CopyTo(bytes, 0);
        BitConverter.GetBytes(salt).CopyTo(bytes, 8);
        bytes[31] = 0xAB;
        return new Hash32(bytes);
    }
}
