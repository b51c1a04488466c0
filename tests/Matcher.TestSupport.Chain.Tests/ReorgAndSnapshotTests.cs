using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matcher.TestSupport.Chain.Tests;

/// <summary>
/// What anvil_reorg and evm_snapshot/evm_revert do to blocks, receipts and logs: the behaviour a
/// deposit watcher must cope with. Each test owns its node.
/// </summary>
public sealed class ReorgAndSnapshotTests
{
    private AnvilNode _node = null!;
    private TestTokenContract _token = null!;
    private MatcherEscrowContract _escrow = null!;

    private string Owner => _node.Accounts[0].Address;

    private string Alice => _node.Accounts[2].Address;

    [SetUp]
    public async Task StartNodeAndDeploy()
    {
        _node = await AnvilNode.StartAsync();
        _token = await TestTokenContract.DeployAsync(_node, Owner, "Test USD", "TUSD", 6);
        _escrow = await MatcherEscrowContract.DeployAsync(_node, Owner, _node.Accounts[1].Address);
        await _token.MintAsync(Owner, Alice, 1_000);
        await _token.ApproveAsync(Alice, _escrow.Address, 1_000);
    }

    [TearDown]
    public async Task StopNode() => await _node.DisposeAsync();

    private Task<IReadOnlyList<LogEntry>> DepositLogsAsync() =>
        _node.GetLogsAsync(_escrow.Address, 0, null, Abi.Topic(MatcherEscrowContract.DepositedEvent));

    [Test]
    public async Task ReorgAsync_Depth_ReplacesTheLastBlocksAtTheSameHeight()
    {
        await _node.MineAsync(5);
        var head = await _node.BlockNumberAsync();
        var before = new List<BlockInfo>();
        for (var number = head - 5; number <= head; number++)
        {
            before.Add((await _node.GetBlockAsync(number))!);
        }

        await _node.ReorgAsync(3);

        Assert.That(await _node.BlockNumberAsync(), Is.EqualTo(head));
        var after = new List<BlockInfo>();
        for (var number = head - 5; number <= head; number++)
        {
            after.Add((await _node.GetBlockAsync(number))!);
        }
        Assert.That(after.Take(3).Select(b => b.Hash), Is.EqualTo(before.Take(3).Select(b => b.Hash)), "below the reorg");
        for (var i = 3; i < 6; i++)
        {
            Assert.That(after[i].Hash, Is.Not.EqualTo(before[i].Hash), $"block {after[i].Number}");
            Assert.That(after[i].ParentHash, Is.EqualTo(after[i - 1].Hash), $"block {after[i].Number} links to the new chain");
        }
        Assert.That(() => _node.ReorgAsync((int)head + 1), Throws.TypeOf<JsonRpcException>());
    }

    [Test]
    public async Task ReorgAsync_OverADeposit_DropsItsLogReceiptAndTransfer()
    {
        var deposit = await _escrow.DepositAsync(Alice, _token.Address, 1, 400);
        Assert.That(await DepositLogsAsync(), Has.Count.EqualTo(1));

        await _node.ReorgAsync(1);

        var replaced = await _node.GetBlockAsync(deposit.BlockNumber);
        Assert.That(replaced!.Hash, Is.Not.EqualTo(deposit.BlockHash));
        Assert.That(replaced.TransactionHashes, Is.Empty);
        Assert.That(await _node.GetReceiptAsync(deposit.TransactionHash), Is.Null);
        Assert.That(await DepositLogsAsync(), Is.Empty);
        Assert.That(await _token.BalanceOfAsync(_escrow.Address), Is.EqualTo(BigInteger.Zero));
        Assert.That(await _token.BalanceOfAsync(Alice), Is.EqualTo(new BigInteger(1_000)));
        // Dropped for good: not back in the pool, not mined again.
        await _node.MineAsync(2);
        Assert.That(await _node.GetReceiptAsync(deposit.TransactionHash), Is.Null);
    }

