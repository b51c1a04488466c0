using System.Diagnostics;
using Matcher.Protocol;
using AmendOrderMessage = Matcher.Protocol.AmendOrder;
using CancelOrderMessage = Matcher.Protocol.CancelOrder;
using CancelReplaceMessage = Matcher.Protocol.CancelReplace;
using MassCancelMessage = Matcher.Protocol.MassCancel;
using PlaceOrderMessage = Matcher.Protocol.PlaceOrder;

namespace Matcher.Client;

/// <summary>Requests: the awaited ones (ping, instruments, subscribe) and order entry, which only queues.</summary>
public sealed partial class MatcherClient
{
    /// <summary>Sends a Ping and waits for its Pong.</summary>
    public async Task<PingResult> PingAsync(CancellationToken cancellationToken = default)
    {
        var requestId = AllocateRequestId();
        var pending = PendingRequest.Awaited(TemplateId.Ping, startTimestamp: Stopwatch.GetTimestamp());
        return await RequestAsync<PingResult, Ping>(new Ping { RequestId = requestId }, requestId, pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks for the instruments (no login needed).</summary>
    public async Task<IReadOnlyList<InstrumentInfo>> GetInstrumentsAsync(CancellationToken cancellationToken = default)
    {
        var requestId = AllocateRequestId();
        var pending = PendingRequest.Awaited(TemplateId.InstrumentListRequest);
        return await RequestAsync<InstrumentInfo[], InstrumentListRequest>(new InstrumentListRequest { RequestId = requestId }, requestId, pending,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Subscribes to an instrument's market data (no login needed) and returns its book once the snapshot has
    /// arrived and been applied. Subscribing again to the same instrument replaces the subscription and
    /// rebuilds the same <see cref="OrderBook"/> from a new snapshot.
    /// </summary>
    /// <param name="instrumentId">The instrument.</param>
    /// <param name="channels">What to receive; at least one channel.</param>
    /// <param name="depth">Levels per side in the snapshot; 0 for the whole book; at most 10,000.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="MatcherRejectException">The server refused it (unknown instrument, too many subscriptions...).</exception>
    public async Task<OrderBook> SubscribeAsync(int instrumentId, SubscriptionChannels channels = SubscriptionChannels.All, int depth = 0,
        CancellationToken cancellationToken = default)
    {
        if (channels == SubscriptionChannels.None || (channels & ~SubscriptionChannels.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "at least one of Book, Trades and BestBidOffer, and nothing else");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, Subscribe.MaxDepth);
        var requestId = AllocateRequestId();
        var pending = PendingRequest.Awaited(TemplateId.Subscribe, instrumentId, depth);
        var message = new Subscribe { RequestId = requestId, InstrumentId = instrumentId, Depth = (ushort)depth, Channels = (byte)channels };
        return await RequestAsync<OrderBook, Subscribe>(message, requestId, pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a subscription: its book is removed (and marked stale) at once and market data still in flight for
    /// it is ignored. The protocol has no answer to an Unsubscribe (only a Reject, if it is refused).
    /// </summary>
    /// <returns>The request id.</returns>
    public ulong Unsubscribe(int instrumentId)
    {
        lock (_pendingLock)
        {
            // Automatic resubscriptions of this instrument must not bring the book back.
            foreach (var (requestId, pending) in _pending)
            {
                if (pending is { Template: TemplateId.Subscribe, Completion: null } && pending.InstrumentId == instrumentId)
                {
                    _pending.Remove(requestId);
                }
            }
        }

        if (_books.TryRemove(instrumentId, out var book))
        {
            book.MarkStale();
        }

        var message = new Unsubscribe { InstrumentId = instrumentId };
        return Enqueue(ref message, hasRequestId: true);
    }

    /// <summary>Queues a PlaceOrder as given; a <c>RequestId</c> of 0 gets the next one. Never allocates.</summary>
    /// <returns>The request id, which the order's first ExecutionReport (or a Reject) carries.</returns>
    public ulong PlaceOrder(ref PlaceOrderMessage order) => Enqueue(ref order, hasRequestId: true);

    /// <summary>Queues a limit order. Never allocates.</summary>
    /// <param name="instrumentId">The instrument.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="priceTicks">The limit price in ticks (<see cref="InstrumentInfo.TicksOf"/>).</param>
    /// <param name="quantityLots">The quantity in lots (<see cref="InstrumentInfo.LotsOf"/>).</param>
    /// <param name="clOrdId">The client order id: 1 to 32 printable ASCII characters, unique among the account's live orders.</param>
    /// <param name="timeInForce">Default: GTC.</param>
    /// <param name="postOnly">Refuse the order rather than let it take liquidity.</param>
    /// <param name="selfTradePrevention">What to do when it would trade with the same account.</param>
    /// <param name="expireTimeNs">For GTD: when it expires, nanoseconds since the Unix epoch.</param>
    /// <returns>The request id.</returns>
    /// <exception cref="ArgumentException"><paramref name="clOrdId"/> is empty, too long or not printable ASCII.</exception>
    public ulong PlaceLimitOrder(int instrumentId, Side side, long priceTicks, long quantityLots, ReadOnlySpan<char> clOrdId,
        TimeInForce timeInForce = TimeInForce.Default, bool postOnly = false, SelfTradePrevention selfTradePrevention = SelfTradePrevention.None,
        long expireTimeNs = 0)
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
            SelfTradePrevention = (byte)selfTradePrevention,
            Flags = postOnly ? PlaceOrderMessage.PostOnlyFlag : (byte)0,
        };
        WriteId(order.ClOrdId, clOrdId, nameof(clOrdId));
        return Enqueue(ref order, hasRequestId: true);
    }

    /// <summary>Queues a market order: a quantity, or for a buy a budget in quote units instead. Never allocates.</summary>
    /// <param name="instrumentId">The instrument.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="quantityLots">The quantity in lots; 0 with a <paramref name="quoteBudget"/>.</param>
    /// <param name="clOrdId">The client order id.</param>
    /// <param name="quoteBudget">A buy's budget in quote asset units; 0 for none.</param>
    /// <param name="timeInForce">Default: IOC.</param>
    /// <param name="selfTradePrevention">What to do when it would trade with the same account.</param>
    /// <returns>The request id.</returns>
    public ulong PlaceMarketOrder(int instrumentId, Side side, long quantityLots, ReadOnlySpan<char> clOrdId, long quoteBudget = 0,
        TimeInForce timeInForce = TimeInForce.Default, SelfTradePrevention selfTradePrevention = SelfTradePrevention.None)
    {
        var order = new PlaceOrderMessage
        {
            QuantityLots = quantityLots,
            QuoteBudget = quoteBudget,
            InstrumentId = instrumentId,
            Side = (byte)side,
            OrderType = (byte)OrderType.Market,
            TimeInForce = (byte)timeInForce,
            SelfTradePrevention = (byte)selfTradePrevention,
        };
        WriteId(order.ClOrdId, clOrdId, nameof(clOrdId));
        return Enqueue(ref order, hasRequestId: true);
    }

    /// <summary>Queues a CancelOrder as given; a <c>RequestId</c> of 0 gets the next one.</summary>
    public ulong CancelOrder(ref CancelOrderMessage request) => Enqueue(ref request, hasRequestId: true);

    /// <summary>Queues a cancel of the order <paramref name="orderId"/>; <paramref name="clOrdId"/> optionally names the request.</summary>
    public ulong CancelOrder(long orderId, ReadOnlySpan<char> clOrdId = default)
    {
        var request = new CancelOrderMessage { OrderId = orderId };
        WriteId(request.ClOrdId, clOrdId, nameof(clOrdId), optional: true);
        return Enqueue(ref request, hasRequestId: true);
    }

    /// <summary>Queues a cancel of the order whose client order id is <paramref name="origClOrdId"/>.</summary>
    public ulong CancelOrderByClOrdId(ReadOnlySpan<char> origClOrdId, ReadOnlySpan<char> clOrdId = default)
    {
        var request = new CancelOrderMessage();
        WriteId(request.OrigClOrdId, origClOrdId, nameof(origClOrdId));
        WriteId(request.ClOrdId, clOrdId, nameof(clOrdId), optional: true);
        return Enqueue(ref request, hasRequestId: true);
    }

    /// <summary>Queues an AmendOrder as given; a <c>RequestId</c> of 0 gets the next one.</summary>
    public ulong AmendOrder(ref AmendOrderMessage request) => Enqueue(ref request, hasRequestId: true);

    /// <summary>Queues an amend of the order <paramref name="orderId"/>: a new price and/or total quantity (0: unchanged).</summary>
    public ulong AmendOrder(long orderId, long newPriceTicks, long newQuantityLots)
    {
        var request = new AmendOrderMessage { OrderId = orderId, NewPriceTicks = newPriceTicks, NewQuantityLots = newQuantityLots };
        return Enqueue(ref request, hasRequestId: true);
    }

    /// <summary>Queues an amend of the order whose client order id is <paramref name="origClOrdId"/>.</summary>
    public ulong AmendOrderByClOrdId(ReadOnlySpan<char> origClOrdId, long newPriceTicks, long newQuantityLots)
    {
        var request = new AmendOrderMessage { NewPriceTicks = newPriceTicks, NewQuantityLots = newQuantityLots };
        WriteId(request.OrigClOrdId, origClOrdId, nameof(origClOrdId));
        return Enqueue(ref request, hasRequestId: true);
    }

    /// <summary>Queues a CancelReplace as given; a <c>RequestId</c> of 0 gets the next one.</summary>
    public ulong CancelReplace(ref CancelReplaceMessage request) => Enqueue(ref request, hasRequestId: true);

    /// <summary>
    /// Queues a cancel-replace: as an amend, and the order takes <paramref name="newClOrdId"/>. The order is
    /// <paramref name="orderId"/>, or when that is 0 the one whose client order id is <paramref name="origClOrdId"/>.
    /// </summary>
    public ulong CancelReplace(long orderId, ReadOnlySpan<char> origClOrdId, long newPriceTicks, long newQuantityLots, ReadOnlySpan<char> newClOrdId)
    {
        var request = new CancelReplaceMessage { OrderId = orderId, NewPriceTicks = newPriceTicks, NewQuantityLots = newQuantityLots };
        WriteId(request.OrigClOrdId, origClOrdId, nameof(origClOrdId), optional: orderId != 0);
        WriteId(request.ClOrdId, newClOrdId, nameof(newClOrdId));
        return Enqueue(ref request, hasRequestId: true);
    }

    /// <summary>Queues a mass cancel of the account's orders: all instruments (0) or one, both sides or one.</summary>
    public ulong MassCancel(int instrumentId = 0, Side side = Side.Both)
    {
        var request = new MassCancelMessage { InstrumentId = instrumentId, Side = (byte)side };
        return Enqueue(ref request, hasRequestId: true);
    }

    /// <summary>Queues a request for the status of the order <paramref name="orderId"/> (answered by an ExecutionReport, execType 'I').</summary>
    public ulong OrderStatus(long orderId)
    {
        var request = new OrderStatusRequest { OrderId = orderId };
        return Enqueue(ref request, hasRequestId: true);
    }

    /// <summary>Queues a request for the status of the order whose client order id is <paramref name="clOrdId"/>.</summary>
    public ulong OrderStatusByClOrdId(ReadOnlySpan<char> clOrdId)
    {
        var request = new OrderStatusRequest();
        WriteId(request.ClOrdId, clOrdId, nameof(clOrdId));
        return Enqueue(ref request, hasRequestId: true);
    }

    /// <summary>Queues an OrderStatusRequest as given; a <c>RequestId</c> of 0 gets the next one.</summary>
    public ulong OrderStatus(ref OrderStatusRequest request) => Enqueue(ref request, hasRequestId: true);

    private static void WriteId(Span<byte> field, ReadOnlySpan<char> text, string name, bool optional = false)
    {
        if (text.IsEmpty && !optional)
        {
            throw new ArgumentException("must not be empty", name);
        }

        if (!AsciiField.TryWrite(field, text))
        {
            throw new ArgumentException($"must be at most {field.Length} printable ASCII characters", name);
        }
    }
}
