using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.State;

namespace Matcher.Core;

/// <summary>Matching: price-time priority, self-trade prevention, settlement and fees.</summary>
public sealed partial class MatchingEngine
{
    /// <summary>
    /// Trades <paramref name="taker"/> against the opposite side, best price first and
    /// oldest first within a price, while it crosses and has quantity (or budget) left.
    /// </summary>
    /// <returns>
    /// Why the remainder must not rest (self-trade prevention, exhausted funds), or
    /// <see cref="CancelReason.None"/> when matching simply ran out of crossing liquidity
    /// or filled the order.
    /// </returns>
    private CancelReason Match(Order taker)
    {
        var instrument = taker.Instrument;
        var opposite = instrument.Book.Opposite(taker.Side);
        var fundsLimited = taker.Type == OrderType.Market && taker.Side == Side.Buy;
        var unlimitedQuantity = taker.QuoteBudget > 0;

        // The band's reference is the last trade before this order, so a sweep cannot walk it.
        var reference = instrument.LastTradePriceTicks;
        while (true)
        {
            var takerRemaining = unlimitedQuantity ? long.MaxValue : taker.RemainingLots;
            if (takerRemaining == 0)
            {
                return CancelReason.None;
            }

            var level = opposite.Best;
            if (level is null || (taker.Type == OrderType.Limit && !Crosses(taker, level.PriceTicks)))
            {
                return CancelReason.None;
            }

            if (taker.Type == OrderType.Market && !instrument.WithinBand(reference, level.PriceTicks))
            {
                return CancelReason.PriceBand;
            }

            var maker = level.Head!;
            if (IsExpired(maker, _commandTimestampNs))
            {
                // Past its time but not yet reached by an ExpireOrders timer: it must not trade.
                CancelResting(maker, CancelReason.Expired);
                continue;
            }

            if (fundsLimited)
            {
                // A market buy takes only what it can pay for at this price; self-trade
                // prevention below acts on that much, not on what it could never buy.
                var affordable = taker.LockedUnits / ((Int128)level.PriceTicks * instrument.TickValue);
                if (affordable == 0)
                {
                    return CancelReason.FundsExhausted;
                }

                if (affordable < takerRemaining)
                {
                    takerRemaining = (long)affordable;
                }
            }

            if (maker.Account == taker.Account && taker.SelfTradePrevention != SelfTradePrevention.None)
            {
                var selfTrade = PreventSelfTrade(taker, maker, takerRemaining, unlimitedQuantity);
                if (selfTrade != CancelReason.None)
                {
                    return selfTrade;
                }

                continue;
            }

            if (instrument.CircuitBreakerBps > 0 && instrument.BreakerTrips(level.PriceTicks, _commandTimestampNs))
            {
                TripCircuitBreaker(instrument);
                return CancelReason.CircuitBreaker;
            }

            Trade(taker, maker, level, Math.Min(takerRemaining, maker.ShownLots));
            if (taker.IsQuote && taker.Account.MmpTripped)
            {
                return CancelReason.MarketMakerProtection;
            }
        }
    }

    private static bool IsExpired(Order order, long nowNs) =>
        order.TimeInForce == TimeInForce.GoodTillDate && order.ExpireTimeNs <= nowNs;

    private static bool Crosses(Order taker, long makerPriceTicks) =>
        taker.Side == Side.Buy ? taker.PriceTicks >= makerPriceTicks : taker.PriceTicks <= makerPriceTicks;

