using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.State;

namespace Matcher.Core;

/// <summary>Market-maker quotes and their protection, and the circuit breaker.</summary>
public sealed partial class MatchingEngine
{
    private RejectReason Quote(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        if (!_instrumentsById.TryGetValue(c.InstrumentId, out var instrument))
        {
            return RejectReason.UnknownInstrument;
        }

        // A quote with neither side only pulls the previous one: a cancel, accepted whenever
        // cancels are (cancel-only, a halted account, tripped protection), not on a halted instrument.
        var withdraws = c.PriceTicks == 0 && c.QuantityLots == 0 && c.AskPriceTicks == 0 && c.AskQuantityLots == 0;
        var statusReason = withdraws
            ? instrument.Status == InstrumentStatus.Halted ? RejectReason.InstrumentHalted : RejectReason.None
            : CheckCanTrade(instrument);
        if (statusReason != RejectReason.None)
        {
            return statusReason;
        }

        if (account.Halted && !withdraws)
        {
            return RejectReason.AccountHalted;
        }

        if (account.MmpTripped && !withdraws)
        {
            return RejectReason.MarketMakerProtection;
        }

        if (c.SelfTradePrevention > SelfTradePrevention.DecrementAndCancel)
        {
            return RejectReason.InvalidSelfTradePrevention;
        }

        if (!c.ClientOrderId.IsValid())
        {
            return RejectReason.InvalidClientOrderId;
        }

        var bidReason = ValidateQuoteLeg(account, instrument, c.PriceTicks, c.QuantityLots, out var bidLock);
        if (bidReason != RejectReason.None)
        {
            return bidReason;
        }

        var askReason = ValidateQuoteLeg(account, instrument, c.AskPriceTicks, c.AskQuantityLots, out var askBaseUnits);
        if (askReason != RejectReason.None)
        {
            return askReason;
        }

        var quotesBid = c.QuantityLots > 0;
        var quotesAsk = c.AskQuantityLots > 0;
        if (quotesBid && quotesAsk && c.PriceTicks >= c.AskPriceTicks)
        {
            return RejectReason.InvalidQuote;
        }

        if (quotesAsk && !TryLockFor(instrument, Side.Sell, c.AskPriceTicks, c.AskQuantityLots, out askBaseUnits))
        {
            return RejectReason.ValueOverflow;
        }

        account.EnsureQuoteSlots(_instruments.Count);
        var oldBid = account.QuoteBids![instrument.Index];
        var oldAsk = account.QuoteAsks![instrument.Index];
        var newLegs = (quotesBid ? 1 : 0) + (quotesAsk ? 1 : 0);
        var oldLegs = (oldBid is null ? 0 : 1) + (oldAsk is null ? 0 : 1);
        if (account.MaxOpenOrders > 0 && newLegs > oldLegs && account.OpenOrders - oldLegs + newLegs > account.MaxOpenOrders)
        {
            return RejectReason.OpenOrderLimit;
        }

        // Funds count what the previous legs release.
        var quoteIndex = instrument.Quote.Index;
        var baseIndex = instrument.Base.Index;
        if (bidLock > account.Balances[quoteIndex].Available + (oldBid?.LockedUnits ?? 0)
            || (quotesAsk && askBaseUnits > account.Balances[baseIndex].Available + (oldAsk?.LockedUnits ?? 0)))
        {
            return RejectReason.InsufficientFunds;
        }

        if (oldBid is not null)
        {
            CancelResting(oldBid, CancelReason.QuoteReplaced);
        }

        if (oldAsk is not null)
        {
            CancelResting(oldAsk, CancelReason.QuoteReplaced);
        }

        var bidId = quotesBid ? PlaceQuoteLeg(ref c, account, instrument, Side.Buy, c.PriceTicks, c.QuantityLots, bidLock) : 0;

        // The bid may have tripped the breaker or the account's protection on its way in.
        var askId = quotesAsk && instrument.Status == InstrumentStatus.Trading && !account.MmpTripped
            ? PlaceQuoteLeg(ref c, account, instrument, Side.Sell, c.AskPriceTicks, c.AskQuantityLots, askBaseUnits)
            : 0;

        ref var e = ref NewEvent(EventType.QuoteAccepted);
        e.AccountId = account.Id;
        e.InstrumentId = instrument.Id;
        e.ClientOrderId = c.ClientOrderId;
        e.IsQuote = true;
        e.OrderId = bidId;
        e.AskOrderId = askId;
        e.PriceTicks = c.PriceTicks;
        e.QuantityLots = c.QuantityLots;
        e.AskPriceTicks = c.AskPriceTicks;
        e.AskQuantityLots = c.AskQuantityLots;
        _sink.Commit();
        return RejectReason.None;
    }

