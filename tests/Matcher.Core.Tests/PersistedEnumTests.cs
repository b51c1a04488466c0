using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;

namespace Matcher.Core.Tests;

/// <summary>
/// Commands and events are persisted (journal records, snapshots): renumbering an enum
/// member would make old journals replay differently. These pins fail first.
/// </summary>
public class PersistedEnumTests
{
    private static void AssertPinned<T>(params (T Member, long Value)[] pins)
        where T : struct, Enum
    {
        Assert.That(Enum.GetValues<T>(), Has.Length.EqualTo(pins.Length), $"{typeof(T).Name}: a member was added or removed; pin it here");
        foreach (var (member, value) in pins)
        {
            Assert.That(Convert.ToInt64(member, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(value), $"{typeof(T).Name}.{member}");
        }
    }

    [Test]
    public void CommandType_Values_ArePinned() => AssertPinned(
        (CommandType.None, 0), (CommandType.PlaceOrder, 1), (CommandType.CancelOrder, 2), (CommandType.AmendOrder, 3),
        (CommandType.CancelReplace, 4), (CommandType.MassCancel, 5), (CommandType.ExpireOrders, 6), (CommandType.CancelSessionOrders, 7),
        (CommandType.Quote, 8), (CommandType.ResetMarketMakerProtection, 9),
        (CommandType.AddAsset, 20),
        (CommandType.AddInstrument, 21), (CommandType.UpdateInstrument, 22), (CommandType.SetInstrumentStatus, 23),
        (CommandType.SetFeeTier, 24), (CommandType.CreateAccount, 25), (CommandType.SetAccountFeeTier, 26), (CommandType.SetAccountLimits, 27),
        (CommandType.SetAccountStatus, 28), (CommandType.SetPriceBand, 29), (CommandType.SetCircuitBreaker, 30),
        (CommandType.SetMarketMakerProtection, 31), (CommandType.Deposit, 40),
        (CommandType.RequestWithdrawal, 41), (CommandType.CompleteWithdrawal, 42), (CommandType.FailWithdrawal, 43),
        (CommandType.QueryStateHash, 60));

    [Test]
    public void OrderEnums_Values_ArePinned()
    {
        AssertPinned((Side.None, 0), (Side.Buy, 1), (Side.Sell, 2));
        AssertPinned((OrderType.None, 0), (OrderType.Limit, 1), (OrderType.Market, 2));
        AssertPinned((TimeInForce.None, 0), (TimeInForce.GoodTillCancel, 1), (TimeInForce.ImmediateOrCancel, 2),
            (TimeInForce.FillOrKill, 3), (TimeInForce.GoodTillDate, 4));
        AssertPinned((SelfTradePrevention.None, 0), (SelfTradePrevention.CancelTaker, 1), (SelfTradePrevention.CancelMaker, 2),
            (SelfTradePrevention.CancelBoth, 3), (SelfTradePrevention.DecrementAndCancel, 4));
        AssertPinned((InstrumentStatus.None, 0), (InstrumentStatus.Trading, 1), (InstrumentStatus.Halted, 2), (InstrumentStatus.CancelOnly, 3));
        AssertPinned((TriggerType.None, 0), (TriggerType.Stop, 1), (TriggerType.TakeProfit, 2), (TriggerType.TrailingStop, 3));
        AssertPinned((ContingencyType.None, 0), (ContingencyType.OneCancelsOther, 1));
    }

    [Test]
    public void EventEnums_Values_ArePinned()
    {
        AssertPinned((EventType.None, 0), (EventType.Rejected, 1), (EventType.OrderAccepted, 2), (EventType.Trade, 3),
            (EventType.OrderCancelled, 4), (EventType.OrderAmended, 5), (EventType.BalanceChanged, 6), (EventType.BookLevelChanged, 7),
            (EventType.InstrumentStatusChanged, 8), (EventType.AssetAdded, 9), (EventType.InstrumentDefined, 10), (EventType.FeeTierSet, 11),
            (EventType.AccountUpdated, 12), (EventType.WithdrawalUpdated, 13), (EventType.DepositApplied, 14), (EventType.StateHash, 15),
            (EventType.MassCancelled, 16), (EventType.OrderTriggered, 17), (EventType.QuoteAccepted, 18),
            (EventType.MarketMakerProtectionUpdated, 19));
        AssertPinned((CancelReason.None, 0), (CancelReason.User, 1), (CancelReason.ImmediateOrCancel, 2), (CancelReason.FillOrKill, 3),
            (CancelReason.SelfTrade, 4), (CancelReason.Expired, 5), (CancelReason.MassCancel, 6), (CancelReason.FundsExhausted, 7),
            (CancelReason.SessionDisconnected, 8), (CancelReason.AccountHalted, 9), (CancelReason.PriceBand, 10),
            (CancelReason.Contingency, 11), (CancelReason.CircuitBreaker, 12), (CancelReason.QuoteReplaced, 13), (CancelReason.MarketMakerProtection, 14));
        AssertPinned((WithdrawalState.None, 0), (WithdrawalState.Pending, 1), (WithdrawalState.Completed, 2), (WithdrawalState.Failed, 3));
    }

    [Test]
    public void RejectReason_Values_ArePinned() => AssertPinned(
        (RejectReason.None, 0), (RejectReason.UnknownCommand, 1), (RejectReason.UnknownInstrument, 2), (RejectReason.UnknownAccount, 3),
        (RejectReason.UnknownAsset, 4), (RejectReason.UnknownOrder, 5), (RejectReason.InstrumentHalted, 6),
        (RejectReason.InstrumentCancelOnly, 7), (RejectReason.InvalidSide, 8), (RejectReason.InvalidOrderType, 9),
        (RejectReason.InvalidTimeInForce, 10), (RejectReason.InvalidQuantity, 11), (RejectReason.InvalidPrice, 12),
        (RejectReason.QuantityBelowMinimum, 13), (RejectReason.NotionalBelowMinimum, 14), (RejectReason.InsufficientFunds, 15),
        (RejectReason.PostOnlyWouldTake, 16), (RejectReason.DuplicateClientOrderId, 17), (RejectReason.InvalidExpireTime, 18),
        (RejectReason.InvalidSelfTradePrevention, 19), (RejectReason.AmendNoChange, 20), (RejectReason.InvalidOrderOption, 21),
        (RejectReason.ValueOverflow, 22), (RejectReason.DuplicateAsset, 23), (RejectReason.DuplicateInstrument, 24),
        (RejectReason.DuplicateAccount, 25), (RejectReason.InvalidAsset, 26), (RejectReason.InvalidInstrument, 27),
        (RejectReason.InstrumentHasOrders, 28), (RejectReason.InvalidFeeTier, 29), (RejectReason.InvalidAmount, 30),
        (RejectReason.UnknownWithdrawal, 31), (RejectReason.DuplicateWithdrawal, 32), (RejectReason.InvalidClientOrderId, 33),
        (RejectReason.InvalidStatus, 34), (RejectReason.DuplicateDeposit, 35), (RejectReason.AccountHalted, 36), (RejectReason.OpenOrderLimit, 37),
        (RejectReason.OrderQuantityLimit, 38), (RejectReason.OrderNotionalLimit, 39), (RejectReason.InvalidLimit, 40), (RejectReason.PriceOutsideBand, 41),
        (RejectReason.InvalidTrigger, 42), (RejectReason.UnknownLinkedOrder, 43), (RejectReason.InvalidContingency, 44),
        (RejectReason.MarketMakerProtection, 45), (RejectReason.NoReferencePrice, 46), (RejectReason.WouldTriggerImmediately, 47),
        (RejectReason.InvalidQuote, 48));
}
