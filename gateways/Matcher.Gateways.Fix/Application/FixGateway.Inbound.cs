using Matcher.Core.Commands;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Views.Instruments;
using Matcher.Views.Orders;

namespace Matcher.Gateways.Fix.Application;

/// <summary>Inbound: FIX application messages to commands, on the session's thread.</summary>
public sealed partial class FixGateway
{
    /// <summary>SessionRejectReason (373) values used by the application layer.</summary>
    private const long RequiredTagMissing = 1;
    private const long ValueIncorrect = 5;
    private const long IncorrectDataFormat = 6;

    [ThreadStatic]
    private static FixBodyWriter? _inBody;

    /// <summary>The message this session thread is handling, for the RefMsgType of its rejects.</summary>
    [ThreadStatic]
    private static FixMessage? _current;

    private static FixBodyWriter InBody => _inBody ??= new FixBodyWriter();

    /// <inheritdoc />
    public void OnMessage(FixSession session, FixMessage message)
    {
        _current = message;
        var type = message.MsgType;
        if (type.Length == 1)
        {
            switch (type[0])
            {
                case (byte)'D' when AlreadyJournaled(session, message):
                    // The engine has this order: answer with its status rather than entering it again.
                    OrderStatusRequest(session, message);
                    return;
                case (byte)'F' or (byte)'G' or (byte)'q' or (byte)'i' or (byte)'Z' when AlreadyJournaled(session, message):
                    return;
                case (byte)'D':
                    NewOrderSingle(session, message);
                    return;
                case (byte)'F':
                    CancelRequest(session, message);
                    return;
                case (byte)'G':
                    CancelReplaceRequest(session, message);
                    return;
                case (byte)'H':
                    OrderStatusRequest(session, message);
                    return;
                case (byte)'q':
                    MassCancelRequest(session, message);
                    return;
                case (byte)'x':
                    SecurityListRequest(session, message);
                    return;
                case (byte)'i':
                    MassQuote(session, message);
                    return;
                case (byte)'Z':
                    QuoteCancel(session, message);
                    return;
                case (byte)'V':
                    _marketData.OnRequest(session, message, InBody);
                    return;
            }
        }

        var body = InBody;
        body.Clear();
        Correlation(session, message, out var seq);
        body.Add(FixTags.RefSeqNum, seq).Add(FixTags.RefMsgType, type).Add(FixTags.BusinessRejectReason, 3L)
            .Add(FixTags.Text, "Unsupported message type");
        session.Send("j"u8, body);
    }

    /// <summary>
    /// True for a possible duplicate (43=Y) of a request this session already had
    /// journaled: after a crash the session's stored inbound sequence number can lag the
    /// journal, so the client resends what the engine already has. Without PossDup, a
    /// number at or below the last one means the client reset its sequence.
    /// </summary>
    private bool AlreadyJournaled(FixSession session, FixMessage m)
    {
        if (!m.TryGetLong(FixTags.MsgSeqNum, out var seq))
        {
            return false;
        }

        var id = session.Settings.SessionId;
        if (seq <= _lastRequestSeq.GetValueOrDefault(id) && m.TryGet(FixTags.PossDupFlag, out var possDup) && possDup.SequenceEqual("Y"u8))
        {
            Interlocked.Increment(ref _duplicatesDropped);
            return true;
        }

        _lastRequestSeq[id] = seq;
        return false;
    }

