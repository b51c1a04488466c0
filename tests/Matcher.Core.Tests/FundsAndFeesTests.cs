using Matcher.Core.Commands;
using Matcher.Core.Events;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

public class FundsAndFeesTests
{
    private CoreDriver _d = null!;

    [SetUp]
    public void SetUp() => _d = new CoreDriver();

    [Test]
    public void Fees_TakerPaysInAssetReceived_MakerRebatePaidByFeeAccount()
    {
        _d.Ok(FeeTier(1, makerBps: -2, takerBps: 10));
        _d.CreateFundedAccount(1, feeTier: 1);
        _d.CreateFundedAccount(2, feeTier: 1);
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 100));
        var trade = OfType(_d.Ok(Limit(2, Side.Buy, 3_000_000, 100)), EventType.Trade).Single();

        const long baseUnits = 100 * 10_000;
        const long notional = 100L * 3_000_000;
        Assert.That(trade.TakerFee, Is.EqualTo(baseUnits * 10 / 10_000), "the buying taker pays in base");
        Assert.That(trade.MakerFee, Is.EqualTo(-(notional * 2 / 10_000)), "the selling maker gets a rebate in quote");
        Assert.That(_d.Balance(2, Btc).Available, Is.EqualTo(100_00000000 + baseUnits - trade.TakerFee));
        Assert.That(_d.Balance(1, Usdt).Available, Is.EqualTo(10_000_000_000000 + notional - trade.MakerFee));
        Assert.That(_d.Balance(MatchingEngine.FeeAccountId, Btc).Available, Is.EqualTo(trade.TakerFee));
        Assert.That(_d.Balance(MatchingEngine.FeeAccountId, Usdt).Available, Is.EqualTo(trade.MakerFee));
    }

    [Test]
    public void Fees_TruncateTowardZero()
    {
        _d.Ok(FeeTier(1, makerBps: 7, takerBps: 7));
        _d.CreateFundedAccount(1, feeTier: 1);
        _d.CreateFundedAccount(2, feeTier: 1);
        _d.Ok(Limit(1, Side.Sell, 3, 1));
        var trade = OfType(_d.Ok(Limit(2, Side.Buy, 3, 1)), EventType.Trade).Single();
        Assert.That(trade.MakerFee, Is.Zero, "3 units x 7 bps = 0.0021 units: nothing");
        Assert.That(trade.TakerFee, Is.EqualTo(7), "10,000 units x 7 bps");
    }

    [Test]
    public void Trade_BalanceEvents_OncePerAccountAndAssetWithFinalValues()
    {
        _d.CreateFundedAccount(1);
        _d.CreateFundedAccount(2);
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 1));
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 1));
        var balances = OfType(_d.Ok(Limit(2, Side.Buy, 3_000_000, 2)), EventType.BalanceChanged);
        Assert.That(balances.Select(b => (b.AccountId, b.AssetId)).Distinct().Count(), Is.EqualTo(balances.Count));
        var buyerQuote = balances.Single(b => b.AccountId == 2 && b.AssetId == Usdt);
        Assert.That((buyerQuote.Available, buyerQuote.Locked), Is.EqualTo(_d.Balance(2, Usdt)));
    }

    [Test]
    public void Place_ShortOfFunds_IsRejectedWithNothingLocked()
    {
        _d.CreateFundedAccount(1, btcUnits: 5 * 10_000, usdtUnits: 2_999_999);
        _d.Rejects(Limit(1, Side.Buy, 3_000_000, 1), RejectReason.InsufficientFunds);
        _d.Rejects(Limit(1, Side.Sell, 3_000_000, 6), RejectReason.InsufficientFunds);
        _d.Ok(Limit(1, Side.Sell, 3_000_000, 5));
        Assert.That(_d.Balance(1, Btc), Is.EqualTo((0L, 5 * 10_000L)));
    }

    [Test]
    public void Place_NotionalOverflowingThroughTheTickValue_IsRejectedNotWrapped()
    {
        _d.Ok(AddInstrument(2, "BTC-USDT-X", Btc, Usdt, "0.01", "0.001"));
        Assert.That(_d.Engine.FindInstrument(2)!.TickValue, Is.EqualTo(10));
        _d.CreateFundedAccount(1);
        _d.Ok(CreateAccount(9));
        _d.Ok(Limit(1, Side.Sell, 100, 1, instrumentId: 2));
        _d.Rejects(Limit(9, Side.Buy, 1L << 62, 1L << 62, instrumentId: 2), RejectReason.ValueOverflow);
        _d.Rejects(Limit(9, Side.Buy, 1L << 40, 1L << 40, instrumentId: 2), RejectReason.ValueOverflow);
    }

    [Test]
    public void MarketBuy_ByAnAccountWithNegativeAvailable_IsRejected()
    {
        _d.Ok(FeeTier(1, makerBps: -10, takerBps: 10));
        _d.CreateFundedAccount(1, feeTier: 1);
        _d.CreateFundedAccount(2);
        _d.Ok(Limit(1, Side.Sell, 10_000, 1_000));
        _d.Ok(Limit(2, Side.Buy, 10_000, 1_000));
        Assert.That(_d.Balance(MatchingEngine.FeeAccountId, Usdt).Available, Is.Negative, "the rebate was paid");
        _d.Ok(Limit(1, Side.Sell, 100, 10));
        _d.Rejects(Market(MatchingEngine.FeeAccountId, Side.Buy, 1), RejectReason.InsufficientFunds);
    }

    [Test]
    public void Withdrawal_LocksThenCompletes()
    {
        _d.CreateFundedAccount(1, usdtUnits: 1_000);
        var events = _d.Ok(new Command { Type = CommandType.RequestWithdrawal, WithdrawalId = 7, AccountId = 1, AssetId = Usdt, Amount = 600 });
        Assert.That(events[0].WithdrawalState, Is.EqualTo(WithdrawalState.Pending));
        Assert.That(_d.Balance(1, Usdt), Is.EqualTo((400L, 600L)));
        _d.Rejects(new Command { Type = CommandType.RequestWithdrawal, WithdrawalId = 8, AccountId = 1, AssetId = Usdt, Amount = 401 }, RejectReason.InsufficientFunds);
        _d.Ok(new Command { Type = CommandType.CompleteWithdrawal, WithdrawalId = 7 });
        Assert.That(_d.Balance(1, Usdt), Is.EqualTo((400L, 0L)));
        _d.Rejects(new Command { Type = CommandType.CompleteWithdrawal, WithdrawalId = 7 }, RejectReason.UnknownWithdrawal);
        _d.Rejects(new Command { Type = CommandType.RequestWithdrawal, WithdrawalId = 7, AccountId = 1, AssetId = Usdt, Amount = 1 }, RejectReason.DuplicateWithdrawal);
    }

    [Test]
    public void Withdrawal_FailReturnsFunds()
    {
        _d.CreateFundedAccount(1, usdtUnits: 1_000);
        _d.Ok(new Command { Type = CommandType.RequestWithdrawal, WithdrawalId = 9, AccountId = 1, AssetId = Usdt, Amount = 600 });
        var events = _d.Ok(new Command { Type = CommandType.FailWithdrawal, WithdrawalId = 9 });
        Assert.That(events[0].WithdrawalState, Is.EqualTo(WithdrawalState.Failed));
        Assert.That(_d.Balance(1, Usdt), Is.EqualTo((1_000L, 0L)));
    }

    [Test]
    public void Deposit_AssetTotalWouldOverflow_IsRejected()
    {
        _d.CreateFundedAccount(1, btcUnits: 0, usdtUnits: Matcher.Core.State.Asset.MaxTotalUnits - 10);
        _d.CreateFundedAccount(2, btcUnits: 0, usdtUnits: 0);
        _d.Rejects(Deposit(2, Usdt, 11), RejectReason.ValueOverflow);
        _d.Ok(Deposit(2, Usdt, 10));
    }
}