    /// <summary>Applies the taker's self-trade prevention mode against one of its own resting orders.</summary>
    /// <returns>The reason to cancel the taker's remainder, or None to keep matching.</returns>
    private CancelReason PreventSelfTrade(Order taker, Order maker, long takerRemaining, bool unlimitedQuantity)
    {
        switch (taker.SelfTradePrevention)
        {
            case SelfTradePrevention.CancelTaker:
                return CancelReason.SelfTrade;
            case SelfTradePrevention.CancelMaker:
                CancelResting(maker, CancelReason.SelfTrade);
                return CancelReason.None;
            case SelfTradePrevention.CancelBoth:
                CancelResting(maker, CancelReason.SelfTrade);
                return CancelReason.SelfTrade;
            default:
                var decrement = Math.Min(takerRemaining, maker.ShownLots);
                var makerLevel = maker.Level!;
                TouchLevel(makerLevel);
                Decrement(maker, decrement);
                makerLevel.TotalLots -= decrement;
                if (maker.DisplayLots > 0)
                {
                    maker.VisibleLots -= decrement;
                    RefillIfSpent(maker, makerLevel);
                }

                if (maker.RemainingLots == 0)
                {
                    CancelResting(maker, CancelReason.SelfTrade);
                }
                else
                {
                    ref var e = ref NewEvent(EventType.OrderAmended);
                    DescribeOrder(ref e, maker);
                    e.CancelReason = CancelReason.SelfTrade;
                    _sink.Commit();
                }

                if (unlimitedQuantity)
                {
                    // A budget has no quantity to reduce: it gives up what the decremented
                    // lots would have cost here, so matching moves on instead of decrementing
                    // the same own order again.
                    var forgone = decrement * maker.PriceTicks * taker.Instrument.TickValue;
                    taker.LockedUnits -= forgone;
                    Lock(taker.Account, PayAssetIndex(taker), -forgone);
                    return CancelReason.None;
                }

                Decrement(taker, decrement);
                if (taker.RemainingLots == 0)
                {
                    return CancelReason.SelfTrade;
                }

                // The incoming order survives smaller: report it (after the resting order's
                // event) so its consumers see the quantity it goes on matching or rests with.
                ref var amended = ref NewEvent(EventType.OrderAmended);
                DescribeOrder(ref amended, taker);
                amended.CancelReason = CancelReason.SelfTrade;
                _sink.Commit();
                return CancelReason.None;
        }
    }

    /// <summary>Reduces an order's quantity without trading, unlocking what the reduction held.</summary>
    private void Decrement(Order order, long lots)
    {
        order.QuantityLots -= lots;
        if (order.Type == OrderType.Market && order.Side == Side.Buy)
        {
            return;
        }

        TryLockFor(order.Instrument, order.Side, order.PriceTicks, lots, out var release);
        order.LockedUnits -= release;
        Lock(order.Account, PayAssetIndex(order), -release);
    }

    /// <summary>
    /// One trade at the maker's price: the buyer's locked quote and the seller's locked base
    /// change hands, each side pays its fee in the asset it receives, the fee account takes
    /// the fees (or pays the rebates).
    /// </summary>
    private void Trade(Order taker, Order maker, PriceLevel level, long quantityLots)
    {
        var instrument = taker.Instrument;
        var priceTicks = level.PriceTicks;
        instrument.LastTradePriceTicks = priceTicks;
        CheckTriggers(instrument, priceTicks);
        var notional = priceTicks * quantityLots * instrument.TickValue;
        var baseUnits = quantityLots * instrument.LotUnits;
        var quoteIndex = instrument.Quote.Index;
        var baseIndex = instrument.Base.Index;
        var takerTier = _feeTiers[taker.Account.FeeTier];
        var makerTier = _feeTiers[maker.Account.FeeTier];

        var takerBuys = taker.Side == Side.Buy;
        var buyer = takerBuys ? taker : maker;
        var seller = takerBuys ? maker : taker;
        var buyerFee = Fee(baseUnits, takerBuys ? takerTier.TakerBps : makerTier.MakerBps);
        var sellerFee = Fee(notional, takerBuys ? makerTier.MakerBps : takerTier.TakerBps);

        // A limit buyer locked at its own price; it releases that and pays the trade price.
        var buyerRelease = buyer.Type == OrderType.Limit ? buyer.PriceTicks * quantityLots * instrument.TickValue : notional;
        var buyerAccount = buyer.Account;
        var sellerAccount = seller.Account;
        TouchBalance(buyerAccount, quoteIndex);
        TouchBalance(buyerAccount, baseIndex);
        TouchBalance(sellerAccount, quoteIndex);
        TouchBalance(sellerAccount, baseIndex);
        buyer.LockedUnits -= buyerRelease;
        buyerAccount.Balances[quoteIndex].Locked -= buyerRelease;
        buyerAccount.Balances[quoteIndex].Available += buyerRelease - notional;
        buyerAccount.Balances[baseIndex].Available += baseUnits - buyerFee;

        seller.LockedUnits -= baseUnits;
        sellerAccount.Balances[baseIndex].Locked -= baseUnits;
        sellerAccount.Balances[quoteIndex].Available += notional - sellerFee;

        CollectFee(baseIndex, buyerFee);
        CollectFee(quoteIndex, sellerFee);

        TouchLevel(level);
        taker.FilledLots += quantityLots;
        maker.FilledLots += quantityLots;
        level.TotalLots -= quantityLots;
        if (maker.DisplayLots > 0)
        {
            maker.VisibleLots -= quantityLots;
        }

        ref var e = ref NewEvent(EventType.Trade);
        DescribeOrder(ref e, taker);
        e.Side = taker.Side;
        e.TradeId = ++_lastTradeId;
        e.TradePriceTicks = priceTicks;
        e.TradeLots = quantityLots;
        e.TradeNotional = notional;
        e.TakerFee = takerBuys ? buyerFee : sellerFee;
        e.MakerFee = takerBuys ? sellerFee : buyerFee;
        e.MakerOrderId = maker.Id;
        e.MakerAccountId = maker.Account.Id;
        e.MakerClientOrderId = maker.ClientOrderId;
        e.MakerOrigin = maker.Origin;
        e.MakerFilledLots = maker.FilledLots;
        e.MakerRemainingLots = maker.RemainingLots;
        _sink.Commit();

        BreakLinkOnFill(taker, maker);
        BreakLinkOnFill(maker, taker);
        var makerAccount = maker.Account;
        var makerIsQuote = maker.IsQuote;
        if (maker.RemainingLots == 0)
        {
            DetachFromLevel(instrument.Book.SideOf(maker.Side), level, maker);
            Retire(maker, CancelReason.None, registered: true);
        }
        else
        {
            RefillIfSpent(maker, level);
        }

        if (makerIsQuote)
        {
            CountQuoteFill(makerAccount, quantityLots);
        }

        if (taker.IsQuote)
        {
            CountQuoteFill(taker.Account, quantityLots);
        }
    }

