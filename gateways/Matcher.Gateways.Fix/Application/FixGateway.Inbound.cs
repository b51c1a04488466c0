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
                case (byte)'F' or (byte)'G' or (byte)'q' when AlreadyJournaled(session, message):
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

        if (!FixCodes.TryParseOrdType(ordTypeChar, out var orderType))
        {
            SessionReject(session, seq, FixTags.OrdType, ValueIncorrect, "OrdType must be 1 (market) or 2 (limit)");
            return;
        }

        // Without TimeInForce the core picks the order type's default: GTC for a limit order, IOC for a market order.
        var tif = TimeInForce.None;
        if (m.TryGet(FixTags.TimeInForce, out var tifText) && (tifText.Length != 1 || !FixCodes.TryParseTimeInForce(tifText[0], out tif)))
        {
            RejectOrder(session, m, clOrdId, 11, "TimeInForce must be 1 (GTC), 3 (IOC), 4 (FOK) or 6 (GTD)");
            return;
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
        };

        if (!FixDecimal.TryParse(quantityText, out var quantity) || !instrument.TryToLots(quantity, out command.QuantityLots))
        {
            RejectOrder(session, m, clOrdId, 13, $"OrderQty must be a positive multiple of the lot size {instrument.Definition.LotSize}");
            return;
        }

        if (orderType == OrderType.Limit)
        {
            if (!m.TryGet(FixTags.Price, out var priceText))
            {
                SessionReject(session, seq, FixTags.Price, RequiredTagMissing, "Price is required for a limit order");
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
            command.PostOnly = execInst.Contains((byte)'6');
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
        WriteOrder(body, instrument, order.Side, order.OrderType, order.TimeInForce, order.PriceTicks, order.QuantityLots, order.FilledLots,
            order.QuantityLots - order.FilledLots, order.FilledTicksLots);
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

    private const string BusyText = "System busy: the server is stopping or its inbound ring is full; try again";

    private void Publish(FixSession session, FixMessage m, in Command command, ClientOrderId clOrdId)
    {
        if (!_publisher.TryPublish(command))
        {
            RejectOrder(session, m, clOrdId, 99, BusyText);
        }
    }

    /// <summary>The request's origin: this gateway, the session, and the request's MsgSeqNum as correlation id.</summary>
    private static Origin Correlation(FixSession session, FixMessage m, out long seq)
    {
        m.TryGetLong(FixTags.MsgSeqNum, out seq);
        return new Origin(GatewayId, session.Settings.SessionId, seq);
    }

    private static bool AccountMatches(FixSession session, FixMessage m) =>
        !m.Has(FixTags.Account) || (m.TryGetLong(FixTags.Account, out var account) && account == session.Settings.AccountId);

    private bool TargetOrder(FixSession session, FixMessage m, long seq, out ClientOrderId origClOrdId, out long orderId)
    {
        origClOrdId = default;
        orderId = 0;
        var hasOrig = m.TryGet(FixTags.OrigClOrdID, out var origText);
        var hasOrderId = m.TryGetLong(FixTags.OrderID, out orderId) && orderId > 0;
        if (!hasOrig && !hasOrderId)
        {
            SessionReject(session, seq, FixTags.OrigClOrdID, RequiredTagMissing, "OrigClOrdID (41) or OrderID (37) is required");
            return false;
        }

        if (hasOrig && !ClientOrderId.TryCreate(origText, out origClOrdId))
        {
            SessionReject(session, seq, FixTags.OrigClOrdID, IncorrectDataFormat, "OrigClOrdID must be 1 to 32 printable ASCII characters");
            return false;
        }

        if (hasOrig)
        {
            // The client's own id names the order; the core looks it up by (account, ClOrdID).
            orderId = 0;
        }

        return true;
    }

    private bool Require(FixSession session, FixMessage m, int tag, long seq, out ReadOnlySpan<byte> value)
    {
        if (m.TryGet(tag, out value) && value.Length > 0)
        {
            return true;
        }

        SessionReject(session, seq, tag, RequiredTagMissing, "Required tag missing");
        return false;
    }

    private bool RequireChar(FixSession session, FixMessage m, int tag, long seq, out byte value)
    {
        value = 0;
        if (!Require(session, m, tag, seq, out var text))
        {
            return false;
        }

        if (text.Length != 1)
        {
            SessionReject(session, seq, tag, IncorrectDataFormat, "Expected a single character");
            return false;
        }

        value = text[0];
        return true;
    }

    private bool RequireClientOrderId(FixSession session, FixMessage m, int tag, long seq, out ClientOrderId id)
    {
        id = default;
        if (!Require(session, m, tag, seq, out var text))
        {
            return false;
        }

        if (!ClientOrderId.TryCreate(text, out id) || id.IsEmpty)
        {
            SessionReject(session, seq, tag, IncorrectDataFormat, "ClOrdID must be 1 to 32 printable ASCII characters");
            return false;
        }

        return true;
    }

    private void SessionReject(FixSession session, long refSeq, int refTag, long reason, string text)
    {
        Interlocked.Increment(ref _rejectCounter);
        var body = InBody;
        body.Clear();
        body.Add(FixTags.RefSeqNum, refSeq).Add(FixTags.RefTagID, refTag).Add(FixTags.RefMsgType, _current is { } current ? current.MsgType : "?"u8)
            .Add(FixTags.SessionRejectReason, reason).Add(FixTags.Text, text);
        session.Send("3"u8, body);
    }

    private void RejectOrder(FixSession session, FixMessage m, ClientOrderId clOrdId, long ordRejReason, string text)
    {
        Interlocked.Increment(ref _rejectCounter);
        var body = InBody;
        body.Clear();
        body.Add(FixTags.OrderID, "NONE"u8);
        ReportFields.ClOrdId(body, FixTags.ClOrdID, clOrdId);
        body.Add(FixTags.ExecID, NextGatewayExecId()).Add(FixTags.ExecType, (byte)'8').Add(FixTags.OrdStatus, (byte)'8')
            .Add(FixTags.OrdRejReason, ordRejReason);
        CopyIfPresent(m, body, FixTags.Symbol);
        CopyIfPresent(m, body, FixTags.Side);
        CopyIfPresent(m, body, FixTags.OrderQty);
        CopyIfPresent(m, body, FixTags.OrdType);
        CopyIfPresent(m, body, FixTags.Price);
        body.Add(FixTags.LeavesQty, 0L).Add(FixTags.CumQty, 0L).Add(FixTags.AvgPx, 0L).AddTimestamp(FixTags.TransactTime, NowNs())
            .Add(FixTags.Text, text);
        session.Send("8"u8, body);
    }

    private void CancelReject(FixSession session, ClientOrderId clOrdId, ClientOrderId origClOrdId, long orderId, byte responseTo, long reason, string text)
    {
        Interlocked.Increment(ref _rejectCounter);
        var body = InBody;
        body.Clear();
        WriteCancelReject(body, clOrdId, origClOrdId, orderId, (byte)'8', responseTo, reason, text);
        session.Send("9"u8, body);
    }

    private void MassCancelReject(FixSession session, ClientOrderId clOrdId, byte requestType, long reason, string text)
    {
        Interlocked.Increment(ref _rejectCounter);
        var body = InBody;
        body.Clear();
        WriteMassCancelReport(body, clOrdId, requestType, 0, reason, text, NextGatewayExecId());
        session.Send("r"u8, body);
    }

    private static void CopyIfPresent(FixMessage m, FixBodyWriter body, int tag)
    {
        if (m.TryGet(tag, out var value) && value.Length > 0)
        {
            body.Add(tag, value);
        }
    }

    /// <summary>An ExecID for a report the gateway makes itself (not from a core event): time-based, so unique across restarts.</summary>
    private string NextGatewayExecId() => $"G{NowNs()}-{Interlocked.Increment(ref _gatewayExecIds)}";

    private long NowNs() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
}
