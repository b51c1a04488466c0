using System.Net;
using System.Numerics;
using Matcher.Core.Commands;
using Matcher.Core.Text;
using static Matcher.Server.Tests.Chain.ChainHarness;

namespace Matcher.Server.Tests.Chain;

/// <summary>Deposits and withdrawals through the escrow on a real chain (anvil), with the exchange in-process.</summary>
[NonParallelizable]
public sealed class ChainGatewayTests
{
    private static TxHash Tx(string hex) => TxHash.From(Convert.FromHexString(hex[2..]));

    private static ChainAddress AddressOf(string hex) => ChainAddress.From(Convert.FromHexString(hex[2..]));

    [Test]
    public async Task A_deposit_is_credited_once_after_its_confirmations_also_across_restarts()
    {
        await using var chain = await StartAsync();
        var server = StartServer(chain.Options(confirmations: 3));
        var receipt = await chain.DepositAsync(chain.UsdToken, 1001, 1_000_500_000);
        await Task.Delay(300);
        Assert.That(server.ChainGateway!.Status.DepositsCredited, Is.Zero, "one confirmation of three");

        await chain.Node.MineAsync(2);
        await Until(() => server.ChainGateway.Status.DepositsCredited == 1, "the deposit is credited");
        await server.DisposeAsync();

        // A restart without the cursor rescans every block: the core refuses the second credit.
        File.Delete(Path.Combine(chain.Data.Path, "chain", "cursor"));
        var restarted = StartServer(chain.Options(confirmations: 3));
        await chain.Node.MineAsync(1);
        await Until(() => restarted.ChainGateway!.Status.ConfirmedBlock >= receipt.BlockNumber, "the rescan passed the deposit's block");
        await Task.Delay(300);
        var credited = restarted.ChainGateway!.Status.DepositsCredited;
        await restarted.DisposeAsync();

        var engine = chain.RecoverEngine();
        Assert.Multiple(() =>
        {
            Assert.That(credited, Is.Zero, "the rescan credited nothing");
            Assert.That(chain.Balance(1001, Usd), Is.EqualTo((InitialUsd + 1_000_500_000, 0L)), "exactly once");
            Assert.That(engine.IsDepositCredited(Tx(receipt.TransactionHash), (int)receipt.Logs.Single(l => l.Address == chain.Escrow.Address).LogIndex), Is.True);
        });
    }

    [Test]
    public async Task Deposits_that_do_not_fit_are_held_and_unknown_accounts_refused_never_rounded()
    {
        await using var chain = await StartAsync();
        await using var server = StartServer(chain.Options(confirmations: 1));

        await chain.DepositAsync(chain.Weth, 1001, BigInteger.Parse("1000000000000000001", System.Globalization.CultureInfo.InvariantCulture));
        await chain.DepositAsync(chain.Weth, 1001, BigInteger.Parse("2500000000000000000", System.Globalization.CultureInfo.InvariantCulture));
        await chain.DepositAsync(chain.UsdToken, 999, 5_000_000);
        await Until(() => server.ChainGateway!.Status is { DepositsCredited: 1, HeldDeposits: 2, DepositsRefused: 1 }, "one credited, one held, one refused (and held)");

        Assert.That(server.ChainGateway!.HeldDeposits.Select(h => h.Reason), Has.One.Contains("not a whole number of units").And.One.Contains("UnknownAccount"));
        Assert.That(server.WriteMetrics(), Does.Contain("matcher_chain_deposits_held 2\n").And.Contain("matcher_chain_deposits_refused_total 1\n"));
        var kept = File.ReadAllLines(Path.Combine(chain.Data.Path, "chain", "held.jsonl"));
        Assert.That(kept, Has.Length.EqualTo(2), "held deposits outlive a restart");
        Assert.That(kept[1], Does.Contain("\"account\":999"));
        await server.StopAsync();
        Assert.That(chain.Balance(1001, Eth).Available, Is.EqualTo((1000L * 100_000_000) + 250_000_000), "2.5 ETH at scale 8, the 1.000…001 held");
    }

