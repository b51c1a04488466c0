using System.Collections.Concurrent;
using System.Numerics;
using System.Threading.Channels;
using Matcher.Core.Commands;
using Matcher.Core.State;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain;

/// <summary>
/// Withdrawals: each one the core approved (funds locked) with a destination is paid by the
/// escrow's <c>withdraw(id, token, to, amount)</c>, signed here (EIP-1559), and reported to the
/// core as <c>CompleteWithdrawal</c> once the escrow's matching <c>Withdrawn</c> log is at the
/// confirmation depth, or <c>FailWithdrawal</c> when the escrow refuses it.
/// </summary>
/// <remarks>
/// <para>Restart-safe: a withdrawal counts as paid only by a <c>Withdrawn</c> log with its id,
/// token, destination and amount in a confirmed block, and the escrow pays an id once, so a
/// withdrawal sent before a crash and sent again after it costs gas at worst, never money. A
/// <c>Withdrawn</c> log with the id but other terms (an escrow reused across exchanges, say)
/// halts withdrawals: the funds stay locked until an operator looks.</para>
/// <para>One transaction at a time per withdrawal: its nonce and every hash sent for it are kept
/// across retries, a replacement (same nonce) raises fees by a quarter up to
/// <see cref="ChainGatewayOptions.MaxFeePerGas"/>, and no replacement is sent while withdrawals
/// are paused. Withdrawals are paid one at a time, in the order the core approved them.</para>
/// </remarks>
public sealed partial class ChainGateway
{
    private static readonly AbiFunction _withdraw = AbiFunction.Parse("withdraw(uint64,address,address,uint256)");
    private static readonly AbiFunction _paused = AbiFunction.Parse("paused()");
    private static readonly AbiEvent _withdrawn = AbiEvent.Parse("Withdrawn(uint64 indexed,address indexed,address indexed,uint256)");

    private readonly Channel<WithdrawalView> _withdrawalQueue = Channel.CreateUnbounded<WithdrawalView>();
    private readonly ConcurrentDictionary<long, byte> _unfinished = new();
    private readonly Dictionary<long, InFlight> _inFlight = [];

    private enum Paid
    {
        No,
        NotYetConfirmed,
        Yes,
        OtherTerms,
    }

    private int PendingWithdrawals => _unfinished.Count;

    /// <summary>Queues a withdrawal with a chain destination (one without is paid elsewhere).</summary>
    private void EnqueueWithdrawal(WithdrawalView withdrawal)
    {
        if (withdrawal.Destination.IsEmpty || !_unfinished.TryAdd(withdrawal.Id, 0))
        {
            return;
        }

        _withdrawalQueue.Writer.TryWrite(withdrawal);
    }

    private async Task RunWithdrawalsAsync(CancellationToken cancel)
    {
        await _chainChecked.ConfigureAwait(false);
        await foreach (var withdrawal in _withdrawalQueue.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            var backoff = new Backoff(_options.PollInterval, _options.MaxBackoff);
            while (true)
            {
                try
                {
                    await PayAsync(withdrawal, cancel).ConfigureAwait(false);
                    break;
                }
                catch (EthRpcException e)
                {
                    await RetryLaterAsync(e, backoff, cancel).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await FailedLaterAsync("withdrawals", e, backoff, cancel).ConfigureAwait(false);
                }
            }

            _unfinished.TryRemove(withdrawal.Id, out _);
        }
    }

