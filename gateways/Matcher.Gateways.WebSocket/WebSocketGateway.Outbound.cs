using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;
using Matcher.Protocol;
using Matcher.Views.Orders;

namespace Matcher.Gateways.WebSocket;

/// <summary>
/// Outbound: the core's events to messages, on the outbound-ring consumer's thread. The
/// order states, exec types and reject reasons are the FIX gateway's (docs/FIX.md).
/// </summary>
public sealed partial class WebSocketGateway
{
    /// <inheritdoc />
    public void OnEvent(ref EngineEvent e, long sequence, bool endOfBatch)
    {
        if (e.CommandSequence != _eventCommandSequence)
        {
            _eventCommandSequence = e.CommandSequence;
            _eventIndex = 0;
        }

        _eventIndex++;
        switch (e.Type)
        {
            case EventType.AssetAdded or EventType.InstrumentDefined or EventType.InstrumentStatusChanged:
                _catalog.OnEvent(in e);
                break;
            case EventType.OrderAccepted:
                OnAccepted(ref e);
                break;
            case EventType.OrderAmended:
                OnAmended(ref e);
                break;
            case EventType.Trade:
                OnTrade(ref e);
                break;
            case EventType.OrderCancelled:
                OnCancelled(ref e);
                break;
            case EventType.Rejected:
                OnRejected(ref e);
                break;
            case EventType.MassCancelled:
                OnMassCancelled(ref e);
                break;
            case EventType.BalanceChanged:
                OnBalance(ref e);
                break;
            case EventType.OrderTriggered:
                OnTriggered(ref e);
                break;
            case EventType.QuoteAccepted:
                OnQuoteAccepted(ref e);
                break;
            case EventType.MarketMakerProtectionUpdated:
                OnMarketMakerProtection(ref e);
                break;
        }
    }

    /// <summary>A waiting stop, take-profit or trailing stop triggered: execType 'L' to its owner; it now trades as the order it carries.</summary>
    private void OnTriggered(ref EngineEvent e)
    {
        if (Find(e.OrderOrigin) is not { } owner)
        {
            return;
        }

        var filledTicksLots = _orders.OnOrder(in e);
        var report = Report(ref e, owner, (byte)'L', OrderStates.OrdStatus(e.FilledLots, e.RemainingLots, false, default), filledTicksLots);
        CopyId(e.ClientOrderId, ref report.ClOrdId);
        owner.Send(ref report);
    }

    /// <summary>A quote was applied: QuoteAck with its legs' order ids to the connection that sent it (the legs' reports came before).</summary>
    private void OnQuoteAccepted(ref EngineEvent e)
    {
        if (Find(e.Origin) is not { } connection)
        {
            return;
        }

        var ack = NewQuoteAck(ref e);
        ack.BidOrderId = e.OrderId;
        ack.AskOrderId = e.AskOrderId;
        connection.Send(ref ack);
    }

    /// <summary>
    /// An account's market-maker protection changed: to every connection of the account that reads schema 2,
    /// with the reset's requestId for the connection that asked.
    /// </summary>
    private void OnMarketMakerProtection(ref EngineEvent e)
    {
        if (!_accountConnections.TryGetValue(e.AccountId, out var connections))
        {
            return;
        }

        var update = new MarketMakerProtection
        {
            AccountId = e.AccountId,
            WindowNs = e.WindowNs,
            QuantityLots = e.QuantityLots,
            MaxFills = e.MaxFills,
            Status = e.InstrumentStatus == Core.Reference.InstrumentStatus.Halted ? MarketMakerProtection.Tripped : MarketMakerProtection.Active,
        };
        foreach (var connection in connections)
        {
            if (connection.SchemaVersion < 2)
            {
                continue;
            }

            update.RequestId = e.Origin.GatewayId == GatewayId && e.Origin.SessionId == connection.Id ? (ulong)e.Origin.CorrelationId : 0;
            connection.Send(ref update);
        }
    }

    private static QuoteAck NewQuoteAck(ref EngineEvent e)
    {
        var ack = new QuoteAck
        {
            RequestId = (ulong)e.Origin.CorrelationId,
            BidPriceTicks = e.PriceTicks,
            BidLots = e.QuantityLots,
            AskPriceTicks = e.AskPriceTicks,
            AskLots = e.AskQuantityLots,
            TransactTimeNs = e.TimestampNs,
            InstrumentId = e.InstrumentId,
        };
        CopyId(e.ClientOrderId, ref ack.QuoteId);
        return ack;
    }

    private void OnAccepted(ref EngineEvent e)
    {
        if (Find(e.OrderOrigin) is not { } owner)
        {
            return;
        }

        _orders.OnOrder(in e);
        var report = Report(ref e, owner, (byte)'0', (byte)'0', 0);
        CopyId(e.ClientOrderId, ref report.ClOrdId);
        owner.Send(ref report);
    }

