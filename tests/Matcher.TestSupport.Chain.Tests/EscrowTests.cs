using System.Numerics;

namespace Matcher.TestSupport.Chain.Tests;

/// <summary>
/// MatcherEscrow and TestToken on one node for the fixture: each test runs between an
/// evm_snapshot and an evm_revert, so it starts from freshly deployed contracts.
/// </summary>
public sealed class EscrowTests
{
    private AnvilNode _node = null!;
    private TestTokenContract _usd = null!;
    private TestTokenContract _eth = null!;
    private MatcherEscrowContract _escrow = null!;
    private string _snapshot = "";

    private string Owner => _node.Accounts[0].Address;

    private string Operator => _node.Accounts[1].Address;

    private string Alice => _node.Accounts[2].Address;

    private string Bob => _node.Accounts[3].Address;

    [OneTimeSetUp]
    public async Task StartNodeAndDeploy()
    {
        _node = await AnvilNode.StartAsync();
        _usd = await TestTokenContract.DeployAsync(_node, Owner, "Test USD", "TUSD", 6);
        _eth = await TestTokenContract.DeployAsync(_node, Owner, "Test Ether", "TETH", 18);
        _escrow = await MatcherEscrowContract.DeployAsync(_node, Owner, Operator);
    }

    [OneTimeTearDown]
    public async Task StopNode() => await _node.DisposeAsync();

    [SetUp]
    public async Task Snapshot() => _snapshot = await _node.SnapshotAsync();

    [TearDown]
    public async Task Revert() => Assert.That(await _node.RevertAsync(_snapshot), Is.True);

    private TestTokenContract Token(int decimals) => decimals == 6 ? _usd : _eth;

    private static BigInteger Units(int whole, int decimals) => whole * BigInteger.Pow(10, decimals);

    /// <summary>Mints to the user and approves the escrow for all of it.</summary>
    private async Task FundAsync(TestTokenContract token, string user, BigInteger amount)
    {
        await token.MintAsync(Owner, user, amount);
        await token.ApproveAsync(user, _escrow.Address, amount);
    }

    private static async Task<TransactionRevertedException> RevertsAsync(Func<Task> action, string errorSignature)
    {
        var error = (await Assert.ThrowsAsync<TransactionRevertedException>(async () => await action()))!;
        Assert.That(error.IsRevert(errorSignature), Is.True, $"expected {errorSignature}, got: {error.Message}");
        Assert.That(error.Receipt!.Succeeded, Is.False);
        return error;
    }

    [Test]
    public async Task Deploy_Contracts_HaveTheirSettings()
    {
        Assert.That(await _usd.DecimalsAsync(), Is.EqualTo(6));
        Assert.That(await _eth.DecimalsAsync(), Is.EqualTo(18));
        Assert.That(await _escrow.OwnerAsync(), Is.EqualTo(Owner));
        Assert.That(await _escrow.OperatorAsync(), Is.EqualTo(Operator));
        Assert.That(await _escrow.PausedAsync(), Is.False);
        var artifact = Contracts.Load(Contracts.EscrowName);
        Assert.That(artifact.EvmVersion, Is.EqualTo("cancun"));
        Assert.That(artifact.SolcVersion, Does.StartWith("0.8.37+"));
        // The runtime code is the compiled one with the immutable owner filled in.
        var code = (await _node.SendAsync("eth_getCode", _escrow.Address, "latest")).GetString()!;
        Assert.That(code.Replace(Owner[2..], new string('0', 40), StringComparison.Ordinal), Is.EqualTo(artifact.DeployedBytecode));
        Assert.That(code, Does.Contain(Owner[2..]));
    }