    /// <summary>One side of a quote, as a GTC limit order (price and quantity 0: not quoted); its lock is the bid's notional.</summary>
    private static RejectReason ValidateQuoteLeg(Account account, Instrument instrument, long priceTicks, long quantityLots, out long notional)
    {
        notional = 0;
        if (quantityLots < 0)
        {
            return RejectReason.InvalidQuantity;
        }

        if (priceTicks < 0)
        {
            return RejectReason.InvalidPrice;
        }

        if (quantityLots == 0)
        {
            return priceTicks == 0 ? RejectReason.None : RejectReason.InvalidQuote;
        }

        if (priceTicks == 0)
        {
            return RejectReason.InvalidQuote;
        }

        var definition = instrument.Definition;
        if (quantityLots < definition.MinQuantityLots)
        {
            return RejectReason.QuantityBelowMinimum;
        }

        if (!TryNotional(instrument, priceTicks, quantityLots, out notional))
        {
            return RejectReason.ValueOverflow;
        }

        if (notional < definition.MinNotional)
        {
            return RejectReason.NotionalBelowMinimum;
        }

        var limitReason = CheckAccountLimits(account, instrument, priceTicks, quantityLots, newOrder: false);
        if (limitReason != RejectReason.None)
        {
            return limitReason;
        }

        return instrument.WithinBand(instrument.LastTradePriceTicks, priceTicks) ? RejectReason.None : RejectReason.PriceOutsideBand;
    }

    private long PlaceQuoteLeg(ref Command c, Account account, Instrument instrument, Side side, long priceTicks, long quantityLots, long lockUnits)
    {
        var order = _orderPool.Take();
        order.Id = ++_lastOrderId;
        order.Sequence = c.Sequence;
        order.Account = account;
        order.Instrument = instrument;
        order.Origin = c.Origin;
        order.ClientOrderId = c.ClientOrderId;
        order.Side = side;
        order.Type = OrderType.Limit;
        order.TimeInForce = TimeInForce.GoodTillCancel;
        order.SelfTradePrevention = c.SelfTradePrevention;
        order.PostOnly = false;
        order.PriceTicks = priceTicks;
        order.QuantityLots = quantityLots;
        order.FilledLots = 0;
        order.QuoteBudget = 0;
        order.ExpireTimeNs = 0;
        order.State = OrderState.Taking;
        order.IsQuote = true;
        order.Trigger = TriggerType.None;
        order.StopPriceTicks = order.TrailingOffsetTicks = order.TrailingOffsetBps = order.TrailingExtremeTicks = 0;
        order.DisplayLots = order.VisibleLots = 0;
        (side == Side.Buy ? account.QuoteBids! : account.QuoteAsks!)[instrument.Index] = order;
        EmitOrderEvent(EventType.OrderAccepted, order);
        Lock(account, PayAssetIndex(order), lockUnits);
        order.LockedUnits = lockUnits;
        var id = order.Id;
        var remainder = Match(order);
        FinishTaker(order, remainder, registered: false);
        return id;
    }

    /// <summary>A quote leg leaves: its account's slot for the instrument is free again.</summary>
    private static void ClearQuoteSlot(Order order)
    {
        var slots = order.Side == Side.Buy ? order.Account.QuoteBids : order.Account.QuoteAsks;
        if (slots is not null && slots[order.Instrument.Index] == order)
        {
            slots[order.Instrument.Index] = null;
        }
    }