    private void NewOrderSingle(FixSession session, FixMessage m)
    {
        var correlation = Correlation(session, m, out var seq);
        if (!RequireClientOrderId(session, m, FixTags.ClOrdID, seq, out var clOrdId)
            || !Require(session, m, FixTags.Symbol, seq, out var symbol)
            || !RequireChar(session, m, FixTags.Side, seq, out var sideChar)
            || !Require(session, m, FixTags.OrderQty, seq, out var quantityText)
            || !RequireChar(session, m, FixTags.OrdType, seq, out var ordTypeChar))
        {
            return;
        }

        if (!FixCodes.TryParseSide(sideChar, out var side))
        {
            SessionReject(session, seq, FixTags.Side, ValueIncorrect, "Side must be 1 (buy) or 2 (sell)");
            return;
        }

        var hasPrice = m.TryGet(FixTags.Price, out var priceText);
        if (!FixCodes.TryParseOrdType(ordTypeChar, hasPrice, out var orderType, out var trigger))
        {
            SessionReject(session, seq, FixTags.OrdType, ValueIncorrect, "OrdType must be 1 (market), 2 (limit), 3 (stop), 4 (stop limit) or J (market if touched)");
            return;
        }

        // Without TimeInForce the core picks the order type's default: GTC for a limit order, IOC for a market order.
        var tif = TimeInForce.None;
        if (m.TryGet(FixTags.TimeInForce, out var tifText) && (tifText.Length != 1 || !FixCodes.TryParseTimeInForce(tifText[0], out tif)))
        {
            RejectOrder(session, m, clOrdId, 11, "TimeInForce must be 1 (GTC), 3 (IOC), 4 (FOK) or 6 (GTD)");
            return;
        }

        if (trigger != TriggerType.None && orderType == OrderType.Market && tif == TimeInForce.GoodTillCancel)
        {
            // A stop's GTC says how long it waits, which is until it triggers or is cancelled anyway;
            // once triggered it is a market order, which the core runs as IOC (its default).
            tif = TimeInForce.None;
        }

        if (!_catalog.TryGet(symbol, out var instrument))
        {
            RejectOrder(session, m, clOrdId, 1, "Unknown symbol");
            return;
        }

        if (!AccountMatches(session, m))
        {
            RejectOrder(session, m, clOrdId, 99, "Account is not this session's account");
            return;
        }

        var command = new Command
        {
            Type = CommandType.PlaceOrder,
            Origin = correlation,
            AccountId = session.Settings.AccountId,
            InstrumentId = instrument.Id,
            Side = side,
            OrderType = orderType,
            TimeInForce = tif,
            ClientOrderId = clOrdId,
            Trigger = trigger,
        };

        if (!FixDecimal.TryParse(quantityText, out var quantity) || !instrument.TryToLots(quantity, out command.QuantityLots))
        {
            RejectOrder(session, m, clOrdId, 13, $"OrderQty must be a positive multiple of the lot size {instrument.Definition.LotSize}");
            return;
        }

        if (orderType == OrderType.Limit)
        {
            if (!hasPrice)
            {
                SessionReject(session, seq, FixTags.Price, RequiredTagMissing, "Price is required for a limit or stop-limit order");
                return;
            }

            if (!FixDecimal.TryParse(priceText, out var price) || !instrument.TryToTicks(price, out command.PriceTicks))
            {
                RejectOrder(session, m, clOrdId, 99, $"Price must be a positive multiple of the tick size {instrument.Definition.TickSize}");
                return;
            }
        }

        if (tif == TimeInForce.GoodTillDate)
        {
            if (!m.TryGetTimestamp(FixTags.ExpireTime, out command.ExpireTimeNs))
            {
                RejectOrder(session, m, clOrdId, 99, "A GTD order needs ExpireTime (126) as a UTCTimestamp");
                return;
            }
        }

        if (m.TryGet(FixTags.ExecInst, out var execInst))
        {
            // ExecInst is a space-separated list; '6' = participate don't initiate, i.e. post-only.
            command.PostOnly = HasInstruction(execInst, (byte)'6');
        }

        if (!TryReadConditions(session, m, seq, instrument, clOrdId, ref command))
        {
            return;
        }

        Publish(session, m, in command, clOrdId);
    }

    private void CancelRequest(FixSession session, FixMessage m)
    {
        var correlation = Correlation(session, m, out var seq);
        if (!RequireClientOrderId(session, m, FixTags.ClOrdID, seq, out var clOrdId)
            || !TargetOrder(session, m, seq, out var origClOrdId, out var orderId))
        {
            return;
        }

        var command = new Command
        {
            Type = CommandType.CancelOrder,
            Origin = correlation,
            AccountId = session.Settings.AccountId,
            ClientOrderId = origClOrdId,
            OrderId = orderId,
        };
        _pending[(session.Settings.SessionId, correlation.CorrelationId)] = new PendingRequest(clOrdId, origClOrdId, 0);
        if (!_publisher.TryPublish(command))
        {
            _pending.TryRemove((session.Settings.SessionId, correlation.CorrelationId), out _);
            CancelReject(session, clOrdId, origClOrdId, orderId, (byte)'1', 99, BusyText);
        }
    }