    [TestCase(6)]
    [TestCase(18)]
    public async Task Deposit_AfterMintAndApprove_MovesTokensAndEmitsDeposited(int decimals)
    {
        var token = Token(decimals);
        var amount = Units(1_000_000, decimals) + 1; // the base unit counts
        await FundAsync(token, Alice, amount);

        var receipt = await _escrow.DepositAsync(Alice, token.Address, 42, amount);

        Assert.That(receipt.Succeeded, Is.True);
        Assert.That(await token.BalanceOfAsync(Alice), Is.EqualTo(BigInteger.Zero));
        Assert.That(await token.BalanceOfAsync(_escrow.Address), Is.EqualTo(amount));
        Assert.That(await token.AllowanceAsync(Alice, _escrow.Address), Is.EqualTo(BigInteger.Zero));

        var logs = await _node.GetLogsAsync(_escrow.Address, 0, null, Abi.Topic(MatcherEscrowContract.DepositedEvent));
        Assert.That(logs, Has.Count.EqualTo(1));
        var log = logs[0];
        Assert.That(log.Topics, Is.EqualTo(new[]
        {
            Abi.Topic(MatcherEscrowContract.DepositedEvent),
            Abi.AddressTopic(Alice),
            Abi.AddressTopic(token.Address),
            Abi.UintTopic(42),
        }));
        Assert.That(Abi.DecodeUint(log.Data), Is.EqualTo(amount));
        Assert.That(log.BlockNumber, Is.EqualTo(receipt.BlockNumber));
        Assert.That(log.BlockHash, Is.EqualTo(receipt.BlockHash));
        Assert.That(log.TransactionHash, Is.EqualTo(receipt.TransactionHash));
        Assert.That(log.Removed, Is.False);
        // The token's Transfer comes first in the same transaction, then Deposited.
        Assert.That(receipt.Logs.Select(l => l.Topics[0]), Is.EqualTo(new[]
        {
            Abi.Topic(TestTokenContract.TransferEvent),
            Abi.Topic(MatcherEscrowContract.DepositedEvent),
        }));
        Assert.That(receipt.Logs[1], Is.EqualTo(log).Using<LogEntry>(SameLog));
    }

    private static bool SameLog(LogEntry a, LogEntry b) =>
        a.Address == b.Address && a.Topics.SequenceEqual(b.Topics) && a.Data == b.Data && a.LogIndex == b.LogIndex &&
        a.BlockHash == b.BlockHash && a.TransactionHash == b.TransactionHash;

    [Test]
    public async Task Deposit_TopicFilter_FindsOnlyThatAccount()
    {
        await FundAsync(_usd, Alice, 300);
        await _escrow.DepositAsync(Alice, _usd.Address, 1, 100);
        await _escrow.DepositAsync(Alice, _usd.Address, 2, 200);

        var logs = await _node.GetLogsAsync(
            _escrow.Address, 0, null, Abi.Topic(MatcherEscrowContract.DepositedEvent), null, null, Abi.UintTopic(2));

        Assert.That(logs.Select(l => Abi.DecodeUint(l.Data)), Is.EqualTo(new BigInteger[] { 200 }));
    }

    [Test]
    public async Task Deposit_WithoutApproval_RevertsTransferFailed()
    {
        await _usd.MintAsync(Owner, Alice, 100);

        await RevertsAsync(() => _escrow.DepositAsync(Alice, _usd.Address, 1, 100), MatcherEscrowContract.TransferFailedError);
        Assert.That(await _usd.BalanceOfAsync(Alice), Is.EqualTo(new BigInteger(100)));
    }

    [Test]
    public async Task Deposit_Zero_RevertsZeroAmount()
    {
        await RevertsAsync(() => _escrow.DepositAsync(Alice, _usd.Address, 1, 0), MatcherEscrowContract.ZeroAmountError);
    }

    [Test]
    public async Task Deposit_TokenWithoutCode_RevertsTransferFailed()
    {
        // A call to an address without code "succeeds" and moves nothing: the escrow must refuse it.
        await RevertsAsync(() => _escrow.DepositAsync(Alice, Bob, 1, 100), MatcherEscrowContract.TransferFailedError);
    }

    // Stand-in "tokens": EVM code that answers every call the same way.
    private const string ReturnsNothing = "00"; // STOP
    private const string ReturnsFalse = "60206000f3"; // RETURN 32 zero bytes
    private const string ReturnsTwo = "600260005260206000f3"; // RETURN the word 2: not an ABI bool
    private const string Reverts = "60006000fd"; // REVERT with no data

    [Test]
    public async Task Deposit_TokenReturningNothing_IsAcceptedAsUsdtStyle()
    {
        // Tokens such as USDT return nothing from transferFrom; the escrow accepts a call that
        // succeeds without return data. (So the exchange must list only tokens it has vetted:
        // this stand-in moves nothing at all.)
        var token = await Contracts.DeployRuntimeAsync(_node, Owner, ReturnsNothing);

        var receipt = await _escrow.DepositAsync(Alice, token, 5, 100);

        var deposited = receipt.Logs.Single();
        Assert.That(deposited.Topics, Is.EqualTo(new[]
        {
            Abi.Topic(MatcherEscrowContract.DepositedEvent), Abi.AddressTopic(Alice), Abi.AddressTopic(token), Abi.UintTopic(5),
        }));
    }