    private async Task PayAsync(WithdrawalView withdrawal, CancellationToken cancel)
    {
        if (!_tokensByAsset.TryGetValue(withdrawal.AssetId, out var token))
        {
            Finish(withdrawal.Id, completed: false, $"failed: asset {withdrawal.AssetId} has no token on this chain");
            return;
        }

        if (!_assetScales.TryGetValue(withdrawal.AssetId, out var scale) || !TokenAmounts.TryToTokens(withdrawal.Amount, token.Decimals, scale, out var amount))
        {
            Finish(withdrawal.Id, completed: false, $"failed: {withdrawal.Amount} units of asset {withdrawal.AssetId} cannot be paid in a token of {token.Decimals} decimals");
            return;
        }

        Span<byte> bytes = stackalloc byte[20];
        withdrawal.Destination.CopyTo(bytes);
        var to = new Address(bytes);
        var data = _withdraw.EncodeCall(AbiValue.FromUInt64((ulong)withdrawal.Id), AbiValue.FromAddress(token.Token), AbiValue.FromAddress(to), AbiValue.FromUInt256(amount));
        while (true)
        {
            await WaitWhileAsync(() => _withdrawalsPaused || _withdrawalsHalted is not null, cancel).ConfigureAwait(false);
            switch (await PaidAsync(withdrawal.Id, token.Token, to, amount, cancel).ConfigureAwait(false))
            {
                case Paid.Yes:
                    Finish(withdrawal.Id, completed: true, "completed: the escrow's Withdrawn log is confirmed");
                    return;
                case Paid.OtherTerms:
                    _withdrawalsHalted = $"the escrow has a Withdrawn log for id {withdrawal.Id} with another token, destination or amount";
                    ChainLog.WithdrawalsHalted(_logger, _withdrawalsHalted);
                    continue;
                case Paid.NotYetConfirmed:
                    await Task.Delay(_options.PollInterval, _time, cancel).ConfigureAwait(false);
                    continue;
            }

            if (await IsEscrowPausedAsync(cancel).ConfigureAwait(false))
            {
                // The contract's own pause: wait, the funds stay locked.
                await Task.Delay(_options.PollInterval, _time, cancel).ConfigureAwait(false);
                continue;
            }

            var receipt = await SendAndFollowAsync(withdrawal.Id, data, cancel).ConfigureAwait(false);
            if (receipt.Succeeded)
            {
                continue; // Its Withdrawn log is now confirmed: the next round completes it.
            }

            // Reverted: paid meanwhile (a copy sent before a restart), paused meanwhile, or refused for good.
            _inFlight.Remove(withdrawal.Id);
            if (await PaidAsync(withdrawal.Id, token.Token, to, amount, cancel).ConfigureAwait(false) == Paid.No
                && !await IsEscrowPausedAsync(cancel).ConfigureAwait(false))
            {
                Finish(withdrawal.Id, completed: false, $"failed: {receipt.TransactionHash} reverted");
                return;
            }
        }
    }