    private void OnAmended(ref EngineEvent e)
    {
        if (Find(e.OrderOrigin) is not { } owner)
        {
            return;
        }

        var filledTicksLots = _orders.OnOrder(in e);
        var restated = e.CancelReason == CancelReason.SelfTrade;
        var report = Report(ref e, owner, restated ? (byte)'D' : (byte)'5', OrderStates.OrdStatus(e.FilledLots, e.RemainingLots, false, default), filledTicksLots);
        report.CancelReason = (byte)e.CancelReason;
        CopyId(e.ClientOrderId, ref report.ClOrdId);
        if (!restated)
        {
            CopyId(e.OrigClientOrderId, ref report.OrigClOrdId);
        }

        owner.Send(ref report);
    }

    private void OnTrade(ref EngineEvent e)
    {
        if (Find(e.OrderOrigin) is { } taker)
        {
            var (filledTicksLots, _) = _orders.OnFill(e.OrderId, e.TradePriceTicks, e.TradeLots, e.FilledLots, e.RemainingLots);
            var report = Report(ref e, taker, (byte)'F', OrderStates.OrdStatus(e.FilledLots, e.RemainingLots, false, default), filledTicksLots);
            report.Role = (byte)'T';
            Fill(ref report, ref e);
            CopyId(e.ClientOrderId, ref report.ClOrdId);
            taker.Send(ref report);
        }

        if (Find(e.MakerOrigin) is { } maker)
        {
            var (filledTicksLots, quantity) = _orders.OnFill(e.MakerOrderId, e.TradePriceTicks, e.TradeLots, e.MakerFilledLots, e.MakerRemainingLots);
            var report = new ExecutionReport
            {
                OrderId = e.MakerOrderId,
                ExecSequence = _eventCommandSequence,
                ExecIndex = (ushort)_eventIndex,
                ExecType = (byte)'F',
                OrdStatus = OrderStates.OrdStatus(e.MakerFilledLots, e.MakerRemainingLots, false, default),
                Role = (byte)'M',
                AccountId = e.MakerAccountId,
                InstrumentId = e.InstrumentId,
                Side = (byte)(e.Side == Side.Buy ? Side.Sell : Side.Buy),
                OrderType = (byte)OrderType.Limit,
                PriceTicks = e.TradePriceTicks,
                QuantityLots = quantity,
                CumLots = e.MakerFilledLots,
                LeavesLots = e.MakerRemainingLots,
                AvgPriceTicksE8 = AveragePrice(filledTicksLots, e.MakerFilledLots),
                TransactTimeNs = e.TimestampNs,
            };
            Fill(ref report, ref e);
            CopyId(e.MakerClientOrderId, ref report.ClOrdId);
            maker.Send(ref report);
        }
    }

    private void OnCancelled(ref EngineEvent e)
    {
        var owner = Find(e.OrderOrigin);
        var requester = e.CommandType == CommandType.CancelOrder ? Find(e.Origin) : null;

        // The cancel's outcome: its entry goes now, whether or not its connection is still there.
        var pending = e.CommandType == CommandType.CancelOrder ? TakePending(in e.Origin) : default;
        var filledTicksLots = _orders.OnCancelled(e.OrderId);
        if (owner is null && requester is null)
        {
            return;
        }

        var execType = e.CancelReason == CancelReason.Expired ? (byte)'C' : (byte)'4';
        var report = Report(ref e, owner ?? requester!, execType, OrderStates.OrdStatus(e.FilledLots, 0, true, e.CancelReason), filledTicksLots);
        report.CancelReason = (byte)e.CancelReason;
        report.LeavesLots = 0;
        if (pending.ClientOrderId.IsEmpty)
        {
            CopyId(e.ClientOrderId, ref report.ClOrdId);
        }
        else
        {
            CopyId(pending.ClientOrderId, ref report.ClOrdId);
            CopyId(e.ClientOrderId, ref report.OrigClOrdId);
        }

        if (owner is not null)
        {
            owner.Send(ref report);
        }

        if (requester is not null && requester != owner)
        {
            report.RequestId = (ulong)e.Origin.CorrelationId;
            requester.Send(ref report);
        }
    }

