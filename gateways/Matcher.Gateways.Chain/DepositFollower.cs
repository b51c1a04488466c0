using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain;

/// <summary>
/// Follows the chain block by block and hands out the escrow's deposits once their block has
/// enough confirmations. It detects reorgs itself, by each block's parent hash and by asking
/// again for the blocks it holds (a node need not say <c>removed: true</c>, and anvil never does).
/// </summary>
/// <remarks>
/// <para>It keeps a window of recent blocks, contiguous and in order: the unconfirmed ones
/// with their deposits, and up to <c>reorgWindow</c> confirmed ones behind them. A reorg that
/// replaces only unconfirmed blocks drops their deposits, which are read again from the new
/// blocks: nothing was credited, so nothing is lost or doubled. A reorg that replaces a block
/// whose deposits were already handed out is a <b>deep reorg</b>: the follower halts for good
/// (<see cref="Halted"/>) and hands out nothing more; an operator must look.</para>
/// <para>Not thread-safe: one loop drives it.</para>
/// </remarks>
public sealed class DepositFollower
{
    /// <summary>Blocks read in one round at most, so a long catch-up hands out deposits and saves its cursor as it goes.</summary>
    public const int MaxBlocksPerPoll = 1000;

    private readonly IChainReader _reader;
    private readonly int _confirmations;
    private readonly int _reorgWindow;
    private readonly List<WindowBlock> _window = [];
    private ulong _next;

    /// <summary>A follower that starts reading at block <paramref name="from"/>.</summary>
    public DepositFollower(IChainReader reader, ulong from, int confirmations, int reorgWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(confirmations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(reorgWindow);
        _reader = reader;
        _next = from;
        _confirmations = confirmations;
        _reorgWindow = reorgWindow;
        Confirmed = from == 0 ? -1 : (long)from - 1;
    }

    /// <summary>The newest block number the node reported.</summary>
    public long Head { get; private set; } = -1;

    /// <summary>The newest block read (the window's tip), or -1.</summary>
    public long LastSeen => _window.Count > 0 ? (long)_window[^1].Number : -1;

    /// <summary>The newest block whose deposits were handed out (everything at or below it is), or the start block − 1.</summary>
    public long Confirmed { get; private set; }

    /// <summary>Deposits read in blocks not yet confirmed.</summary>
    public int PendingDeposits => _window.Where(b => !b.Handed).Sum(b => b.Deposits.Count);

    /// <summary>Reorgs seen (each, however many blocks it replaced).</summary>
    public long Reorgs { get; private set; }

    /// <summary>Set by a reorg below the confirmation depth: the follower does nothing more.</summary>
    public string? Halted { get; private set; }

    /// <summary>
    /// One round: checks the blocks it holds are still canonical, reads new blocks up to the
    /// head, and returns the deposits of blocks that reached the confirmation depth (in block
    /// and log order). RPC failures propagate; the next round resumes where this one stopped.
    /// </summary>
    public async Task<IReadOnlyList<ChainDeposit>> PollAsync(CancellationToken cancel)
    {
        if (Halted is not null)
        {
            return [];
        }

        var head = await _reader.HeadAsync(cancel).ConfigureAwait(false);
        Head = (long)head;
        if (_window.Count > 0 && !await IsCanonicalAsync(_window[^1], cancel).ConfigureAwait(false) && !await RewindAsync(cancel).ConfigureAwait(false))
        {
            return [];
        }

        var read = 0;
        while (_next <= head)
        {
            var block = await _reader.BlockAsync(_next, cancel).ConfigureAwait(false);
            if (block is null)
            {
                break;
            }

            if (block.Number != _next)
            {
                throw new EthRpcException("eth_getBlockByNumber", EthRpcFailure.Malformed, $"asked for block {_next}, the node answered block {block.Number}");
            }

            if (_window.Count > 0 && block.ParentHash != _window[^1].Hash)
            {
                // The chain under our tip changed: go back to where it agrees with us, then read forward again.
                var before = _window.Count;
                if (!await RewindAsync(cancel).ConfigureAwait(false))
                {
                    return [];
                }

                if (_window.Count == before)
                {
                    // Our tip is still canonical, yet the next block names another parent: a node (or a
                    // balancer across nodes) that contradicts itself. Retry later rather than spin.
                    throw new EthRpcException("eth_getBlockByNumber", EthRpcFailure.Malformed,
                        $"block {block.Number}'s parent {block.ParentHash} is not block {block.Number - 1} ({_window[^1].Hash}), which the node still reports");
                }

                continue;
            }

            if (++read > MaxBlocksPerPoll)
            {
                break;
            }

            var deposits = await _reader.DepositsAsync(block.Hash, cancel).ConfigureAwait(false);
            _window.Add(new WindowBlock(block.Number, block.Hash, deposits));
            _next = block.Number + 1;
        }

        return HandOut(head);
    }

    private List<ChainDeposit> HandOut(ulong head)
    {
        var ready = new List<ChainDeposit>();
        foreach (var block in _window)
        {
            if (block.Handed || block.Number + (ulong)_confirmations - 1 > head)
            {
                continue;
            }

            ready.AddRange(block.Deposits);
            block.Handed = true;
            Confirmed = (long)block.Number;
        }

        // Keep the confirmed blocks of the reorg window behind the unconfirmed ones.
        var handed = _window.Count(b => b.Handed);
        if (handed > _reorgWindow)
        {
            _window.RemoveRange(0, handed - _reorgWindow);
        }

        return ready;
    }

    /// <summary>Drops blocks from the tip until the tip is canonical again; false (halted) when that would drop a confirmed block.</summary>
    private async Task<bool> RewindAsync(CancellationToken cancel)
    {
        Reorgs++;
        while (_window.Count > 0 && !await IsCanonicalAsync(_window[^1], cancel).ConfigureAwait(false))
        {
            var dropped = _window[^1];
            if (dropped.Handed)
            {
                Halted = $"reorg below the confirmation depth: block {dropped.Number} ({dropped.Hash}) was confirmed and is no longer canonical";
                return false;
            }

            _window.RemoveAt(_window.Count - 1);
        }

        _next = _window.Count > 0 ? _window[^1].Number + 1 : (ulong)(Confirmed + 1);
        return true;
    }

    /// <summary>The hash this follower read for block <paramref name="number"/>, when it still holds it.</summary>
    public bool TryGetHash(ulong number, out Hash32 hash)
    {
        foreach (var block in _window)
        {
            if (block.Number == number)
            {
                hash = block.Hash;
                return true;
            }
        }

        hash = default;
        return false;
    }

    private async Task<bool> IsCanonicalAsync(WindowBlock block, CancellationToken cancel)
    {
        var canonical = await _reader.BlockAsync(block.Number, cancel).ConfigureAwait(false);
        return canonical is not null && canonical.Hash == block.Hash;
    }

    private sealed class WindowBlock(ulong number, Hash32 hash, IReadOnlyList<ChainDeposit> deposits)
    {
        public ulong Number { get; } = number;

        public Hash32 Hash { get; } = hash;

        public IReadOnlyList<ChainDeposit> Deposits { get; } = deposits;

        public bool Handed { get; set; }
    }
}