    [Test]
    public async Task ReorgAsync_WithTransactions_MinesEachAtItsOffsetFromTheCommonAncestor()
    {
        await _node.MineAsync(3);
        var head = await _node.BlockNumberAsync();
        var deposit = AnvilNode.TransactionRequest(Alice, _escrow.Address, MatcherEscrowContract.EncodeDeposit(_token.Address, 9, 100));
        var another = AnvilNode.TransactionRequest(Alice, _escrow.Address, MatcherEscrowContract.EncodeDeposit(_token.Address, 9, 200));

        await _node.ReorgAsync(3, [(deposit, 0), (another, 2)]);

        var logs = await DepositLogsAsync();
        Assert.That(logs.Select(l => l.BlockNumber), Is.EqualTo(new[] { head - 2, head }));
        Assert.That(logs.Select(l => Abi.DecodeUint(l.Data)), Is.EqualTo(new BigInteger[] { 100, 200 }));
        Assert.That(await _node.BlockNumberAsync(), Is.EqualTo(head));
        Assert.That(() => _node.ReorgAsync(2, [(deposit, 2)]), Throws.TypeOf<JsonRpcException>(), "offset must be below depth");
    }

    [Test]
    public async Task ReorgAsync_LogFilter_ReportsNoRemovedLogsOnlyNewBlocks()
    {
        // anvil never reports removed: true (not to filters, not to subscriptions): a watcher
        // must notice a reorg itself, by comparing block hashes and parent hashes.
        var logFilter = (await _node.SendAsync("eth_newFilter", new JsonObject { ["address"] = _escrow.Address })).GetString();
        var blockFilter = (await _node.SendAsync("eth_newBlockFilter")).GetString();
        var deposit = await _escrow.DepositAsync(Alice, _token.Address, 1, 400);
        var seen = await _node.SendAsync("eth_getFilterChanges", logFilter);
        Assert.That(seen.GetArrayLength(), Is.EqualTo(1));
        await _node.SendAsync("eth_getFilterChanges", blockFilter);

        await _node.ReorgAsync(1);

        var logChanges = await _node.SendAsync("eth_getFilterChanges", logFilter);
        var blockChanges = await _node.SendAsync("eth_getFilterChanges", blockFilter);
        Assert.That(logChanges.EnumerateArray().Where(l => l.GetProperty("removed").GetBoolean()), Is.Empty);
        Assert.That(logChanges.GetArrayLength(), Is.Zero);
        Assert.That(blockChanges.EnumerateArray().Select(h => h.GetString()),
            Is.EqualTo(new[] { (await _node.GetBlockAsync(deposit.BlockNumber))!.Hash }));
    }

    [Test]
    public async Task SnapshotAsync_ThenRevertAsync_RollsBackADeposit()
    {
        var snapshot = await _node.SnapshotAsync();
        var headBefore = await _node.BlockNumberAsync();
        var deposit = await _escrow.DepositAsync(Alice, _token.Address, 1, 400);
        Assert.That(await _token.BalanceOfAsync(_escrow.Address), Is.EqualTo(new BigInteger(400)));

        Assert.That(await _node.RevertAsync(snapshot), Is.True);

        Assert.That(await _node.BlockNumberAsync(), Is.EqualTo(headBefore));
        Assert.That(await _token.BalanceOfAsync(_escrow.Address), Is.EqualTo(BigInteger.Zero));
        Assert.That(await _node.GetReceiptAsync(deposit.TransactionHash), Is.Null);
        Assert.That(await DepositLogsAsync(), Is.Empty);
        Assert.That(await _node.RevertAsync(snapshot), Is.False, "a snapshot is used up by reverting to it");

        // The chain goes on from there: the same deposit again lands at the same height in a new block.
        var again = await _escrow.DepositAsync(Alice, _token.Address, 1, 400);
        Assert.That(again.BlockNumber, Is.EqualTo(deposit.BlockNumber));
        Assert.That(await DepositLogsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task KillAsync_ThenRestartAsync_NodeComesBackEmptyOnTheSameUrl()
    {
        var url = _node.Url;
        await _escrow.DepositAsync(Alice, _token.Address, 1, 400);

        await _node.KillAsync();
        Assert.That(async () => await DepositLogsAsync(), Throws.InstanceOf<HttpRequestException>());
        await _node.RestartAsync();

        Assert.That(_node.Url, Is.EqualTo(url));
        Assert.That(await _node.BlockNumberAsync(), Is.Zero);
        var code = await _node.SendAsync("eth_getCode", _escrow.Address, "latest");
        Assert.That(code.GetString(), Is.EqualTo("0x"));
        Assert.That(code.ValueKind, Is.EqualTo(JsonValueKind.String));
    }
}
