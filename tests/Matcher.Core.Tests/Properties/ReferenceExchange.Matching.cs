using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Core.Tests.Properties;

/// <summary>Matching, trades, fees and self-trade prevention in the reference model.</summary>
internal sealed partial class ReferenceExchange
{
    private static Side Opposite(Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    /// <summary>
    /// Trades the incoming order against the best opposite level, oldest order first, at
    /// the maker's price, while it crosses and has quantity (or budget) left.
    /// </summary>
    private MatchStop Match(RefOrder taker, RefInstrument instrument)
    {
        var levels = instrument.Book.Levels(Opposite(taker.Side));
        while (true)
        {
            if (!taker.IsBudgetBuy && taker.RemainingLots == 0)
            {
                return MatchStop.Filled;
            }

            if (levels.Count == 0)
            {
                return MatchStop.NoLiquidity;
            }

            var level = levels[0];
            if (taker.Type == OrderType.Limit && !RefBook.Crosses(taker.Side, taker.PriceTicks, level.PriceTicks))
            {
                return MatchStop.NoLiquidity;
            }

            var maker = level.Orders[0];
            if (IsExpired(maker, _command.TimestampNs))
            {
                CancelResting(maker, instrument, CancelReason.Expired);
                continue;
            }

            // A market buy can take at most what it can afford at this level (long.MaxValue
            // otherwise); self-trade prevention acts on that much.
            var cap = long.MaxValue;
            if (taker.Type == OrderType.Market && taker.Side == Side.Buy)
            {
                cap = taker.MarketLockUnits / (level.PriceTicks * instrument.TickValue);
                if (cap == 0)
                {
                    return MatchStop.FundsExhausted;
                }
            }

            if (maker.AccountId == taker.AccountId && taker.SelfTradePrevention != SelfTradePrevention.None)
            {
                switch (taker.SelfTradePrevention)
                {
                    case SelfTradePrevention.CancelTaker:
                        EmitCancelled(taker, CancelReason.SelfTrade);
                        return MatchStop.TakerCancelled;
                    case SelfTradePrevention.CancelMaker:
                        CancelResting(maker, instrument, CancelReason.SelfTrade);
                        continue;
                    case SelfTradePrevention.CancelBoth:
                        // Spec choice: the resting order's cancel is reported first.
                        CancelResting(maker, instrument, CancelReason.SelfTrade);
                        EmitCancelled(taker, CancelReason.SelfTrade);
                        return MatchStop.TakerCancelled;
                    default:
                        if (Decrement(taker, maker, instrument, cap))
                        {
                            return MatchStop.TakerCancelled;
                        }

                        continue;
                }
            }

            // A resting iceberg trades only its visible slice; an incoming one its whole quantity.
            var lots = Math.Min(cap, taker.IsBudgetBuy ? maker.ShownLots : Math.Min(taker.RemainingLots, maker.ShownLots));
            Trade(taker, maker, instrument, lots);
        }
    }

    /// <summary>
    /// Decrement-and-cancel: both orders lose the smaller remaining quantity without a
    /// trade. Returns true when the incoming order is used up (and cancelled).
    /// </summary>
    private bool Decrement(RefOrder taker, RefOrder maker, RefInstrument instrument, long cap)
    {
        // Spec choice: a budget buy has no quantity to lose, so only the maker shrinks; a
        // market buy shrinks the maker by no more than it could afford.
        var lots = Math.Min(cap, taker.IsBudgetBuy ? maker.ShownLots : Math.Min(taker.RemainingLots, maker.ShownLots));
        Unlock(maker.AccountId, LockAssetOf(maker.Side, instrument), LockOfLots(maker, instrument, lots));
        maker.QuantityLots -= lots;
        TouchLevel(instrument.Id, maker.Side, maker.PriceTicks);
        UseSlice(maker, instrument, lots);
        if (!taker.IsBudgetBuy)
        {
            if (taker.Type == OrderType.Limit)
            {
                Unlock(taker.AccountId, LockAssetOf(taker.Side, instrument), LockOfLots(taker, instrument, lots));
            }
            else if (taker.Side == Side.Sell)
            {
                taker.MarketLockUnits -= lots * instrument.LotUnits;
                Unlock(taker.AccountId, instrument.BaseAssetId, lots * instrument.LotUnits);
            }

            taker.QuantityLots -= lots;
        }
        else
        {
            // Spec choice: a budget gives up what the decremented lots would have cost.
            var forgone = lots * maker.PriceTicks * instrument.TickValue;
            taker.MarketLockUnits -= forgone;
            Unlock(taker.AccountId, instrument.QuoteAssetId, forgone);
        }

        if (maker.RemainingLots == 0)
        {
            // Spec choice: the resting order's event comes before the incoming order's.
            instrument.Book.Remove(maker);
            _liveOrders.Remove(maker);
            EmitCancelled(maker, CancelReason.SelfTrade);
        }
        else
        {
            EmitAmended(maker, "", CancelReason.SelfTrade);
        }

        if (!taker.IsBudgetBuy && taker.RemainingLots == 0)
        {
            EmitCancelled(taker, CancelReason.SelfTrade);
            return true;
        }

        if (!taker.IsBudgetBuy)
        {
            // Spec choice: a surviving incoming order reports its reduced quantity right
            // after the resting order's event; a budget buy has no quantity that changed.
            EmitAmended(taker, "", CancelReason.SelfTrade);
        }

        return false;
    }

    private static long LockOfLots(RefOrder order, RefInstrument instrument, long lots) =>
        order.Side == Side.Buy ? order.PriceTicks * lots * instrument.TickValue : lots * instrument.LotUnits;

    /// <summary>
    /// A resting iceberg lost <paramref name="lots"/> of its visible slice: when the slice is
    /// used up and quantity remains, the next slice shows at the back of its level.
    /// </summary>
    private static void UseSlice(RefOrder maker, RefInstrument instrument, long lots)
    {
        if (maker.DisplayLots == 0)
        {
            return;
        }

        maker.VisibleLots -= lots;
        if (maker.VisibleLots == 0 && maker.RemainingLots > 0)
        {
            instrument.Book.Remove(maker);
            maker.VisibleLots = Math.Min(maker.DisplayLots, maker.RemainingLots);
            instrument.Book.Append(maker);
        }
    }

    private void Trade(RefOrder taker, RefOrder maker, RefInstrument instrument, long lots)
    {
        var priceTicks = maker.PriceTicks;
        instrument.LastTradePriceTicks = priceTicks;
        CollectTriggered(instrument, priceTicks);
        var notional = priceTicks * lots * instrument.TickValue;
        var baseUnits = lots * instrument.LotUnits;
        var buyer = taker.Side == Side.Buy ? taker : maker;
        var seller = taker.Side == Side.Buy ? maker : taker;
        var buyerBps = buyer == taker ? FeeTierOf(buyer.AccountId).TakerBps : FeeTierOf(buyer.AccountId).MakerBps;
        var sellerBps = seller == taker ? FeeTierOf(seller.AccountId).TakerBps : FeeTierOf(seller.AccountId).MakerBps;
        var buyerFee = baseUnits * buyerBps / 10_000;
        var sellerFee = notional * sellerBps / 10_000;

        if (buyer.Type == OrderType.Market)
        {
            buyer.MarketLockUnits -= notional;
            ChangeBalance(buyer.AccountId, instrument.QuoteAssetId, 0, -notional);
        }
        else
        {
            // Release the notional at the buyer's own limit; pay the notional at the trade price.
            var released = buyer.PriceTicks * lots * instrument.TickValue;
            ChangeBalance(buyer.AccountId, instrument.QuoteAssetId, released - notional, -released);
        }

        ChangeBalance(buyer.AccountId, instrument.BaseAssetId, baseUnits - buyerFee, 0);
        if (seller.Type == OrderType.Market)
        {
            seller.MarketLockUnits -= baseUnits;
        }

        ChangeBalance(seller.AccountId, instrument.BaseAssetId, 0, -baseUnits);
        ChangeBalance(seller.AccountId, instrument.QuoteAssetId, notional - sellerFee, 0);
        ChangeBalance(FeeAccountId, instrument.BaseAssetId, buyerFee, 0);
        ChangeBalance(FeeAccountId, instrument.QuoteAssetId, sellerFee, 0);

        taker.FilledLots += lots;
        maker.FilledLots += lots;
        TouchLevel(instrument.Id, maker.Side, priceTicks);
        if (maker.RemainingLots == 0)
        {
            instrument.Book.Remove(maker);
            _liveOrders.Remove(maker);
        }
        else
        {
            UseSlice(maker, instrument, lots);
        }

        _outcome.Events.Add(Describe(EventType.Trade, taker) with
        {
            TradeId = ++_lastTradeId,
            TradePriceTicks = priceTicks,
            TradeLots = lots,
            TradeNotional = notional,
            TakerFee = taker == buyer ? buyerFee : sellerFee,
            MakerFee = maker == buyer ? buyerFee : sellerFee,
            MakerOrderId = maker.Id,
            MakerAccountId = maker.AccountId,
            MakerClientOrderId = maker.ClientOrderId,
            MakerOrigin = maker.Origin,
            MakerFilledLots = maker.FilledLots,
            MakerRemainingLots = maker.RemainingLots,
        });
    }

    private static bool IsExpired(RefOrder order, long nowNs) =>
        order.TimeInForce == TimeInForce.GoodTillDate && order.ExpireTimeNs <= nowNs;

    /// <summary>
    /// Fill-or-kill: plays the match through read-only, level by level in the order the
    /// incoming order would meet the makers (an iceberg's next slice after the orders behind
    /// it), treating the account's own orders as its self-trade prevention mode would, and
    /// says whether the whole quantity (and, for a market buy, the funds) would be used up.
    /// </summary>
    private static bool CanFillInFull(RefOrder taker, RefInstrument instrument, long nowNs)
    {
        var need = taker.RemainingLots;
        var funds = taker.MarketLockUnits;
        var isMarketBuy = taker.Type == OrderType.Market && taker.Side == Side.Buy;
        foreach (var level in instrument.Book.Levels(Opposite(taker.Side)))
        {
            if (taker.Type == OrderType.Limit && !RefBook.Crosses(taker.Side, taker.PriceTicks, level.PriceTicks))
            {
                return false;
            }

            // (maker, shown now, remaining) in queue order.
            var queue = new Queue<(RefOrder Maker, long Shown, long Remaining)>();
            foreach (var maker in level.Orders)
            {
                queue.Enqueue((maker, maker.ShownLots, maker.RemainingLots));
            }

            while (queue.TryDequeue(out var entry))
            {
                var maker = entry.Maker;
                if (IsExpired(maker, nowNs))
                {
                    continue;
                }

                if (maker.AccountId == taker.AccountId && taker.SelfTradePrevention != SelfTradePrevention.None)
                {
                    // Cancelled makers are skipped; any other mode ends the fill: the taker
                    // is cancelled, or decremented. Spec choice: a decrement is not a fill.
                    if (taker.SelfTradePrevention == SelfTradePrevention.CancelMaker)
                    {
                        continue;
                    }

                    return false;
                }

                var lots = Math.Min(need, entry.Shown);
                if (isMarketBuy)
                {
                    var cost = level.PriceTicks * lots * instrument.TickValue;
                    if (cost > funds)
                    {
                        return false;
                    }

                    funds -= cost;
                }

                need -= lots;
                if (need == 0)
                {
                    return true;
                }

                if (entry.Remaining > lots)
                {
                    queue.Enqueue((maker, Math.Min(maker.DisplayLots, entry.Remaining - lots), entry.Remaining - lots));
                }
            }
        }

        return false;
    }
}