    [TestCase(ReturnsFalse)]
    [TestCase(ReturnsTwo)]
    [TestCase(Reverts)]
    public async Task DepositAndWithdraw_TokenFailing_RevertTransferFailed(string runtime)
    {
        var token = await Contracts.DeployRuntimeAsync(_node, Owner, runtime);

        await RevertsAsync(() => _escrow.DepositAsync(Alice, token, 5, 100), MatcherEscrowContract.TransferFailedError);
        await RevertsAsync(() => _escrow.WithdrawAsync(Operator, 8, token, Bob, 100), MatcherEscrowContract.TransferFailedError);
        Assert.That(await _escrow.WithdrawnAsync(8), Is.False);
    }

    [Test]
    public async Task Withdraw_ByOperator_PaysOnceAndEmitsWithdrawn()
    {
        await FundAsync(_eth, Alice, Units(5, 18));
        await _escrow.DepositAsync(Alice, _eth.Address, 7, Units(5, 18));
        Assert.That(await _escrow.WithdrawnAsync(9001), Is.False);

        var receipt = await _escrow.WithdrawAsync(Operator, 9001, _eth.Address, Bob, Units(2, 18));

        Assert.That(receipt.Succeeded, Is.True);
        Assert.That(await _eth.BalanceOfAsync(Bob), Is.EqualTo(Units(2, 18)));
        Assert.That(await _eth.BalanceOfAsync(_escrow.Address), Is.EqualTo(Units(3, 18)));
        Assert.That(await _escrow.WithdrawnAsync(9001), Is.True);
        var withdrawn = receipt.Logs.Single(l => l.Topics[0] == Abi.Topic(MatcherEscrowContract.WithdrawnEvent));
        Assert.That(withdrawn.Topics.Skip(1), Is.EqualTo(new[] { Abi.UintTopic(9001), Abi.AddressTopic(_eth.Address), Abi.AddressTopic(Bob) }));
        Assert.That(Abi.DecodeUint(withdrawn.Data), Is.EqualTo(Units(2, 18)));

        var again = await RevertsAsync(() => _escrow.WithdrawAsync(Operator, 9001, _eth.Address, Bob, Units(2, 18)),
            MatcherEscrowContract.AlreadyWithdrawnError);
        Assert.That(Abi.DecodeUint(again.RevertData![10..]), Is.EqualTo(new BigInteger(9001)));
        Assert.That(await _eth.BalanceOfAsync(Bob), Is.EqualTo(Units(2, 18)));
    }

    [Test]
    public async Task Withdraw_SameIdAgain_IsMinedAsAFailedTransactionWithoutLogs()
    {
        // As a duplicate sent by a second operator instance would be: on chain, failed, no event.
        await FundAsync(_usd, Alice, 100);
        await _escrow.DepositAsync(Alice, _usd.Address, 1, 100);
        await _escrow.WithdrawAsync(Operator, 5, _usd.Address, Bob, 60);
        var head = await _node.BlockNumberAsync();

        var hash = await _node.SendTransactionAsync(
            Operator, _escrow.Address, MatcherEscrowContract.EncodeWithdraw(5, _usd.Address, Bob, 40));
        var receipt = await _node.WaitForReceiptAsync(hash);

        Assert.That(receipt.BlockNumber, Is.EqualTo(head + 1));

        Assert.That(receipt.Succeeded, Is.False);
        Assert.That(receipt.Logs, Is.Empty);
        Assert.That(await _usd.BalanceOfAsync(Bob), Is.EqualTo(new BigInteger(60)));
    }

    [Test]
    public async Task Withdraw_ByNonOperator_RevertsNotOperator()
    {
        await FundAsync(_usd, Alice, 100);
        await _escrow.DepositAsync(Alice, _usd.Address, 1, 100);

        await RevertsAsync(() => _escrow.WithdrawAsync(Alice, 1, _usd.Address, Alice, 100), MatcherEscrowContract.NotOperatorError);
        await RevertsAsync(() => _escrow.WithdrawAsync(Owner, 1, _usd.Address, Alice, 100), MatcherEscrowContract.NotOperatorError);
        Assert.That(await _escrow.WithdrawnAsync(1), Is.False);
    }

