using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matcher.TestSupport.Chain;

/// <summary>JSON-RPC helpers: anvil's test methods and the few eth_ methods tests use.</summary>
public sealed partial class AnvilNode
{
    private static readonly TimeSpan _receiptPollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan _defaultReceiptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Any JSON-RPC method, raw: returns the <c>result</c>; see <see cref="JsonRpcClient.SendAsync(string, JsonNode?[])"/>.</summary>
    public Task<JsonElement> SendAsync(string method, params JsonNode?[] parameters) => Rpc.SendAsync(method, parameters);

    /// <summary>eth_blockNumber: the latest block's number.</summary>
    public async Task<long> BlockNumberAsync() =>
        Hex.ParseLong((await SendAsync("eth_blockNumber").ConfigureAwait(false)).GetString()!);

    /// <summary>anvil_mine: mines <paramref name="blocks"/> blocks now (whatever the mining mode), with any pending transactions in the first.</summary>
    public Task MineAsync(int blocks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocks);
        return SendAsync("anvil_mine", Hex.Quantity(blocks));
    }

    /// <summary>evm_setAutomine: true mines each transaction at once in its own block; false leaves them pending until mined.</summary>
    public Task SetAutomineAsync(bool enabled) => SendAsync("evm_setAutomine", enabled);

    /// <summary>evm_setIntervalMining: a block every <paramref name="seconds"/> seconds; 0 turns interval mining off (see <see cref="SetAutomineAsync"/> to mine per transaction again).</summary>
    public Task SetIntervalMiningAsync(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        return SendAsync("evm_setIntervalMining", seconds);
    }

    /// <summary>evm_snapshot: records the chain (blocks and state) and returns the snapshot's id for <see cref="RevertAsync"/>.</summary>
    public async Task<string> SnapshotAsync() => (await SendAsync("evm_snapshot").ConfigureAwait(false)).GetString()!;

    /// <summary>
    /// evm_revert: puts the chain back to snapshot <paramref name="snapshotId"/>: the blocks mined
    /// since are gone and the block number goes back. False when there is no such snapshot. A
    /// snapshot is used up by reverting to it: take a new one to revert there again.
    /// </summary>
    public async Task<bool> RevertAsync(string snapshotId) =>
        (await SendAsync("evm_revert", snapshotId).ConfigureAwait(false)).GetBoolean();

    /// <summary>
    /// anvil_reorg with no transactions: the last <paramref name="depth"/> blocks are replaced by as
    /// many new, empty blocks (new hashes, same height). The transactions of the replaced blocks are
    /// dropped, not mined again: their receipts and logs disappear. anvil tells no one about the
    /// logs it dropped (no <c>removed: true</c> to filters or subscriptions; new blocks are reported):
    /// a watcher must notice a reorg itself, from block hashes and parent hashes.
    /// </summary>
    public Task ReorgAsync(int depth) => ReorgAsync(depth, []);

    /// <summary>
    /// anvil_reorg: replaces the last <paramref name="depth"/> blocks with as many new blocks, putting
    /// each transaction request (e.g. <see cref="TransactionRequest"/>; anvil signs for its dev accounts
    /// and sets the nonces) in the new block at its offset from the common ancestor: 0 is the first
    /// new block, up to <paramref name="depth"/> − 1. The replaced blocks' own transactions are dropped.
    /// </summary>
    public Task ReorgAsync(int depth, IEnumerable<(JsonObject Transaction, int BlockOffset)> transactions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        ArgumentNullException.ThrowIfNull(transactions);
        var pairs = new JsonArray();
        foreach (var (transaction, offset) in transactions)
        {
            pairs.Add(new JsonArray(transaction.DeepClone(), offset));
        }
        return SendAsync("anvil_reorg", depth, pairs);
    }

    /// <summary>eth_getBlockByNumber (hashes only) for a number; null when there is no such block yet.</summary>
    public Task<BlockInfo?> GetBlockAsync(long number) => GetBlockAsync(Hex.Quantity(number));

    /// <summary>eth_getBlockByNumber (hashes only) for a tag (<c>latest</c>, <c>earliest</c>, <c>finalized</c>…) or hex number.</summary>
    public async Task<BlockInfo?> GetBlockAsync(string block)
    {
        var result = await SendAsync("eth_getBlockByNumber", block, false).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : BlockInfo.FromJson(result);
    }

    /// <summary>A transaction request object, for eth_sendTransaction, eth_call or <see cref="ReorgAsync(int, IEnumerable{ValueTuple{JsonObject, int}})"/>.</summary>
    public static JsonObject TransactionRequest(string from, string? to, string data, BigInteger? value = null, long? gas = null)
    {
        var request = new JsonObject { ["from"] = Abi.NormalizeAddress(from), ["data"] = data };
        if (to is not null)
        {
            request["to"] = Abi.NormalizeAddress(to);
        }
        if (value is { } v)
        {
            request["value"] = Hex.Quantity(v);
        }
        if (gas is { } g)
        {
            request["gas"] = Hex.Quantity(g);
        }
        return request;
    }

    /// <summary>
    /// eth_sendTransaction from an unlocked dev account; returns the transaction hash. A transaction
    /// that reverts is still mined (anvil does not refuse it): its receipt says it failed.
    /// </summary>
    public async Task<string> SendTransactionAsync(string from, string? to, string data, BigInteger? value = null, long? gas = null) =>
        (await SendAsync("eth_sendTransaction", TransactionRequest(from, to, data, value, gas)).ConfigureAwait(false))
            .GetString()!.ToLowerInvariant();

    /// <summary>eth_getTransactionReceipt; null while the transaction is pending, or when it is unknown (never sent, or dropped by a reorg).</summary>
    public async Task<TransactionReceipt?> GetReceiptAsync(string transactionHash)
    {
        var result = await SendAsync("eth_getTransactionReceipt", transactionHash).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : TransactionReceipt.FromJson(result);
    }

    /// <summary>Polls (every 20 ms, no busy wait) until the transaction has a receipt; with automine off, something must mine it.</summary>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, TimeSpan? timeout = null)
    {
        var limit = timeout ?? _defaultReceiptTimeout;
        using var deadline = new CancellationTokenSource(limit);
        while (true)
        {
            if (await GetReceiptAsync(transactionHash).ConfigureAwait(false) is { } receipt)
            {
                return receipt;
            }
            try
            {
                await Task.Delay(_receiptPollInterval, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"No receipt for {transactionHash} within {limit.TotalSeconds:0.#} s (is mining off?).");
            }
        }
    }

    /// <summary>
    /// <see cref="SendTransactionAsync"/> then <see cref="WaitForReceiptAsync"/> (for automine, the
    /// usual mode). When the transaction reverted, throws <see cref="TransactionRevertedException"/>
    /// with the revert data, found by replaying it with eth_call on the state before its block.
    /// </summary>
    public async Task<TransactionReceipt> TransactAsync(string from, string? to, string data, BigInteger? value = null, long? gas = null)
    {
        var hash = await SendTransactionAsync(from, to, data, value, gas).ConfigureAwait(false);
        var receipt = await WaitForReceiptAsync(hash).ConfigureAwait(false);
        if (receipt.Succeeded)
        {
            return receipt;
        }
        var replay = TransactionRequest(from, to, data, value, gas);
        try
        {
            await SendAsync("eth_call", replay, Hex.Quantity(receipt.BlockNumber - 1)).ConfigureAwait(false);
        }
        catch (JsonRpcException e)
        {
            throw new TransactionRevertedException(receipt, e.RevertData, e);
        }
        throw new TransactionRevertedException(receipt, null, null);
    }

    /// <summary>eth_call: the return data (<c>0x</c> hex) of calling <paramref name="to"/> with <paramref name="data"/> at <paramref name="block"/>; a revert throws <see cref="JsonRpcException"/>.</summary>
    public async Task<string> CallAsync(string to, string data, string block = "latest", string? from = null)
    {
        var request = new JsonObject { ["to"] = Abi.NormalizeAddress(to), ["data"] = data };
        if (from is not null)
        {
            request["from"] = Abi.NormalizeAddress(from);
        }
        return (await SendAsync("eth_call", request, block).ConfigureAwait(false)).GetString()!.ToLowerInvariant();
    }

    /// <summary>
    /// eth_getLogs of <paramref name="address"/> (null: any) from <paramref name="fromBlock"/> to
    /// <paramref name="toBlock"/> (null: latest), filtered by topics by position (a null topic
    /// matches anything). Only logs of the current chain: a reorg's dropped logs are simply absent.
    /// </summary>
    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(string? address, long fromBlock, long? toBlock = null, params string?[] topics)
    {
        var filter = new JsonObject
        {
            ["fromBlock"] = Hex.Quantity(fromBlock),
            ["toBlock"] = toBlock is { } to ? Hex.Quantity(to) : "latest",
        };
        if (address is not null)
        {
            filter["address"] = Abi.NormalizeAddress(address);
        }
        if (topics.Length > 0)
        {
            filter["topics"] = new JsonArray([.. topics.Select(t => t is null ? null : JsonValue.Create(t))]);
        }
        var result = await SendAsync("eth_getLogs", filter).ConfigureAwait(false);
        return [.. result.EnumerateArray().Select(LogEntry.FromJson)];
    }

    /// <summary>eth_getBalance in wei.</summary>
    public async Task<BigInteger> GetBalanceAsync(string address, string block = "latest") =>
        Hex.ParseQuantity((await SendAsync("eth_getBalance", Abi.NormalizeAddress(address), block).ConfigureAwait(false)).GetString()!);

    /// <summary>A block number as a JSON-RPC block parameter.</summary>
    public static string BlockTag(long number) => Hex.Quantity(number);
}
