using System.Collections.Concurrent;
using System.Numerics;
using System.Threading.Channels;
using Matcher.Core.Commands;
using Matcher.Core.State;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain;

/// <summary>
/// Withdrawals: each one the core approved (funds locked) with a destination and a mapped
/// asset is paid by the escrow's <c>withdraw(id, token, to, amount)</c>, signed here
/// (EIP-1559), followed to its receipt and the confirmation depth, then reported to the core
/// as <c>CompleteWithdrawal</c> or <c>FailWithdrawal</c>.
/// </summary>
/// <remarks>
/// Restart-safe: before sending, the escrow is asked whether the id is already paid
/// (<c>withdrawn(id)</c>), and the escrow refuses to pay an id twice, so a withdrawal sent
/// before a crash and sent again after it costs gas at worst, never money. Withdrawals are
/// paid one at a time, in the order the core approved them.
/// </remarks>
public sealed partial class ChainGateway
{
    private static readonly AbiFunction _withdraw = AbiFunction.Parse("withdraw(uint64,address,address,uint256)");
    private static readonly AbiFunction _withdrawn = AbiFunction.Parse("withdrawn(uint64)");
    private static readonly AbiFunction _paused = AbiFunction.Parse("paused()");

    private readonly Channel<WithdrawalView> _withdrawalQueue = Channel.CreateUnbounded<WithdrawalView>();
    private readonly ConcurrentDictionary<long, byte> _unfinished = new();

    private int PendingWithdrawals => _unfinished.Count;

    /// <summary>Queues a withdrawal this gateway pays: one with a chain destination in a mapped asset; others are paid elsewhere.</summary>
    private void EnqueueWithdrawal(WithdrawalView withdrawal)
    {
        if (withdrawal.Destination.IsEmpty || !_tokensByAsset.ContainsKey(withdrawal.AssetId) || !_unfinished.TryAdd(withdrawal.Id, 0))
        {
            return;
        }

        _withdrawalQueue.Writer.TryWrite(withdrawal);
    }

    private async Task RunWithdrawalsAsync(CancellationToken cancel)
    {
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
            }

            _unfinished.TryRemove(withdrawal.Id, out _);
        }
    }

    private async Task PayAsync(WithdrawalView withdrawal, CancellationToken cancel)
    {
        var token = _tokensByAsset[withdrawal.AssetId];
        if (!_assetScales.TryGetValue(withdrawal.AssetId, out var scale) || !TokenAmounts.TryToTokens(withdrawal.Amount, token.Decimals, scale, out var amount))
        {
            Finish(withdrawal.Id, completed: false, $"failed: {withdrawal.Amount} units of asset {withdrawal.AssetId} cannot be paid in a token of {token.Decimals} decimals");
            return;
        }

        Span<byte> destination = stackalloc byte[20];
        withdrawal.Destination.CopyTo(destination);
        var data = _withdraw.EncodeCall(
            AbiValue.FromUInt64((ulong)withdrawal.Id), AbiValue.FromAddress(token.Token), AbiValue.FromAddress(new Address(destination)), AbiValue.FromUInt256(amount));
        while (true)
        {
            await WaitWhileAsync(() => _withdrawalsPaused, cancel).ConfigureAwait(false);
            if (await IsPaidAsync(withdrawal.Id, cancel).ConfigureAwait(false))
            {
                Finish(withdrawal.Id, completed: true, "completed (already paid by the escrow)");
                return;
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
                Finish(withdrawal.Id, completed: true, $"completed in {receipt.TransactionHash} (block {receipt.BlockNumber})");
                return;
            }

            // Reverted: paid meanwhile (a copy sent before a restart), paused meanwhile, or refused for good.
            if (await IsPaidAsync(withdrawal.Id, cancel).ConfigureAwait(false))
            {
                Finish(withdrawal.Id, completed: true, "completed (paid by an earlier transaction)");
                return;
            }

            if (!await IsEscrowPausedAsync(cancel).ConfigureAwait(false))
            {
                Finish(withdrawal.Id, completed: false, $"failed: {receipt.TransactionHash} reverted");
                return;
            }
        }
    }

    /// <summary>Signs and sends a withdraw transaction, sends it again with higher fees (same nonce) while it is not mined, and returns its receipt once confirmed.</summary>
    private async Task<EthReceipt> SendAndFollowAsync(long withdrawalId, byte[] data, CancellationToken cancel)
    {
        var nonce = await _rpc.GetTransactionCountAsync(_operator.Address, BlockTag.Pending, cancel).ConfigureAwait(false);
        var priority = await _rpc.MaxPriorityFeePerGasAsync(cancel).ConfigureAwait(false);
        var maxFee = (await _rpc.GetBaseFeeAsync(cancel).ConfigureAwait(false) * 2) + priority;
        var sent = new List<Hash32>();
        while (true)
        {
            var transaction = new Eip1559Transaction
            {
                ChainId = _options.ChainId,
                Nonce = nonce,
                MaxPriorityFeePerGas = priority,
                MaxFeePerGas = maxFee,
                GasLimit = _options.WithdrawGasLimit,
                To = _options.Escrow,
                Data = data,
            }.Sign(_operator);
            try
            {
                await _rpc.SendRawTransactionAsync(transaction, cancel).ConfigureAwait(false);
                ChainLog.WithdrawalSent(_logger, withdrawalId, transaction.Hash, nonce);
            }
            catch (EthRpcException e) when (e.Failure == EthRpcFailure.RpcError && sent.Count > 0)
            {
                // The replacement was refused (an earlier copy was mined meanwhile, say): follow what was sent.
                ChainLog.RpcFailed(_logger, e.Method, e.Failure, e.Message, TimeSpan.Zero);
            }

            sent.Add(transaction.Hash);
            var deadline = _time.GetUtcNow() + _options.ResendAfter;
            while (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(_options.PollInterval, _time, cancel).ConfigureAwait(false);
                foreach (var hash in sent)
                {
                    if (await ConfirmedReceiptAsync(hash, cancel).ConfigureAwait(false) is { } receipt)
                    {
                        return receipt;
                    }
                }
            }

            // Not mined in time: the same nonce with fees raised by a quarter replaces it.
            priority = (priority * 5 / 4) + 1;
            maxFee = (maxFee * 5 / 4) + 1;
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

    private async Task<bool> IsPaidAsync(long withdrawalId, CancellationToken cancel) =>
        Abi.DecodeBool(await _rpc.CallAsync(_options.Escrow, _withdrawn.EncodeCall(AbiValue.FromUInt64((ulong)withdrawalId)), BlockTag.Latest, cancel).ConfigureAwait(false));

    private async Task<bool> IsEscrowPausedAsync(CancellationToken cancel) =>
        Abi.DecodeBool(await _rpc.CallAsync(_options.Escrow, _paused.EncodeCall(), BlockTag.Latest, cancel).ConfigureAwait(false));

    private void Finish(long withdrawalId, bool completed, string outcome)
    {
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
}