    [Test]
    public async Task A_withdrawal_pays_the_destination_once_and_debits_the_account()
    {
        await using var chain = await StartAsync();
        var server = StartServer(chain.Options(confirmations: 2));
        await chain.DepositAsync(chain.UsdToken, 1002, 300_000_000);
        server.Publisher.PublishWaiting(new Command
        {
            Type = CommandType.RequestWithdrawal,
            AccountId = 1001,
            AssetId = Usd,
            Amount = 250_250_000,
            Destination = AddressOf(chain.Payee),
        });

        await UntilAsync(async () => await chain.UsdToken.BalanceOfAsync(chain.Payee) == 250_250_000, "the tokens arrive");
        await chain.Node.MineAsync(2);
        await Until(() => server.ChainGateway!.Status.WithdrawalsCompleted == 1, "the withdrawal is reported");
        await server.DisposeAsync();

        var engine = chain.RecoverEngine();
        Assert.Multiple(() =>
        {
            Assert.That(chain.Balance(1001, Usd), Is.EqualTo((InitialUsd - 250_250_000, 0L)));
            Assert.That(engine.EnumerateWithdrawals(), Is.Empty, "completed");
        });
    }

    [Test]
    public async Task A_withdrawal_the_escrow_cannot_pay_fails_and_returns_the_funds()
    {
        await using var chain = await StartAsync();
        var server = StartServer(chain.Options(confirmations: 1));
        server.Publisher.PublishWaiting(new Command
        {
            Type = CommandType.RequestWithdrawal,
            AccountId = 1001,
            AssetId = Usd,
            Amount = 9_000_000,
            Destination = AddressOf(chain.Payee),
        });

        await Until(() => server.ChainGateway!.Status.WithdrawalsFailed == 1, "the reverted withdrawal is reported");
        await server.DisposeAsync();

        Assert.That(chain.Balance(1001, Usd), Is.EqualTo((InitialUsd, 0L)), "the escrow held no USDx: the transfer reverted, the lock is released");
        Assert.That(await chain.UsdToken.BalanceOfAsync(chain.Payee), Is.EqualTo(BigInteger.Zero));
    }

