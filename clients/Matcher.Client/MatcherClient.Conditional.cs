using Matcher.Protocol;
using AmendOrderMessage = Matcher.Protocol.AmendOrder;
using PlaceOrderMessage = Matcher.Protocol.PlaceOrder;
using QuoteMessage = Matcher.Protocol.Quote;
using ResetMessage = Matcher.Protocol.ResetMarketMakerProtection;

namespace Matcher.Client;

/// <summary>
/// Schema-2 order entry: stop, take-profit and trailing stop orders, icebergs, one-cancels-other and
/// quotes (docs/WEBSOCKET.md; the rules are the core's, docs/CORE.md). Like the rest of order entry,
/// these only queue, and never allocate.
/// </summary>
public sealed partial class MatcherClient
{
    /// <summary>
    /// Queues a stop (stop-loss) order: it waits off the book until a trade reaches <paramref name="stopPriceTicks"/>
    /// (a buy at or above it, a sell at or below), then enters as a market order, or as a limit order at
    /// <paramref name="limitPriceTicks"/> when that is not 0. Never allocates.
    /// </summary>
    /// <param name="instrumentId">The instrument.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="stopPriceTicks">The trigger price in ticks.</param>
    /// <param name="quantityLots">The quantity in lots.</param>
    /// <param name="clOrdId">The client order id.</param>
    /// <param name="limitPriceTicks">0: a stop-market order; else a stop-limit order at this price.</param>
    /// <param name="timeInForce">Default: GTC for a stop-limit, IOC for a stop-market (once triggered).</param>
    /// <param name="ocoWithClOrdId">When given, ties the order to this live order of the account: one cancels the other.</param>
    /// <returns>The request id.</returns>
    public ulong PlaceStopOrder(int instrumentId, Side side, long stopPriceTicks, long quantityLots, ReadOnlySpan<char> clOrdId, long limitPriceTicks = 0,
        TimeInForce timeInForce = TimeInForce.Default, ReadOnlySpan<char> ocoWithClOrdId = default) =>
        PlaceTriggered(TriggerType.Stop, instrumentId, side, stopPriceTicks, quantityLots, clOrdId, limitPriceTicks, timeInForce, ocoWithClOrdId);

    /// <summary>
    /// Queues a take-profit (if-touched) order: it waits off the book until a trade reaches
    /// <paramref name="stopPriceTicks"/> (a buy at or below it, a sell at or above), then enters as a market order,
    /// or as a limit order at <paramref name="limitPriceTicks"/> when that is not 0. Never allocates.
    /// </summary>
    /// <param name="instrumentId">The instrument.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="stopPriceTicks">The trigger price in ticks.</param>
    /// <param name="quantityLots">The quantity in lots.</param>
    /// <param name="clOrdId">The client order id.</param>
    /// <param name="limitPriceTicks">0: a market order once triggered; else a limit order at this price.</param>
    /// <param name="timeInForce">Default: GTC for a limit, IOC for a market order (once triggered).</param>
    /// <param name="ocoWithClOrdId">When given, ties the order to this live order of the account: one cancels the other.</param>
    /// <returns>The request id.</returns>
    public ulong PlaceTakeProfitOrder(int instrumentId, Side side, long stopPriceTicks, long quantityLots, ReadOnlySpan<char> clOrdId,
        long limitPriceTicks = 0, TimeInForce timeInForce = TimeInForce.Default, ReadOnlySpan<char> ocoWithClOrdId = default) =>
        PlaceTriggered(TriggerType.TakeProfit, instrumentId, side, stopPriceTicks, quantityLots, clOrdId, limitPriceTicks, timeInForce, ocoWithClOrdId);