    [Test]
    public async Task Withdraw_MoreThanHeld_RevertsAndLeavesTheIdUnpaid()
    {
        await FundAsync(_usd, Alice, 100);
        await _escrow.DepositAsync(Alice, _usd.Address, 1, 100);

        await RevertsAsync(() => _escrow.WithdrawAsync(Operator, 3, _usd.Address, Bob, 101), MatcherEscrowContract.TransferFailedError);

        Assert.That(await _escrow.WithdrawnAsync(3), Is.False);
        await _escrow.WithdrawAsync(Operator, 3, _usd.Address, Bob, 100);
        Assert.That(await _escrow.WithdrawnAsync(3), Is.True);
    }

    [Test]
    public async Task Withdraw_ZeroAmountOrZeroRecipient_Reverts()
    {
        await RevertsAsync(() => _escrow.WithdrawAsync(Operator, 1, _usd.Address, Bob, 0), MatcherEscrowContract.ZeroAmountError);
        await RevertsAsync(() => _escrow.WithdrawAsync(Operator, 1, _usd.Address, "0x0000000000000000000000000000000000000000", 1),
            MatcherEscrowContract.ZeroAddressError);
    }

    [Test]
    public async Task Pause_DepositsAndWithdrawalsRevertUntilUnpause()
    {
        await FundAsync(_usd, Alice, 200);
        await _escrow.DepositAsync(Alice, _usd.Address, 1, 100);

        var paused = await _escrow.PauseAsync(Owner);

        Assert.That(paused.Logs.Single().Topics[0], Is.EqualTo(Abi.Topic(MatcherEscrowContract.PausedEvent)));
        Assert.That(Abi.DecodeAddress(paused.Logs.Single().Data), Is.EqualTo(Owner));
        Assert.That(await _escrow.PausedAsync(), Is.True);
        await RevertsAsync(() => _escrow.DepositAsync(Alice, _usd.Address, 1, 100), MatcherEscrowContract.ContractPausedError);
        await RevertsAsync(() => _escrow.WithdrawAsync(Operator, 1, _usd.Address, Alice, 50), MatcherEscrowContract.ContractPausedError);
        await RevertsAsync(() => _escrow.PauseAsync(Owner), MatcherEscrowContract.ContractPausedError);

        var unpaused = await _escrow.UnpauseAsync(Owner);

        Assert.That(unpaused.Logs.Single().Topics[0], Is.EqualTo(Abi.Topic(MatcherEscrowContract.UnpausedEvent)));
        await _escrow.DepositAsync(Alice, _usd.Address, 1, 100);
        await _escrow.WithdrawAsync(Operator, 1, _usd.Address, Alice, 50);
        Assert.That(await _usd.BalanceOfAsync(_escrow.Address), Is.EqualTo(new BigInteger(150)));
        await RevertsAsync(() => _escrow.UnpauseAsync(Owner), MatcherEscrowContract.NotPausedError);
    }

    [Test]
    public async Task PauseAndSetOperator_ByNonOwner_RevertNotOwner()
    {
        await RevertsAsync(() => _escrow.PauseAsync(Operator), MatcherEscrowContract.NotOwnerError);
        await RevertsAsync(() => _escrow.UnpauseAsync(Alice), MatcherEscrowContract.NotOwnerError);
        await RevertsAsync(() => _escrow.SetOperatorAsync(Operator, Alice), MatcherEscrowContract.NotOwnerError);
    }

    [Test]
    public async Task SetOperator_ByOwner_MovesTheRightToWithdraw()
    {
        await FundAsync(_usd, Alice, 100);
        await _escrow.DepositAsync(Alice, _usd.Address, 1, 100);

        var changed = await _escrow.SetOperatorAsync(Owner, Bob);

        Assert.That(changed.Logs.Single().Topics[0], Is.EqualTo(Abi.Topic(MatcherEscrowContract.OperatorChangedEvent)));
        Assert.That(Abi.DecodeAddress(changed.Logs.Single().Data), Is.EqualTo(Bob));
        await RevertsAsync(() => _escrow.WithdrawAsync(Operator, 1, _usd.Address, Alice, 10), MatcherEscrowContract.NotOperatorError);
        await _escrow.WithdrawAsync(Bob, 1, _usd.Address, Alice, 10);
        Assert.That(await _usd.BalanceOfAsync(Alice), Is.EqualTo(new BigInteger(10)));
        await RevertsAsync(() => _escrow.SetOperatorAsync(Owner, "0x0000000000000000000000000000000000000000"), MatcherEscrowContract.ZeroAddressError);
    }
}