    [Test]
    public async Task A_withdrawal_paid_before_a_restart_is_completed_after_it_without_paying_again()
    {
        await using var chain = await StartAsync();

        // Deep enough a confirmation depth that the server stops after paying and before reporting.
        var first = StartServer(chain.Options(confirmations: 50));
        await chain.DepositAsync(chain.UsdToken, 1002, 5_000_000);
        first.Publisher.PublishWaiting(new Command
        {
            Type = CommandType.RequestWithdrawal,
            AccountId = 1001,
            AssetId = Usd,
            Amount = 1_000_000,
            Destination = AddressOf(chain.Payee),
        });
        await UntilAsync(async () => await chain.UsdToken.BalanceOfAsync(chain.Payee) == 1_000_000, "paid on chain");
        await first.DisposeAsync();
        Assert.That(chain.RecoverEngine().EnumerateWithdrawals().Single().Amount, Is.EqualTo(1_000_000), "still pending in the core");
        var sentBefore = await OperatorNonceAsync(chain);

        var second = StartServer(chain.Options(confirmations: 1));
        await Until(() => second.ChainGateway!.Status.WithdrawalsCompleted == 1, "the restarted gateway reports it");
        await second.DisposeAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await chain.UsdToken.BalanceOfAsync(chain.Payee), Is.EqualTo(new BigInteger(1_000_000)), "paid once");
            Assert.That(await OperatorNonceAsync(chain), Is.EqualTo(sentBefore), "no second transaction");
            Assert.That(chain.RecoverEngine().EnumerateWithdrawals(), Is.Empty);
            Assert.That(chain.Balance(1001, Usd), Is.EqualTo((InitialUsd - 1_000_000, 0L)));
        });
    }

    [Test]
    public async Task A_reorg_inside_the_confirmation_depth_and_a_revert_credit_nothing_that_left_the_chain()
    {
        await using var chain = await StartAsync();
        await using var server = StartServer(chain.Options(confirmations: 4));

        await chain.DepositAsync(chain.UsdToken, 1001, 7_000_000);
        await Task.Delay(200);
        await chain.Node.ReorgAsync(2);
        var snapshot = await chain.Node.SnapshotAsync();
        await chain.DepositAsync(chain.UsdToken, 1001, 8_000_000);
        await Task.Delay(200);
        Assert.That(await chain.Node.RevertAsync(snapshot), Is.True);
        await chain.Node.MineAsync(6);
        await Until(() => server.ChainGateway!.Status.ConfirmedBlock >= chain.Node.BlockNumberAsync().Result - 3, "the gateway confirmed past both");
        Assert.That(server.ChainGateway!.Status.Reorgs, Is.Positive);

        var receipt = await chain.DepositAsync(chain.UsdToken, 1001, 9_000_000);
        await chain.Node.MineAsync(3);
        await Until(() => server.ChainGateway.Status.DepositsCredited == 1, "the later deposit is credited");
        await server.StopAsync();

        Assert.That(chain.Balance(1001, Usd).Available, Is.EqualTo(InitialUsd + 9_000_000), "only the deposit still on the chain");
        Assert.That(receipt.Succeeded, Is.True);
    }

    [Test]
    public async Task A_reorg_below_the_confirmation_depth_halts_deposits_and_raises_the_alert()
    {
        await using var chain = await StartAsync();
        await using var server = StartServer(chain.Options(confirmations: 2));
        await chain.DepositAsync(chain.UsdToken, 1001, 3_000_000);
        await chain.Node.MineAsync(1);
        await Until(() => server.ChainGateway!.Status.DepositsCredited == 1, "credited");

        await chain.Node.ReorgAsync(4);
        await chain.Node.MineAsync(1);
        await Until(() => server.ChainGateway!.Status.Halted is not null, "halted");
        await chain.DepositAsync(chain.UsdToken, 1001, 4_000_000);
        await chain.Node.MineAsync(3);
        await Task.Delay(300);

        Assert.That(server.ChainGateway!.Status.DepositsCredited, Is.EqualTo(1), "nothing more while halted");
        Assert.That(server.WriteMetrics(), Does.Contain("matcher_chain_halted 1\n"));
    }

    [Test]
    public async Task A_reorg_below_the_cursor_while_stopped_halts_deposits_at_the_next_start()
    {
        await using var chain = await StartAsync();
        var server = StartServer(chain.Options(confirmations: 2));
        await chain.DepositAsync(chain.UsdToken, 1001, 3_000_000);
        await chain.Node.MineAsync(3);
        await Until(() => server.ChainGateway!.Status.DepositsCredited == 1, "credited");
        await Until(() => File.Exists(Path.Combine(chain.Data.Path, "chain", "cursor")) && File.ReadAllText(Path.Combine(chain.Data.Path, "chain", "cursor")).Contains(' ', StringComparison.Ordinal), "the cursor names its block's hash");
        await server.DisposeAsync();

        await chain.Node.ReorgAsync(5);
        var restarted = StartServer(chain.Options(confirmations: 2));
        await Until(() => restarted.ChainGateway!.Status.Halted is not null, "halted at start");
        await restarted.DisposeAsync();

        Assert.That(chain.Balance(1001, Usd).Available, Is.EqualTo(InitialUsd + 3_000_000), "credited once, before the reorg");
    }

    [Test]
    public async Task The_kill_switches_hold_deposits_and_withdrawals_until_released()
    {
        await using var chain = await StartAsync();
        var options = chain.Options(confirmations: 1);
        options.Http.Url = "http://127.0.0.1:0";
        await using var server = StartServer(options);
        await using var http = new HttpEndpoint(server, options.Http.Url, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await http.StartAsync();
        using var client = new HttpClient { BaseAddress = http.Address };

        Assert.That((await client.PostAsync("admin/chain/deposits/pause", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.PostAsync("admin/chain/withdrawals/pause", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await chain.DepositAsync(chain.UsdToken, 1001, 2_000_000);
        server.Publisher.PublishWaiting(new Command
        {
            Type = CommandType.RequestWithdrawal,
            AccountId = 1001,
            AssetId = Usd,
            Amount = 500_000,
            Destination = AddressOf(chain.Payee),
        });
        await chain.Node.MineAsync(2);
        await Task.Delay(500);
        Assert.That(server.ChainGateway!.Status.DepositsCredited, Is.Zero);
        Assert.That(await chain.UsdToken.BalanceOfAsync(chain.Payee), Is.EqualTo(BigInteger.Zero));
        Assert.That(await client.GetStringAsync("admin/chain"), Does.Contain("\"depositsPaused\":true"));

        // The contract's own pause: the withdrawal waits rather than fails.
        await chain.Escrow.PauseAsync(chain.Owner);
        await client.PostAsync("admin/chain/deposits/resume", null);
        await client.PostAsync("admin/chain/withdrawals/resume", null);
        await Until(() => server.ChainGateway.Status.DepositsCredited == 1, "deposits resumed");
        await Task.Delay(500);
        Assert.That(await chain.UsdToken.BalanceOfAsync(chain.Payee), Is.EqualTo(BigInteger.Zero), "the escrow is paused");
        Assert.That(server.ChainGateway.Status.PendingWithdrawals, Is.EqualTo(1), "waiting, not failed");

        await chain.Escrow.UnpauseAsync(chain.Owner);
        await UntilAsync(async () => await chain.UsdToken.BalanceOfAsync(chain.Payee) == 500_000, "paid after the unpause");
        Assert.That((await client.PostAsync("admin/chain/coffee/pause", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var fromPage = new HttpRequestMessage(HttpMethod.Post, "admin/chain/deposits/pause");
        fromPage.Headers.Add("Origin", "https://evil.example.org");
        Assert.That((await client.SendAsync(fromPage)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no kill switch from a web page");
        Assert.That(server.ChainGateway.Status.DepositsPaused, Is.False);
    }

    [Test]
    public async Task A_node_that_disappears_is_retried_while_the_engine_keeps_trading()
    {
        await using var chain = await StartAsync();
        await using var server = StartServer(chain.Options(confirmations: 1));
        await Until(() => server.ChainGateway!.Status.LastSeenBlock >= 0, "following");

        await chain.Node.KillAsync();
        await Until(() => server.ChainGateway!.Status.RpcErrors >= 3, "RPC errors counted and retried");
        var before = server.CommandsProcessed;
        server.Publisher.PublishWaiting(new Command
        {
            Type = CommandType.PlaceOrder,
            AccountId = 1001,
            InstrumentId = 1,
            Side = Side.Buy,
            OrderType = OrderType.Limit,
            TimeInForce = TimeInForce.GoodTillCancel,
            PriceTicks = 100,
            QuantityLots = 100,
            ClientOrderId = ClientOrderId.From("while-down"),
        });
        await Until(() => server.CommandsProcessed == before + 1, "the engine trades");
        Assert.That(server.Fault, Is.Null);
    }

    [Test]
    public async Task Malformed_answers_are_retried_and_hurt_nothing()
    {
        await using var chain = await StartAsync();
        using var garbage = new GarbageRpcServer();
        await using var server = StartServer(chain.Options(confirmations: 1, c => c.RpcUrl = garbage.Url));

        await Until(() => server.ChainGateway!.Status.RpcErrors >= 5, "every garbled answer is an RPC error, retried");
        Assert.That(server.Fault, Is.Null);
        Assert.That(server.ChainGateway!.Status.LastSeenBlock, Is.EqualTo(-1));
        Assert.That(garbage.Requests, Is.GreaterThanOrEqualTo(5));
    }

    private static async Task<long> OperatorNonceAsync(ChainHarness chain) =>
        Convert.ToInt64((await chain.Node.SendAsync("eth_getTransactionCount", chain.Operator.Address, "latest")).GetString(), 16);
}
