using System.Numerics;
using Matcher.Cli.Serve;
using Matcher.Core;
using Matcher.Journal;
using Matcher.Server.Configuration;
using Matcher.TestSupport.Chain;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Server.Tests.Chain;

/// <summary>
/// A real chain (anvil) with the escrow and two test tokens deployed, and a helper to run
/// the exchange in-process against it: USDx (6 decimals) credits USD (asset 3, scale 6),
/// WETH (18 decimals) credits ETH (asset 2, scale 8).
/// </summary>
internal sealed class ChainHarness : IAsyncDisposable
{
    public const int Usd = 3;
    public const int Eth = 2;
    public const long InitialUsd = 10_000_000L * 1_000_000;

    private ChainHarness(AnvilNode node, TestTokenContract usd, TestTokenContract weth, MatcherEscrowContract escrow, TempDirectory data)
    {
        Node = node;
        UsdToken = usd;
        Weth = weth;
        Escrow = escrow;
        Data = data;
    }

    public AnvilNode Node { get; }

    public TestTokenContract UsdToken { get; }

    public TestTokenContract Weth { get; }

    public MatcherEscrowContract Escrow { get; }

    public TempDirectory Data { get; }

    public string Owner => Node.Accounts[0].Address;

    public DevAccount Operator => Node.Accounts[1];

    public string User => Node.Accounts[2].Address;

    public string Payee => Node.Accounts[3].Address;

    public static async Task<ChainHarness> StartAsync()
    {
        var node = await AnvilNode.StartAsync();
        var owner = node.Accounts[0].Address;
        var usd = await TestTokenContract.DeployAsync(node, owner, "USD test", "USDx", 6);
        var weth = await TestTokenContract.DeployAsync(node, owner, "Wrapped ether test", "WETH", 18);
        var escrow = await MatcherEscrowContract.DeployAsync(node, owner, node.Accounts[1].Address);
        return new ChainHarness(node, usd, weth, escrow, new TempDirectory());
    }

    public ServerOptions Options(int confirmations = 3, Action<ChainSettings>? configure = null)
    {
        var chain = new ChainSettings
        {
            Enabled = true,
            RpcUrl = Node.Url.ToString(),
            ChainId = (ulong)Node.ChainId,
            Escrow = Escrow.Address,
            OperatorKey = Operator.PrivateKey,
            Confirmations = confirmations,
            PollIntervalMs = 50,
            MaxBackoffMs = 200,
            ResendAfterSeconds = 5,
            Tokens =
            [
                new TokenConfig { Token = UsdToken.Address, AssetId = Usd, Decimals = 6 },
                new TokenConfig { Token = Weth.Address, AssetId = Eth, Decimals = 18 },
            ],
        };
        configure?.Invoke(chain);
        return new ServerOptions
        {
            DataDirectory = Data.Path,
            Http = new HttpSettings { Url = "http://127.0.0.1:0" },
            Fix = new FixSettings { Enabled = false },
            WebSocket = new WebSocketSettings { Enabled = false },
            Journal = new JournalSettings { SnapshotEveryCommands = 0 },
            Chain = chain,
            ExpireOrdersEveryMs = 0,
        };
    }

    public static MatcherServer StartServer(ServerOptions options)
    {
        var server = new MatcherServer(options, SetupCommands.Load("demo/setup.json"), NullLoggerFactory.Instance);
        server.Start();
        return server;
    }

    /// <summary>Mints, approves and deposits from the user; returns the deposit's receipt.</summary>
    public async Task<TransactionReceipt> DepositAsync(TestTokenContract token, ulong accountId, BigInteger amount)
    {
        await token.MintAsync(User, User, amount);
        await token.ApproveAsync(User, Escrow.Address, amount);
        return await Escrow.DepositAsync(User, token.Address, accountId, amount);
    }

    /// <summary>The engine as the journal rebuilds it (the server must be stopped).</summary>
    public MatchingEngine RecoverEngine() =>
        JournalStartup.Recover(Path.Combine(Data.Path, "journal"), new SnapshotStore(Path.Combine(Data.Path, "snapshots"))).Engine;

    public (long Available, long Locked) Balance(long accountId, int assetId)
    {
        Assert.That(RecoverEngine().TryGetBalance(accountId, assetId, out var available, out var locked), Is.True);
        return (available, locked);
    }

    public static async Task Until(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting until " + what);
            }

            await Task.Delay(20);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting until " + what);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        Data.Dispose();
    }
}