    /// <summary>
    /// Queues a trailing stop (a market order once triggered): its stop price follows the best last trade price
    /// since it was placed at a distance of <paramref name="offsetTicks"/> or <paramref name="offsetBps"/> basis
    /// points (exactly one of them). Never allocates.
    /// </summary>
    /// <param name="instrumentId">The instrument.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantityLots">The quantity in lots.</param>
    /// <param name="clOrdId">The client order id.</param>
    /// <param name="offsetTicks">The distance in ticks, or 0 with <paramref name="offsetBps"/>.</param>
    /// <param name="offsetBps">The distance in basis points of the trade price, or 0 with <paramref name="offsetTicks"/>.</param>
    /// <param name="ocoWithClOrdId">When given, ties the order to this live order of the account: one cancels the other.</param>
    /// <returns>The request id.</returns>
    public ulong PlaceTrailingStopOrder(int instrumentId, Side side, long quantityLots, ReadOnlySpan<char> clOrdId, long offsetTicks = 0, long offsetBps = 0,
        ReadOnlySpan<char> ocoWithClOrdId = default)
    {
        var order = new PlaceOrderMessage
        {
            QuantityLots = quantityLots,
            InstrumentId = instrumentId,
            Side = (byte)side,
            OrderType = (byte)OrderType.Market,
            TriggerType = (byte)TriggerType.TrailingStop,
            TrailingOffsetTicks = offsetTicks,
            TrailingOffsetBps = offsetBps,
        };
        WriteId(order.ClOrdId, clOrdId, nameof(clOrdId));
        Link(ref order, ocoWithClOrdId);
        return Enqueue(ref order, hasRequestId: true);
    }

    /// <summary>
    /// Queues an iceberg: a limit order of which only <paramref name="displayLots"/> show in the book at a time;
    /// when the shown slice is used up, the next one shows at the back of its price level. Never allocates.
    /// </summary>
    /// <param name="instrumentId">The instrument.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="priceTicks">The limit price in ticks.</param>
    /// <param name="quantityLots">The whole quantity in lots.</param>
    /// <param name="displayLots">The quantity shown at a time, in lots.</param>
    /// <param name="clOrdId">The client order id.</param>
    /// <param name="timeInForce">GTC (the default) or GTD: an iceberg must be able to rest.</param>
    /// <param name="expireTimeNs">For GTD: when it expires.</param>
    /// <param name="ocoWithClOrdId">When given, ties the order to this live order of the account: one cancels the other.</param>
    /// <returns>The request id.</returns>
    public ulong PlaceIcebergOrder(int instrumentId, Side side, long priceTicks, long quantityLots, long displayLots, ReadOnlySpan<char> clOrdId,
        TimeInForce timeInForce = TimeInForce.Default, long expireTimeNs = 0, ReadOnlySpan<char> ocoWithClOrdId = default)
    {
        var order = new PlaceOrderMessage
        {
            PriceTicks = priceTicks,
            QuantityLots = quantityLots,
            ExpireTimeNs = expireTimeNs,
            InstrumentId = instrumentId,
            Side = (byte)side,
            OrderType = (byte)OrderType.Limit,
            TimeInForce = (byte)timeInForce,
            DisplayLots = displayLots,
        };
        WriteId(order.ClOrdId, clOrdId, nameof(clOrdId));
        Link(ref order, ocoWithClOrdId);
        return Enqueue(ref order, hasRequestId: true);
    }

    /// <summary>
    /// Queues a one-cancels-other pair on one side: a limit order at <paramref name="limitPriceTicks"/> (the
    /// take-profit leg) and a stop order at <paramref name="stopPriceTicks"/> (the stop-loss leg, a market order
    /// once triggered, or a limit at <paramref name="stopLimitPriceTicks"/>), the second tied to the first by its
    /// client order id. When either trades or is cancelled, the other is cancelled. Never allocates.
    /// </summary>
    /// <returns>The two request ids: the limit's, then the stop's.</returns>
    public (ulong Limit, ulong Stop) PlaceOneCancelsOther(int instrumentId, Side side, long quantityLots, long limitPriceTicks, ReadOnlySpan<char> limitClOrdId,
        long stopPriceTicks, ReadOnlySpan<char> stopClOrdId, long stopLimitPriceTicks = 0)
    {
        // Both are checked before the first is queued, so that a bad second id does not leave half a pair.
        Span<byte> check = stackalloc byte[32];
        WriteId(check, stopClOrdId, nameof(stopClOrdId));
        var limit = PlaceLimitOrder(instrumentId, side, limitPriceTicks, quantityLots, limitClOrdId);
        var stop = PlaceStopOrder(instrumentId, side, stopPriceTicks, quantityLots, stopClOrdId, stopLimitPriceTicks, ocoWithClOrdId: limitClOrdId);
        return (limit, stop);
    }

