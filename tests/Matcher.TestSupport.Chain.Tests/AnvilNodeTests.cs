using System.Net.Sockets;
using System.Numerics;

namespace Matcher.TestSupport.Chain.Tests;

/// <summary>Starting, stopping, killing and restarting anvil: each test owns its node.</summary>
public sealed class AnvilNodeTests
{
    private const string FirstDevKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string FirstDevAddress = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    [Test]
    public async Task StartAsync_Defaults_ListensOnAFreePortWithTheDevAccounts()
    {
        await using var node = await AnvilNode.StartAsync();

        Assert.That(node.IsRunning, Is.True);
        Assert.That(node.Port, Is.Not.EqualTo(8545).And.GreaterThan(0));
        Assert.That(node.Url.ToString(), Is.EqualTo($"http://127.0.0.1:{node.Port}/"));
        Assert.That(node.ChainId, Is.EqualTo(31337));
        Assert.That(node.Accounts, Has.Count.EqualTo(10));
        Assert.That(node.Accounts[0], Is.EqualTo(new DevAccount(FirstDevAddress, FirstDevKey)));
        Assert.That(node.Accounts.Select(a => a.Address).Distinct().Count(), Is.EqualTo(10));
        Assert.That(await node.BlockNumberAsync(), Is.Zero);
        Assert.That(await node.GetBalanceAsync(node.Accounts[9].Address), Is.EqualTo(BigInteger.Pow(10, 22)));
        var unlocked = await node.SendAsync("eth_accounts");
        Assert.That(unlocked.EnumerateArray().Select(a => a.GetString()!.ToLowerInvariant()),
            Is.EqualTo(node.Accounts.Select(a => a.Address)));
    }

    [Test]
    public async Task StartAsync_ChainIdAndAccounts_AreApplied()
    {
        await using var node = await AnvilNode.StartAsync(new AnvilOptions { ChainId = 1337, Accounts = 3 });

        Assert.That(node.ChainId, Is.EqualTo(1337));
        Assert.That(node.Accounts, Has.Count.EqualTo(3));
        Assert.That(node.Accounts[0].PrivateKey, Is.EqualTo(FirstDevKey));
    }

    [Test]
    public async Task StartAsync_TwoNodes_GetSeparatePortsAndChains()
    {
        await using var first = await AnvilNode.StartAsync();
        await using var second = await AnvilNode.StartAsync();

        await first.MineAsync(3);

        Assert.That(first.Port, Is.Not.EqualTo(second.Port));
        Assert.That(first.WorkingDirectory, Is.Not.EqualTo(second.WorkingDirectory));
        Assert.That(await first.BlockNumberAsync(), Is.EqualTo(3));
        Assert.That(await second.BlockNumberAsync(), Is.Zero);
    }

    [Test]
    public async Task MineAsync_Blocks_AdvancesTheHeadLinkedByParentHashes()
    {
        await using var node = await AnvilNode.StartAsync();

        await node.MineAsync(5);

        Assert.That(await node.BlockNumberAsync(), Is.EqualTo(5));
        for (var number = 1; number <= 5; number++)
        {
            var block = await node.GetBlockAsync(number);
            var parent = await node.GetBlockAsync(number - 1);
            Assert.That(block!.ParentHash, Is.EqualTo(parent!.Hash));
        }
        Assert.That(await node.GetBlockAsync(6), Is.Null);
    }

    [Test]
    public async Task Automine_Off_LeavesTheTransactionPendingUntilMined()
    {
        await using var node = await AnvilNode.StartAsync(new AnvilOptions { Automine = false });
        var (from, to) = (node.Accounts[0].Address, node.Accounts[1].Address);

        var hash = await node.SendTransactionAsync(from, to, "0x", value: 1);

        Assert.That(await node.GetReceiptAsync(hash), Is.Null);
        Assert.That(await node.BlockNumberAsync(), Is.Zero);
        await node.MineAsync();
        var receipt = await node.GetReceiptAsync(hash);
        Assert.That(receipt, Is.Not.Null);
        Assert.That(receipt!.BlockNumber, Is.EqualTo(1));

        await node.SetAutomineAsync(true);
        var mined = await node.TransactAsync(from, to, "0x", value: 1);
        Assert.That(mined.BlockNumber, Is.EqualTo(2));
    }

    [Test]
    public async Task SendAsync_UnknownMethod_ThrowsJsonRpcExceptionWithTheCode()
    {
        await using var node = await AnvilNode.StartAsync();

        var error = await Assert.ThrowsAsync<JsonRpcException>(async () => await node.SendAsync("no_suchMethod"));

        Assert.That(error!.Method, Is.EqualTo("no_suchMethod"));
        Assert.That(error.Code, Is.EqualTo(-32601));
    }

    [Test]
    public async Task KillAsync_ThenRestartAsync_ComesBackOnTheSamePortWithAFreshChain()
    {
        await using var node = await AnvilNode.StartAsync();
        var port = node.Port;
        await node.MineAsync(4);

        await node.KillAsync();

        Assert.That(node.IsRunning, Is.False);
        Assert.That(async () => await node.BlockNumberAsync(), Throws.InstanceOf<HttpRequestException>());
        Assert.That(() => node.KillAsync(), Throws.InvalidOperationException);

        await node.RestartAsync();

        Assert.That(node.IsRunning, Is.True);
        Assert.That(node.Port, Is.EqualTo(port));
        Assert.That(await node.BlockNumberAsync(), Is.Zero);
        Assert.That(() => node.RestartAsync(), Throws.InvalidOperationException);
    }

    [Test]
    public async Task StopAsync_PersistState_RestartResumesTheSameChain()
    {
        await using var node = await AnvilNode.StartAsync(new AnvilOptions { PersistState = true });
        await node.MineAsync(4);
        var head = await node.GetBlockAsync("latest");

        await node.StopAsync();
        Assert.That(node.IsRunning, Is.False);
        await node.RestartAsync();

        Assert.That(await node.BlockNumberAsync(), Is.EqualTo(4));
        Assert.That((await node.GetBlockAsync(4))!.Hash, Is.EqualTo(head!.Hash));
    }

    [Test]
    public async Task DisposeAsync_Running_StopsTheNodeAndDeletesItsDirectory()
    {
        var node = await AnvilNode.StartAsync();
        var directory = node.WorkingDirectory;
        var port = node.Port;
        Assert.That(directory, Does.Exist);

        await node.DisposeAsync();
        await node.DisposeAsync();

        Assert.That(node.IsRunning, Is.False);
        Assert.That(directory, Does.Not.Exist);
        using var client = new TcpClient();
        Assert.That(async () => await client.ConnectAsync("127.0.0.1", port), Throws.InstanceOf<SocketException>());
        Assert.That(() => node.RestartAsync(), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void StartAsync_MissingBinary_ThrowsSayingHowToInstall()
    {
        Assert.That(
            async () => await AnvilNode.StartAsync(new AnvilOptions { AnvilPath = "/nonexistent/anvil" }),
            Throws.InvalidOperationException
                .With.Message.Contains("/nonexistent/anvil")
                .And.Message.Contains("ensure_chain_tools")
                .And.Message.Contains(AnvilNode.AnvilPathVariable));
    }

    [Test]
    public void StartAsync_BadArgument_ThrowsWithAnvilsOutput()
    {
        Assert.That(
            async () => await AnvilNode.StartAsync(new AnvilOptions { ExtraArguments = ["--no-such-flag"] }),
            Throws.InvalidOperationException
                .With.Message.Contains("exited with code")
                .And.Message.Contains("--no-such-flag"));
    }
}