    private void CancelReplaceRequest(FixSession session, FixMessage m)
    {
        var correlation = Correlation(session, m, out var seq);
        if (!RequireClientOrderId(session, m, FixTags.ClOrdID, seq, out var clOrdId)
            || !TargetOrder(session, m, seq, out var origClOrdId, out var orderId)
            || !Require(session, m, FixTags.Symbol, seq, out var symbol))
        {
            return;
        }

        if (!_catalog.TryGet(symbol, out var instrument))
        {
            CancelReject(session, clOrdId, origClOrdId, orderId, (byte)'2', 99, "Unknown symbol");
            return;
        }

        var command = new Command
        {
            Type = CommandType.CancelReplace,
            Origin = correlation,
            AccountId = session.Settings.AccountId,
            InstrumentId = instrument.Id,
            ClientOrderId = origClOrdId,
            NewClientOrderId = clOrdId,
            OrderId = orderId,
        };
        if (m.TryGet(FixTags.OrderQty, out var quantityText)
            && (!FixDecimal.TryParse(quantityText, out var quantity) || !instrument.TryToLots(quantity, out command.QuantityLots)))
        {
            CancelReject(session, clOrdId, origClOrdId, orderId, (byte)'2', 99, $"OrderQty must be a positive multiple of the lot size {instrument.Definition.LotSize}");
            return;
        }

        if (m.TryGet(FixTags.Price, out var priceText)
            && (!FixDecimal.TryParse(priceText, out var price) || !instrument.TryToTicks(price, out command.PriceTicks)))
        {
            CancelReject(session, clOrdId, origClOrdId, orderId, (byte)'2', 99, $"Price must be a positive multiple of the tick size {instrument.Definition.TickSize}");
            return;
        }

        // A waiting stop or take-profit may move its trigger; the core refuses it on any other order.
        if (m.TryGet(ApplicationTags.StopPx, out var stopText)
            && (!FixDecimal.TryParse(stopText, out var stop) || !instrument.TryToTicks(stop, out command.StopPriceTicks)))
        {
            CancelReject(session, clOrdId, origClOrdId, orderId, (byte)'2', 99, $"StopPx must be a positive multiple of the tick size {instrument.Definition.TickSize}");
            return;
        }

        if (!_publisher.TryPublish(command))
        {
            CancelReject(session, clOrdId, origClOrdId, orderId, (byte)'2', 99, BusyText);
        }
    }

    private void OrderStatusRequest(FixSession session, FixMessage m)
    {
        Correlation(session, m, out var seq);
        var hasClientId = m.TryGet(FixTags.ClOrdID, out var clOrdText);
        var hasOrderId = m.TryGetLong(FixTags.OrderID, out var orderId);
        if (!hasClientId && !hasOrderId)
        {
            SessionReject(session, seq, FixTags.ClOrdID, RequiredTagMissing, "ClOrdID (11) or OrderID (37) is required");
            return;
        }

        ClientOrderId.TryCreate(clOrdText, out var clOrdId);
        var body = InBody;
        body.Clear();
        if (!_orders.TryFind(session.Settings.AccountId, clOrdId, hasOrderId ? orderId : 0, out var order))
        {
            body.Add(FixTags.OrderID, hasOrderId ? m.TryGet(FixTags.OrderID, out var idText) ? idText : "NONE"u8 : "NONE"u8);
            ReportFields.ClOrdId(body, FixTags.ClOrdID, clOrdId);
            body.Add(FixTags.ExecID, NextGatewayExecId()).Add(FixTags.ExecType, (byte)'I').Add(FixTags.OrdStatus, (byte)'8')
                .Add(FixTags.OrdRejReason, 5L).Add(FixTags.LeavesQty, 0L).Add(FixTags.CumQty, 0L).Add(FixTags.AvgPx, 0L)
                .Add(FixTags.Text, "Unknown order");
            CopyIfPresent(m, body, FixTags.Symbol);
            CopyIfPresent(m, body, FixTags.Side);
            body.AddTimestamp(FixTags.TransactTime, NowNs());
            session.Send("8"u8, body);
            return;
        }

        _catalog.TryGet(order.InstrumentId, out var instrument);
        body.Add(FixTags.OrderID, order.OrderId);
        ReportFields.ClOrdId(body, FixTags.ClOrdID, order.ClientOrderId);
        body.Add(FixTags.ExecID, NextGatewayExecId()).Add(FixTags.ExecType, (byte)'I')
            .Add(FixTags.OrdStatus, OrderStates.OrdStatus(order.FilledLots, order.QuantityLots - order.FilledLots, false, default));
        WriteOrder(body, instrument, order.Side, FixCodes.OrdType(order.OrderType, order.Trigger), order.TimeInForce, order.PriceTicks, order.QuantityLots,
            order.FilledLots, order.QuantityLots - order.FilledLots, order.FilledTicksLots);
        WriteConditions(body, instrument, order.Trigger, order.StopPriceTicks, order.TrailingOffsetTicks, order.TrailingOffsetBps, order.DisplayLots, order.LinkedOrderId);
        body.AddTimestamp(FixTags.TransactTime, NowNs());
        session.Send("8"u8, body);
    }