    private void OnRejected(ref EngineEvent e)
    {
        // A refused cancel's outcome: its entry goes now, whether or not its connection is still there.
        var pending = e.CommandType == CommandType.CancelOrder ? TakePending(in e.Origin) : default;
        if (Find(e.Origin) is not { } connection)
        {
            return;
        }

        var requestId = (ulong)e.Origin.CorrelationId;
        switch (e.CommandType)
        {
            case CommandType.PlaceOrder:
                var report = Report(ref e, connection, (byte)'8', (byte)'8', 0);
                report.OrderId = 0;
                report.RejectCode = (ushort)e.RejectReason;
                report.LeavesLots = 0;
                CopyId(e.ClientOrderId, ref report.ClOrdId);
                connection.Send(ref report);
                break;
            case CommandType.CancelOrder or CommandType.AmendOrder or CommandType.CancelReplace:
                var cancel = e.CommandType == CommandType.CancelOrder;
                var clOrdId = cancel ? pending.ClientOrderId : e.ClientOrderId;
                var origClOrdId = cancel ? (pending.OrigClientOrderId.IsEmpty ? e.ClientOrderId : pending.OrigClientOrderId) : e.OrigClientOrderId;
                var known = _orders.TryFind(e.AccountId, origClOrdId, e.OrderId, out var order);
                var reject = new CancelReject
                {
                    RequestId = requestId,
                    OrderId = known ? order.OrderId : e.OrderId,
                    RejectCode = (ushort)e.RejectReason,
                    OrdStatus = known ? OrderStates.OrdStatus(order.FilledLots, order.QuantityLots - order.FilledLots, false, default) : (byte)'8',
                    ResponseTo = cancel ? (byte)'1' : (byte)'2',
                };
                CopyId(clOrdId, ref reject.ClOrdId);
                CopyId(origClOrdId.IsEmpty && known ? order.ClientOrderId : origClOrdId, ref reject.OrigClOrdId);
                connection.Send(ref reject);
                break;
            case CommandType.MassCancel:
                var massReport = new MassCancelReport { RequestId = requestId, RejectCode = (ushort)e.RejectReason };
                connection.Send(ref massReport);
                break;
            case CommandType.Quote:
                var ack = NewQuoteAck(ref e);
                ack.RejectCode = (ushort)e.RejectReason;
                connection.Send(ref ack);
                break;
            case CommandType.ResetMarketMakerProtection:
                var refused = new MarketMakerProtection { RequestId = requestId, AccountId = e.AccountId, RejectCode = (ushort)e.RejectReason };
                connection.Send(ref refused);
                break;
        }
    }

    private void OnMassCancelled(ref EngineEvent e)
    {
        if (e.CommandType != CommandType.MassCancel || Find(e.Origin) is not { } connection)
        {
            return;
        }

        var report = new MassCancelReport { RequestId = (ulong)e.Origin.CorrelationId, AffectedOrders = e.AffectedOrders };
        connection.Send(ref report);
    }

    /// <summary>A balance goes to every logged-in connection of its account: a lookup in the account index, no lock, no allocation.</summary>
    private void OnBalance(ref EngineEvent e)
    {
        if (!_accountConnections.TryGetValue(e.AccountId, out var connections))
        {
            return;
        }

        var update = new BalanceUpdate { AccountId = e.AccountId, AssetId = e.AssetId, Available = e.Available, Locked = e.Locked };
        foreach (var connection in connections)
        {
            connection.Send(ref update);
        }
    }

    /// <summary>Removes and returns what a cancel request of this gateway named; default when none is pending.</summary>
    private PendingCancel TakePending(in Origin origin) =>
        origin.GatewayId == GatewayId && _pending.TryRemove((origin.SessionId, origin.CorrelationId), out var pending) ? pending : default;

    /// <summary>
    /// An ExecutionReport of the event's own order, sent to <paramref name="to"/>: the
    /// requestId is the event's request when that request was <paramref name="to"/>'s.
    /// </summary>
    private ExecutionReport Report(ref EngineEvent e, Connection to, byte execType, byte ordStatus, Int128 filledTicksLots) => new()
    {
        RequestId = e.Origin.GatewayId == GatewayId && e.Origin.SessionId == to.Id ? (ulong)e.Origin.CorrelationId : 0,
        OrderId = e.OrderId,
        ExecSequence = _eventCommandSequence,
        ExecIndex = (ushort)_eventIndex,
        ExecType = execType,
        OrdStatus = ordStatus,
        Role = (byte)'E',
        AccountId = e.AccountId,
        InstrumentId = e.InstrumentId,
        Side = (byte)e.Side,
        OrderType = (byte)e.OrderType,
        TimeInForce = (byte)e.TimeInForce,
        PriceTicks = e.PriceTicks,
        QuantityLots = e.QuantityLots,
        CumLots = e.FilledLots,
        LeavesLots = e.RemainingLots,
        AvgPriceTicksE8 = AveragePrice(filledTicksLots, e.FilledLots),
        TransactTimeNs = e.TimestampNs,
        StopPriceTicks = e.StopPriceTicks,
        TrailingOffsetTicks = e.TrailingOffsetTicks,
        TrailingOffsetBps = e.TrailingOffsetBps,
        DisplayLots = e.DisplayLots,
        LinkedOrderId = e.LinkedOrderId,
        TriggerType = (byte)e.Trigger,
        Flags = e.IsQuote ? ExecutionReport.QuoteFlag : (byte)0,
    };

    private static void Fill(ref ExecutionReport report, ref EngineEvent e)
    {
        report.LastPriceTicks = e.TradePriceTicks;
        report.LastLots = e.TradeLots;
        report.TradeId = e.TradeId;
    }

    /// <summary>Σ ticks × lots ÷ lots, in ticks × 10^8, truncated; 0 when nothing filled or it does not fit.</summary>
    private static long AveragePrice(Int128 filledTicksLots, long filledLots)
    {
        if (filledLots <= 0 || filledTicksLots <= 0)
        {
            return 0;
        }

        var average = filledTicksLots * 100_000_000 / filledLots;
        return average > long.MaxValue ? 0 : (long)average;
    }

    private static void CopyId(in ClientOrderId id, ref Chars32 field)
    {
        if (!id.IsEmpty)
        {
            id.CopyTo(field.AsSpan());
        }
    }
}