    /// <summary>Queues an amend of a waiting stop or take-profit order: a new stop price, and optionally a new limit price and quantity (0: unchanged).</summary>
    public ulong AmendStopOrder(long orderId, long newStopPriceTicks, long newPriceTicks = 0, long newQuantityLots = 0)
    {
        var request = new AmendOrderMessage
        {
            OrderId = orderId,
            NewPriceTicks = newPriceTicks,
            NewQuantityLots = newQuantityLots,
            NewStopPriceTicks = newStopPriceTicks,
        };
        return Enqueue(ref request, hasRequestId: true);
    }

    /// <summary>
    /// Queues a two-sided quote that replaces the account's previous quote on the instrument (both legs are GTC
    /// limit orders; a side not quoted has price and lots 0 — a price without lots is <c>InvalidQuote</c> — and a quote
    /// with neither side withdraws the previous one). Answered by a
    /// <see cref="QuoteAck"/> (<see cref="IMatcherClientHandler.OnQuoteAck"/>) after the legs' ExecutionReports.
    /// Never allocates.
    /// </summary>
    /// <param name="instrumentId">The instrument.</param>
    /// <param name="bidPriceTicks">The bid's price in ticks.</param>
    /// <param name="bidLots">The bid's quantity in lots; 0 (with a price of 0): no bid.</param>
    /// <param name="askPriceTicks">The ask's price in ticks.</param>
    /// <param name="askLots">The ask's quantity in lots; 0 (with a price of 0): no ask.</param>
    /// <param name="quoteId">The quote's id, the legs' clOrdId in their reports: 1 to 32 printable ASCII characters.</param>
    /// <returns>The request id, which the QuoteAck carries.</returns>
    public ulong SendQuote(int instrumentId, long bidPriceTicks, long bidLots, long askPriceTicks, long askLots, ReadOnlySpan<char> quoteId)
    {
        var quote = new QuoteMessage
        {
            InstrumentId = instrumentId,
            BidPriceTicks = bidPriceTicks,
            BidLots = bidLots,
            AskPriceTicks = askPriceTicks,
            AskLots = askLots,
        };
        WriteId(quote.QuoteId, quoteId, nameof(quoteId));
        return Enqueue(ref quote, hasRequestId: true);
    }

    /// <summary>Queues a Quote as given; a <c>RequestId</c> of 0 gets the next one.</summary>
    public ulong SendQuote(ref QuoteMessage quote) => Enqueue(ref quote, hasRequestId: true);

    /// <summary>Queues a reset of the account's tripped market-maker protection; answered by a <see cref="MarketMakerProtection"/> message.</summary>
    public ulong ResetMarketMakerProtection()
    {
        var request = new ResetMessage();
        return Enqueue(ref request, hasRequestId: true);
    }

    private ulong PlaceTriggered(TriggerType trigger, int instrumentId, Side side, long stopPriceTicks, long quantityLots, ReadOnlySpan<char> clOrdId,
        long limitPriceTicks, TimeInForce timeInForce, ReadOnlySpan<char> ocoWithClOrdId)
    {
        var order = new PlaceOrderMessage
        {
            PriceTicks = limitPriceTicks,
            QuantityLots = quantityLots,
            InstrumentId = instrumentId,
            Side = (byte)side,
            OrderType = (byte)(limitPriceTicks == 0 ? OrderType.Market : OrderType.Limit),
            TimeInForce = (byte)timeInForce,
            TriggerType = (byte)trigger,
            StopPriceTicks = stopPriceTicks,
        };
        WriteId(order.ClOrdId, clOrdId, nameof(clOrdId));
        Link(ref order, ocoWithClOrdId);
        return Enqueue(ref order, hasRequestId: true);
    }

    private static void Link(ref PlaceOrderMessage order, ReadOnlySpan<char> ocoWithClOrdId)
    {
        if (ocoWithClOrdId.IsEmpty)
        {
            return;
        }

        WriteId(order.LinkedClOrdId, ocoWithClOrdId, nameof(ocoWithClOrdId));
        order.ContingencyType = (byte)ContingencyType.OneCancelsOther;
    }
}