    private void MassCancelRequest(FixSession session, FixMessage m)
    {
        var correlation = Correlation(session, m, out var seq);
        if (!RequireClientOrderId(session, m, FixTags.ClOrdID, seq, out var clOrdId)
            || !RequireChar(session, m, FixTags.MassCancelRequestType, seq, out var requestType))
        {
            return;
        }

        if (requestType is < (byte)'1' or > (byte)'9')
        {
            SessionReject(session, seq, FixTags.MassCancelRequestType, ValueIncorrect, "MassCancelRequestType must be 1 (by symbol) or 7 (all orders)");
            return;
        }

        var command = new Command
        {
            Type = CommandType.MassCancel,
            Origin = correlation,
            AccountId = session.Settings.AccountId,
        };
        if (requestType == (byte)'1')
        {
            if (!m.TryGet(FixTags.Symbol, out var symbol) || !_catalog.TryGet(symbol, out var instrument))
            {
                MassCancelReject(session, clOrdId, requestType, 1, "Unknown or missing Symbol");
                return;
            }

            command.InstrumentId = instrument.Id;
        }
        else if (requestType != (byte)'7')
        {
            MassCancelReject(session, clOrdId, requestType, 99, "MassCancelRequestType must be 1 (by symbol) or 7 (all orders)");
            return;
        }

        if (m.TryGet(FixTags.Side, out var sideText) && (sideText.Length != 1 || !FixCodes.TryParseSide(sideText[0], out command.Side)))
        {
            MassCancelReject(session, clOrdId, requestType, 99, "Side must be 1 (buy) or 2 (sell)");
            return;
        }

        _pending[(session.Settings.SessionId, correlation.CorrelationId)] = new PendingRequest(clOrdId, default, requestType);
        if (!_publisher.TryPublish(command))
        {
            _pending.TryRemove((session.Settings.SessionId, correlation.CorrelationId), out _);
            MassCancelReject(session, clOrdId, requestType, 99, BusyText);
        }
    }

    private void SecurityListRequest(FixSession session, FixMessage m)
    {
        Correlation(session, m, out var seq);
        if (!Require(session, m, FixTags.SecurityReqID, seq, out var requestId))
        {
            return;
        }

        var body = InBody;
        body.Clear();
        var instruments = _catalog.Instruments;
        body.Add(FixTags.SecurityReqID, requestId).Add(FixTags.SecurityResponseID, NextGatewayExecId())
            .Add(FixTags.SecurityRequestResult, 0L).Add(FixTags.NoRelatedSym, instruments.Count);
        foreach (var instrument in instruments)
        {
            body.Add(FixTags.Symbol, instrument.Symbol);
            body.AddDecimal(FixTags.RoundLot, instrument.Definition.LotSize.Mantissa, instrument.Definition.LotSize.Scale);
            ReportFields.Quantity(body, ApplicationTags.MinTradeVol, instrument, Math.Max(instrument.Definition.MinQuantityLots, 1));
        }

        session.Send("y"u8, body);
    }
}