    /// <summary>
    /// Credits a fee to the fee account (a rebate debits it). The fee account may go
    /// negative in an asset whose rebates exceed the fees it collected: it is the venue's.
    /// </summary>
    private void CollectFee(int assetIndex, long fee)
    {
        if (fee != 0)
        {
            TouchBalance(_feeAccount, assetIndex);
            _feeAccount.Balances[assetIndex].Available += fee;
        }
    }

    /// <summary>A fee of <paramref name="bps"/> basis points, truncated toward zero; negative is a rebate.</summary>
    private static long Fee(long amount, int bps) => (long)((Int128)amount * bps / FeeTier.MaxBps);

    /// <summary>
    /// Whether a fill-or-kill order would fill in full right now: walks the crossing
    /// liquidity without changing anything, counting own orders as self-trade prevention
    /// would treat them (skipped when cancelled as makers; a stop otherwise).
    /// </summary>
    private static bool CanFillCompletely(Order taker, long lockUnits, long nowNs)
    {
        var opposite = taker.Instrument.Book.Opposite(taker.Side);
        var needed = taker.QuantityLots;
        Int128 cost = 0;
        var fundsLimited = taker.Type == OrderType.Market && taker.Side == Side.Buy;
        var breakerReference = taker.Instrument.BreakerReference(nowNs);
        for (var rank = 0; rank < opposite.LevelCount; rank++)
        {
            var level = opposite.LevelFromBest(rank);
            if ((taker.Type == OrderType.Limit && !Crosses(taker, level.PriceTicks))
                || (taker.Type == OrderType.Market && !taker.Instrument.WithinBand(taker.Instrument.LastTradePriceTicks, level.PriceTicks)))
            {
                return false;
            }

            // A trade beyond the circuit breaker does not happen: that liquidity is not there.
            // Before any trade, the first level traded becomes the reference.
            if (breakerReference != 0 && taker.Instrument.BeyondBreaker(level.PriceTicks, breakerReference))
            {
                return false;
            }

            if (breakerReference == 0 && taker.Instrument.CircuitBreakerBps != 0)
            {
                breakerReference = level.PriceTicks;
            }

            long hidden = 0;
            for (var maker = level.Head; maker is not null; maker = maker.Next)
            {
                if (IsExpired(maker, nowNs))
                {
                    continue;
                }

                if (maker.Account == taker.Account)
                {
                    if (taker.SelfTradePrevention == SelfTradePrevention.CancelMaker)
                    {
                        continue;
                    }

                    if (taker.SelfTradePrevention != SelfTradePrevention.None)
                    {
                        return false;
                    }
                }

                // An iceberg offers its visible slice here; its refills go behind every order now
                // in the level, so its hidden rest comes after all of them.
                var quantity = Math.Min(needed, maker.ShownLots);
                hidden += maker.RemainingLots - maker.ShownLots;
                cost += (Int128)level.PriceTicks * quantity * taker.Instrument.TickValue;
                needed -= quantity;
                if (needed == 0)
                {
                    return !fundsLimited || cost <= lockUnits;
                }
            }

            var fromRefills = Math.Min(needed, hidden);
            cost += (Int128)level.PriceTicks * fromRefills * taker.Instrument.TickValue;
            needed -= fromRefills;
            if (needed == 0)
            {
                return !fundsLimited || cost <= lockUnits;
            }
        }

        return false;
    }
}
