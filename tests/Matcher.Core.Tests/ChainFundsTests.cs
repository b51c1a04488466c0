using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>Deposits keyed by their chain transaction, and withdrawals with a destination and core-assigned ids.</summary>
public sealed class ChainFundsTests
{
    private CoreDriver _d = null!;

    [SetUp]
    public void SetUp() => _d = new CoreDriver();

    private static TxHash Hash(byte seed) => TxHash.From(Enumerable.Range(0, 32).Select(i => (byte)(seed + i)).ToArray());

    private static ChainAddress Address(byte seed) => ChainAddress.From(Enumerable.Range(0, 20).Select(i => (byte)(seed * i)).ToArray());

    private static Command ChainDeposit(long accountId, long amount, TxHash hash, int logIndex) =>
        Deposit(accountId, Usdt, amount) with { TxHash = hash, LogIndex = logIndex };

    [Test]
    public void A_chain_deposit_is_credited_once_per_transaction_and_log_index()
    {
        _d.CreateFundedAccount(1, usdtUnits: 0);
        var applied = _d.Ok(ChainDeposit(1, 500, Hash(1), 3)).Single(e => e.Type == EventType.DepositApplied);

        _d.Rejects(ChainDeposit(1, 500, Hash(1), 3), RejectReason.DuplicateDeposit);
        _d.Rejects(ChainDeposit(1, 999, Hash(1), 3), RejectReason.DuplicateDeposit);
        _d.Ok(ChainDeposit(1, 10, Hash(1), 4));
        _d.Ok(ChainDeposit(1, 20, Hash(2), 3));
        _d.Ok(Deposit(1, Usdt, 1));
        _d.Ok(Deposit(1, Usdt, 1));

        Assert.Multiple(() =>
        {
            Assert.That((applied.TxHash, applied.LogIndex), Is.EqualTo((Hash(1), 3)));
            Assert.That(_d.Balance(1, Usdt), Is.EqualTo((532L, 0L)), "a deposit without a transaction is not deduplicated");
            Assert.That(_d.Engine.IsDepositCredited(Hash(1), 3), Is.True);
            Assert.That(_d.Engine.IsDepositCredited(Hash(1), 5), Is.False);
        });
    }

    [Test]
    public void A_rejected_chain_deposit_does_not_use_up_its_key()
    {
        _d.CreateFundedAccount(1, usdtUnits: 0);
        _d.Rejects(ChainDeposit(99, 500, Hash(1), 0), RejectReason.UnknownAccount);
        _d.Ok(ChainDeposit(1, 500, Hash(1), 0));
    }

    [Test]
    public void Withdrawal_id_zero_takes_the_next_id_and_keeps_its_destination()
    {
        _d.CreateFundedAccount(1, usdtUnits: 1_000);
        var first = _d.Ok(new Command { Type = CommandType.RequestWithdrawal, AccountId = 1, AssetId = Usdt, Amount = 100, Destination = Address(3) }).Single(e => e.Type == EventType.WithdrawalUpdated);
        _d.Ok(new Command { Type = CommandType.RequestWithdrawal, AccountId = 1, AssetId = Usdt, Amount = 100, WithdrawalId = 10 });
        var third = _d.Ok(new Command { Type = CommandType.RequestWithdrawal, AccountId = 1, AssetId = Usdt, Amount = 100 }).Single(e => e.Type == EventType.WithdrawalUpdated);
        var completed = _d.Ok(new Command { Type = CommandType.CompleteWithdrawal, WithdrawalId = first.WithdrawalId }).Single(e => e.Type == EventType.WithdrawalUpdated);

        Assert.Multiple(() =>
        {
            Assert.That(first.WithdrawalId, Is.EqualTo(1));
            Assert.That(third.WithdrawalId, Is.EqualTo(11), "after the highest id used");
            Assert.That(first.Destination, Is.EqualTo(Address(3)));
            Assert.That(completed.Destination, Is.EqualTo(Address(3)));
            Assert.That(_d.Engine.EnumerateWithdrawals().Select(w => w.Id), Is.EqualTo(new long[] { 10, 11 }));
        });
    }

    [Test]
    public void After_the_largest_explicit_id_a_request_for_the_next_id_is_refused_not_wrapped()
    {
        _d.CreateFundedAccount(1, usdtUnits: 1_000);
        _d.Ok(new Command { Type = CommandType.RequestWithdrawal, AccountId = 1, AssetId = Usdt, Amount = 1, WithdrawalId = long.MaxValue });
        _d.Rejects(new Command { Type = CommandType.RequestWithdrawal, AccountId = 1, AssetId = Usdt, Amount = 1 }, RejectReason.DuplicateWithdrawal);
    }

    [Test]
    public void Credited_deposits_and_destinations_survive_a_snapshot_and_change_the_state_hash()
    {
        _d.CreateFundedAccount(1, usdtUnits: 1_000);
        var before = _d.Engine.ComputeStateHash();
        _d.Ok(ChainDeposit(1, 5, Hash(7), 1));
        var afterDeposit = _d.Engine.ComputeStateHash();
        _d.Ok(new Command { Type = CommandType.RequestWithdrawal, AccountId = 1, AssetId = Usdt, Amount = 100, Destination = Address(9) });

        using var stream = new MemoryStream();
        _d.Engine.WriteSnapshot(stream);
        var restored = MatchingEngine.LoadSnapshot(new MemoryStream(stream.ToArray()));
        var driver = new CoreDriver(restored, setUp: false);

        Assert.Multiple(() =>
        {
            Assert.That(afterDeposit, Is.Not.EqualTo(before));
            Assert.That(restored.ComputeStateHash(), Is.EqualTo(_d.Engine.ComputeStateHash()));
            Assert.That(restored.IsDepositCredited(Hash(7), 1), Is.True);
            Assert.That(restored.EnumerateWithdrawals().Single().Destination, Is.EqualTo(Address(9)));
        });
        driver.Rejects(ChainDeposit(1, 5, Hash(7), 1) with { Sequence = restored.LastSequence + 1 }, RejectReason.DuplicateDeposit);
    }
}