    /// <summary>
    /// Sends the withdraw transaction (or keeps following the ones already sent for this
    /// withdrawal, after a restart of this method), replaces it with higher fees while it is
    /// not mined, and returns the receipt of the one that was, once confirmed.
    /// </summary>
    private async Task<EthReceipt> SendAndFollowAsync(long withdrawalId, byte[] data, CancellationToken cancel)
    {
        if (!_inFlight.TryGetValue(withdrawalId, out var flight))
        {
            var priority = await _rpc.MaxPriorityFeePerGasAsync(cancel).ConfigureAwait(false);
            var maxFee = BigInteger.Min((await _rpc.GetBaseFeeAsync(cancel).ConfigureAwait(false) * 2) + priority, _options.MaxFeePerGas);
            flight = new InFlight(await _rpc.GetTransactionCountAsync(_operator.Address, BlockTag.Pending, cancel).ConfigureAwait(false), BigInteger.Min(priority, maxFee), maxFee);
            _inFlight[withdrawalId] = flight;
            await SendAsync(withdrawalId, data, flight, cancel).ConfigureAwait(false);
        }

        while (true)
        {
            var deadline = _time.GetUtcNow() + _options.ResendAfter;
            while (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(_options.PollInterval, _time, cancel).ConfigureAwait(false);
                foreach (var hash in flight.Sent)
                {
                    if (await ConfirmedReceiptAsync(hash, cancel).ConfigureAwait(false) is { } receipt)
                    {
                        return receipt;
                    }
                }
            }

            if (_withdrawalsPaused || flight.MaxFee >= _options.MaxFeePerGas)
            {
                continue; // No replacement while paused, nor above the fee cap: keep following what was sent.
            }

            // Not mined in time: the same nonce with fees raised by a quarter replaces it.
            flight.MaxFee = BigInteger.Min((flight.MaxFee * 5 / 4) + 1, _options.MaxFeePerGas);
            flight.Priority = BigInteger.Min((flight.Priority * 5 / 4) + 1, flight.MaxFee);
            await SendAsync(withdrawalId, data, flight, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Signs and sends one transaction of <paramref name="flight"/>; its hash is kept before sending, so a send that timed out is still followed.</summary>
    private async Task SendAsync(long withdrawalId, byte[] data, InFlight flight, CancellationToken cancel)
    {
        var transaction = new Eip1559Transaction
        {
            ChainId = _options.ChainId,
            Nonce = flight.Nonce,
            MaxPriorityFeePerGas = flight.Priority,
            MaxFeePerGas = flight.MaxFee,
            GasLimit = _options.WithdrawGasLimit,
            To = _options.Escrow,
            Data = data,
        }.Sign(_operator);
        flight.Sent.Add(transaction.Hash);
        try
        {
            await _rpc.SendRawTransactionAsync(transaction, cancel).ConfigureAwait(false);
            ChainLog.WithdrawalSent(_logger, withdrawalId, transaction.Hash, flight.Nonce);
        }
        catch (EthRpcException e) when (e.Failure == EthRpcFailure.RpcError && flight.Sent.Count > 1)
        {
            // The replacement was refused (an earlier copy was mined meanwhile, say): follow what was sent.
            ChainLog.RpcFailed(_logger, e.Method, e.Failure, e.Message, TimeSpan.Zero);
        }
    }

    /// <summary>The receipt of <paramref name="hash"/> once its block has the confirmation depth and is still canonical, else null.</summary>
    private async Task<EthReceipt?> ConfirmedReceiptAsync(Hash32 hash, CancellationToken cancel)
    {
        var receipt = await _rpc.GetTransactionReceiptAsync(hash, cancel).ConfigureAwait(false);
        if (receipt is null)
        {
            return null;
        }

        var head = await _rpc.BlockNumberAsync(cancel).ConfigureAwait(false);
        if (head + 1 < receipt.BlockNumber + (ulong)_options.Confirmations)
        {
            return null;
        }

        var block = await _rpc.GetBlockByNumberAsync(receipt.BlockNumber, cancel).ConfigureAwait(false);
        return block is not null && block.Hash == receipt.BlockHash ? receipt : null;
    }

    /// <summary>
    /// Whether the escrow paid this withdrawal: a <c>Withdrawn</c> log with its id in a block at
    /// the confirmation depth, with the same token, destination and amount; a payment not yet
    /// that deep (or known only to <c>withdrawn(id)</c>) is not yet confirmed.
    /// </summary>
    private async Task<Paid> PaidAsync(long withdrawalId, Address token, Address to, BigInteger amount, CancellationToken cancel)
    {
        var head = await _rpc.BlockNumberAsync(cancel).ConfigureAwait(false);
        Span<byte> id = stackalloc byte[32];
        UInt256.WriteBigEndian(new BigInteger(withdrawalId), id);
        var topics = new IReadOnlyList<Hash32>?[] { [_withdrawn.Topic0], [new Hash32(id)] };
        var logs = await _rpc.GetLogsAsync(LogFilter.ForRange(_options.StartBlock, head, [_options.Escrow], topics), cancel).ConfigureAwait(false);
        var confirmedHead = head + 1 >= (ulong)_options.Confirmations ? head + 1 - (ulong)_options.Confirmations : 0;
        foreach (var log in logs)
        {
            var values = _withdrawn.Decode(log);
            if (values[1].AsAddress() != token || values[2].AsAddress() != to || values[3].AsBigInteger() != amount)
            {
                return Paid.OtherTerms;
            }

            return log.BlockNumber <= confirmedHead ? Paid.Yes : Paid.NotYetConfirmed;
        }

        return Paid.No;
    }

    private async Task<bool> IsEscrowPausedAsync(CancellationToken cancel) =>
        Abi.DecodeBool(await _rpc.CallAsync(_options.Escrow, _paused.EncodeCall(), BlockTag.Latest, cancel).ConfigureAwait(false));

    private void Finish(long withdrawalId, bool completed, string outcome)
    {
        _inFlight.Remove(withdrawalId);
        ChainLog.WithdrawalFinished(_logger, withdrawalId, outcome);
        var command = new Command
        {
            Type = completed ? CommandType.CompleteWithdrawal : CommandType.FailWithdrawal,
            WithdrawalId = withdrawalId,
            Origin = new Origin(GatewayId, WithdrawalSession, withdrawalId),
        };
        if (!_publisher.PublishWaiting(command))
        {
            // Stopping: the withdrawal is still pending in the core, and the next start finds it paid (or pays it).
            throw new OperationCanceledException("the server is stopping");
        }

        Interlocked.Increment(ref completed ? ref _withdrawalsCompleted : ref _withdrawalsFailed);
    }

    private async Task WaitWhileAsync(Func<bool> condition, CancellationToken cancel)
    {
        while (condition())
        {
            await Task.Delay(_options.PollInterval, _time, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>A withdrawal's transaction: its nonce, current fees and every hash sent with that nonce.</summary>
    private sealed class InFlight(ulong nonce, BigInteger priority, BigInteger maxFee)
    {
        public ulong Nonce { get; } = nonce;

        public BigInteger Priority { get; set; } = priority;

        public BigInteger MaxFee { get; set; } = maxFee;

        public List<Hash32> Sent { get; } = [];
    }
}
