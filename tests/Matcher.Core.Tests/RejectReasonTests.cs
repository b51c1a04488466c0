using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>Every reject reason, each from a command that must change nothing.</summary>
public class RejectReasonTests
{
    private static readonly long _future = StartTimeNs + 1_000_000;

    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string name, Command command, RejectReason reason) =>
            new TestCaseData(command, reason).SetName($"Reject_{name}_{reason}");

        var limit = Limit(1, Side.Buy, 3_000_000, 1);
        yield return Case("NoType", new Command(), RejectReason.UnknownCommand);
        yield return Case("BadType", new Command { Type = (CommandType)999 }, RejectReason.UnknownCommand);
        yield return Case("Instrument", limit with { InstrumentId = 99 }, RejectReason.UnknownInstrument);
        yield return Case("Account", limit with { AccountId = 99 }, RejectReason.UnknownAccount);
        yield return Case("DepositAsset", Deposit(1, 99, 5), RejectReason.UnknownAsset);
        yield return Case("CancelUnknown", Cancel(1, 12345), RejectReason.UnknownOrder);
        yield return Case("CancelNoIds", Cancel(1, 0), RejectReason.UnknownOrder);
        yield return Case("NoSide", limit with { Side = Side.None }, RejectReason.InvalidSide);
        yield return Case("BadSide", limit with { Side = (Side)9 }, RejectReason.InvalidSide);
        yield return Case("NoOrderType", limit with { OrderType = OrderType.None }, RejectReason.InvalidOrderType);
        yield return Case("BadTif", limit with { TimeInForce = (TimeInForce)9 }, RejectReason.InvalidTimeInForce);
        yield return Case("MarketGtc", Market(1, Side.Sell, 1, tif: TimeInForce.GoodTillCancel), RejectReason.InvalidTimeInForce);
        yield return Case("MarketBudgetFok", Market(1, Side.Buy, 0, quoteBudget: 100, tif: TimeInForce.FillOrKill), RejectReason.InvalidTimeInForce);
        yield return Case("ZeroQuantity", limit with { QuantityLots = 0 }, RejectReason.InvalidQuantity);
        yield return Case("NegativeQuantity", limit with { QuantityLots = -1 }, RejectReason.InvalidQuantity);
        yield return Case("MarketNothing", Market(1, Side.Buy, 0), RejectReason.InvalidQuantity);
        yield return Case("ZeroPrice", limit with { PriceTicks = 0 }, RejectReason.InvalidPrice);
        yield return Case("MarketWithPrice", Market(1, Side.Sell, 1) with { PriceTicks = 5 }, RejectReason.InvalidPrice);
        yield return Case("BelowMinQuantity", Limit(1, Side.Buy, 100, 1, instrumentId: 2), RejectReason.QuantityBelowMinimum);
        yield return Case("BelowMinNotional", Limit(1, Side.Buy, 99, 10, instrumentId: 2), RejectReason.NotionalBelowMinimum);
        yield return Case("BudgetBelowMinNotional", Market(1, Side.Buy, 0, quoteBudget: 999) with { InstrumentId = 2 }, RejectReason.NotionalBelowMinimum);
        yield return Case("Funds", Limit(1, Side.Buy, 3_000_000, 10_000_000), RejectReason.InsufficientFunds);
        yield return Case("BudgetOverFunds", Market(1, Side.Buy, 0, quoteBudget: long.MaxValue), RejectReason.InsufficientFunds);
        yield return Case("GtdInPast", limit with { TimeInForce = TimeInForce.GoodTillDate, ExpireTimeNs = 5 }, RejectReason.InvalidExpireTime);
        yield return Case("GtdNoExpiry", limit with { TimeInForce = TimeInForce.GoodTillDate }, RejectReason.InvalidExpireTime);
        yield return Case("ExpiryOnGtc", limit with { ExpireTimeNs = _future }, RejectReason.InvalidExpireTime);
        yield return Case("Stp", limit with { SelfTradePrevention = (SelfTradePrevention)9 }, RejectReason.InvalidSelfTradePrevention);
        yield return Case("BudgetOnLimit", limit with { QuoteBudget = 5 }, RejectReason.InvalidOrderOption);
        yield return Case("BudgetOnSell", Market(1, Side.Sell, 0, quoteBudget: 5), RejectReason.InvalidOrderOption);
        yield return Case("BudgetAndQuantity", Market(1, Side.Buy, 1, quoteBudget: 5_000_000), RejectReason.InvalidOrderOption);
        yield return Case("PostOnlyMarket", Market(1, Side.Sell, 1) with { PostOnly = true }, RejectReason.InvalidOrderOption);
        yield return Case("PostOnlyIoc", limit with { PostOnly = true, TimeInForce = TimeInForce.ImmediateOrCancel }, RejectReason.InvalidOrderOption);
        yield return Case("Overflow", Limit(1, Side.Buy, long.MaxValue / 2, 4), RejectReason.ValueOverflow);
        yield return Case("AssetId", AddAsset(1, "XBT", 8), RejectReason.DuplicateAsset);
        yield return Case("AssetCode", AddAsset(9, "BTC", 8), RejectReason.DuplicateAsset);
        yield return Case("InstrumentId", AddInstrument(1, "NEW", Btc, Usdt, "0.01", "0.0001"), RejectReason.DuplicateInstrument);
        yield return Case("InstrumentSymbol", AddInstrument(9, "BTC-USDT", Btc, Usdt, "0.01", "0.0001"), RejectReason.DuplicateInstrument);
        yield return Case("AccountId", new Command { Type = CommandType.CreateAccount, AccountId = 1 }, RejectReason.DuplicateAccount);
        yield return Case("AssetScale", AddAsset(9, "ETH", 19), RejectReason.InvalidAsset);
        yield return Case("AssetCodeEmpty", new Command { Type = CommandType.AddAsset, AssetId = 9 }, RejectReason.InvalidAsset);
        yield return Case("SameAssets", AddInstrument(9, "BTC-BTC", Btc, Btc, "0.01", "0.0001"), RejectReason.InvalidInstrument);
        yield return Case("TickTooFine", AddInstrument(9, "FINE", Btc, Usdt, "0.0001", "0.0001"), RejectReason.InvalidInstrument);
        yield return Case("LotTooFine", AddInstrument(9, "FINE", Btc, Usdt, "0.01", "0.000000001"), RejectReason.InvalidInstrument);
        yield return Case("InstrumentAsset", AddInstrument(9, "X-USDT", 77, Usdt, "0.01", "0.0001"), RejectReason.UnknownAsset);
        yield return Case("UpdateSymbol", new Command { Type = CommandType.UpdateInstrument, InstrumentId = 1, Instrument = new InstrumentDefinition { Symbol = Symbol.From("OTHER"), MinQuantityLots = 1 } }, RejectReason.InvalidInstrument);
        yield return Case("UpdateTickWithOrders", new Command { Type = CommandType.UpdateInstrument, InstrumentId = 1, Instrument = new InstrumentDefinition { TickSize = ScaledDecimal.Parse("0.1"), MinQuantityLots = 1 } }, RejectReason.InstrumentHasOrders);
        yield return Case("FeeTierRange", FeeTier(1, 0, 10_001), RejectReason.InvalidFeeTier);
        yield return Case("NegativeTaker", FeeTier(1, 0, -1), RejectReason.InvalidFeeTier);
        yield return Case("AccountTier", new Command { Type = CommandType.CreateAccount, AccountId = 50, FeeTier = 42 }, RejectReason.InvalidFeeTier);
        yield return Case("DepositZero", Deposit(1, Usdt, 0), RejectReason.InvalidAmount);
        yield return Case("CompleteUnknown", new Command { Type = CommandType.CompleteWithdrawal, WithdrawalId = 5 }, RejectReason.UnknownWithdrawal);
        yield return Case("WithdrawalIdNegative", new Command { Type = CommandType.RequestWithdrawal, AccountId = 1, AssetId = Usdt, Amount = 1, WithdrawalId = -1 }, RejectReason.DuplicateWithdrawal);
        yield return Case("ReplaceWithoutNewId", new Command { Type = CommandType.CancelReplace, AccountId = 1, ClientOrderId = ClientOrderId.From("resting"), QuantityLots = 1 }, RejectReason.InvalidClientOrderId);
        yield return Case("Status", Status(1, (InstrumentStatus)7), RejectReason.InvalidStatus);
        yield return Case("StatusNone", Status(1, InstrumentStatus.None), RejectReason.InvalidStatus);
    }

    [TestCaseSource(nameof(Cases))]
    public void Command_Invalid_IsRejectedAndChangesNothing(Command command, RejectReason reason)
    {
        var d = new CoreDriver();
        d.Ok(AddInstrument(2, "MIN-USDT", Btc, Usdt, "0.01", "0.0001", minLots: 5, minNotional: 1_000));
        d.CreateFundedAccount(1);
        d.Ok(Limit(1, Side.Sell, 4_000_000, 1, clientId: "resting"));
        d.Rejects(command, reason);
    }

    [Test]
    public void Rejected_EchoesTheCommandSoTheGatewayCanAnswer()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1);
        var command = Limit(1, Side.Buy, 3_000_000, 0, clientId: "echo") with { Origin = new Origin(3, 44, 555) };
        var reject = d.Run(command).Single();
        Assert.That((reject.Origin, reject.ClientOrderId.ToString(), reject.AccountId, reject.CommandType),
            Is.EqualTo((new Origin(3, 44, 555), "echo", 1L, CommandType.PlaceOrder)));
    }
}