    /// <summary>Counts a quote leg's fill against its account's protection; trips it when the window's limits are exceeded.</summary>
    private void CountQuoteFill(Account account, long lots)
    {
        if (account.MmpWindowNs == 0 || account.MmpTripped)
        {
            return;
        }

        if (account.MmpFills == 0 || _commandTimestampNs - account.MmpWindowStartNs >= account.MmpWindowNs)
        {
            account.MmpWindowStartNs = _commandTimestampNs;
            account.MmpLots = 0;
            account.MmpFills = 0;
        }

        account.MmpLots += lots;
        account.MmpFills++;
        if ((account.MmpMaxLots > 0 && account.MmpLots > account.MmpMaxLots)
            || (account.MmpMaxFills > 0 && account.MmpFills > account.MmpMaxFills))
        {
            account.MmpTripped = true;
            EmitMarketMakerProtection(account);
            CancelQuotes(account, CancelReason.MarketMakerProtection);
        }
    }

    /// <summary>Cancels the account's resting quote legs, instrument by instrument, bid before ask.</summary>
    private void CancelQuotes(Account account, CancelReason reason)
    {
        if (account.QuoteBids is null)
        {
            return;
        }

        for (var i = 0; i < account.QuoteBids.Length; i++)
        {
            if (account.QuoteBids[i] is { State: OrderState.Resting } bid)
            {
                CancelResting(bid, reason);
            }

            if (account.QuoteAsks![i] is { State: OrderState.Resting } ask)
            {
                CancelResting(ask, reason);
            }
        }
    }

    private RejectReason SetMarketMakerProtection(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        if (c.WindowNs < 0 || c.QuantityLots < 0 || c.MaxFills < 0)
        {
            return RejectReason.InvalidLimit;
        }

        account.MmpWindowNs = c.WindowNs;
        account.MmpMaxLots = c.QuantityLots;
        account.MmpMaxFills = c.MaxFills;
        account.ResetMarketMakerProtection();
        EmitMarketMakerProtection(account);
        return RejectReason.None;
    }

    private RejectReason ResetMarketMakerProtection(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        account.ResetMarketMakerProtection();
        EmitMarketMakerProtection(account);
        return RejectReason.None;
    }

    /// <summary>An account's protection settings and whether it has tripped (InstrumentStatus Halted).</summary>
    private void EmitMarketMakerProtection(Account account)
    {
        ref var e = ref NewEvent(EventType.MarketMakerProtectionUpdated);
        e.AccountId = account.Id;
        e.InstrumentStatus = account.MmpTripped ? InstrumentStatus.Halted : InstrumentStatus.Trading;
        e.WindowNs = account.MmpWindowNs;
        e.QuantityLots = account.MmpMaxLots;
        e.MaxFills = account.MmpMaxFills;
        e.FilledLots = account.MmpLots;
        e.AffectedOrders = account.MmpFills;
        _sink.Commit();
    }

    private RejectReason SetCircuitBreaker(ref Command c)
    {
        if (!_instrumentsById.TryGetValue(c.InstrumentId, out var instrument))
        {
            return RejectReason.UnknownInstrument;
        }

        if (c.Amount < 0 || c.WindowNs < 0 || (c.Amount > 0 && c.WindowNs == 0))
        {
            return RejectReason.InvalidLimit;
        }

        instrument.CircuitBreakerBps = c.Amount;
        instrument.CircuitBreakerWindowNs = c.WindowNs;
        instrument.BreakerReferenceTicks = 0;
        instrument.BreakerWindowStartNs = 0;
        EmitInstrumentDefined(instrument);
        return RejectReason.None;
    }

    /// <summary>The breaker stops a trade: the instrument goes cancel-only until an admin resumes it.</summary>
    private void TripCircuitBreaker(Instrument instrument)
    {
        instrument.Status = InstrumentStatus.CancelOnly;
        ref var e = ref NewEvent(EventType.InstrumentStatusChanged);
        e.InstrumentId = instrument.Id;
        e.InstrumentStatus = instrument.Status;
        e.CancelReason = CancelReason.CircuitBreaker;
        e.PriceTicks = instrument.BreakerReferenceTicks;
        _sink.Commit();
    }
}
