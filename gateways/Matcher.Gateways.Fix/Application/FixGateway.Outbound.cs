using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Views.Instruments;
using Matcher.Views.Orders;

namespace Matcher.Gateways.Fix.Application;

/// <summary>Outbound: the core's events to FIX messages, on the outbound-ring consumer's thread (market data is the hub's).</summary>
public sealed partial class FixGateway
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
            case EventType.OrderTriggered:
                OnTriggered(ref e);
                break;
            case EventType.QuoteAccepted:
                OnQuoteAnswer(ref e);
                break;
            case EventType.MarketMakerProtectionUpdated:
                OnProtectionUpdated(ref e);
                break;
        }
    }

    private void OnAccepted(ref EngineEvent e)
    {
        var session = Session(e.OrderOrigin);
        if (session is null)
        {
            return;
        }

        _orders.OnOrder(in e);
        if (e.IsQuote)
        {
            // A quote's legs are acknowledged by the MassQuoteAcknowledgement; their fills and cancels are reported.
            return;
        }

        var body = Report(ref e, 'E', (byte)'0', (byte)'0', e.ClientOrderId, default);
        WriteOrderOf(body, ref e, 0);
        session.Send("8"u8, body);
    }

    /// <summary>A waiting stop, take-profit or trailing stop triggered: ExecType L ("triggered or activated by system").</summary>
    private void OnTriggered(ref EngineEvent e)
    {
        var session = Session(e.OrderOrigin);
        if (session is null)
        {
            return;
        }

        var ticksLots = _orders.OnOrder(in e);
        var body = Report(ref e, 'E', OrderStates.ExecType(in e), OrderStates.OrdStatus(in e), e.ClientOrderId, default);
        WriteOrderOf(body, ref e, ticksLots);
        session.Send("8"u8, body);
    }

    private void OnAmended(ref EngineEvent e)
    {
        var session = Session(e.OrderOrigin);
        if (session is null)
        {
            return;
        }

        var ticksLots = _orders.OnOrder(in e);
        var status = OrderStates.OrdStatus(e.FilledLots, e.RemainingLots, false, default);
        var restated = e.CancelReason == CancelReason.SelfTrade;
        var body = Report(ref e, 'E', restated ? (byte)'D' : (byte)'5', status, e.ClientOrderId, restated ? default : e.OrigClientOrderId);
        if (restated)
        {
            body.Add(ApplicationTags.ExecRestatementReason, 99L).Add(FixTags.Text, "Reduced by self-trade prevention");
        }

        WriteOrderOf(body, ref e, ticksLots);
        session.Send("8"u8, body);
    }

    private void OnTrade(ref EngineEvent e)
    {
        _catalog.TryGet(e.InstrumentId, out var instrument);
        if (Session(e.OrderOrigin) is { } taker)
        {
            var (ticksLots, _) = _orders.OnFill(e.OrderId, e.TradePriceTicks, e.TradeLots, e.FilledLots, e.RemainingLots);
            var status = OrderStates.OrdStatus(e.FilledLots, e.RemainingLots, false, default);
            var body = Report(ref e, 'T', (byte)'F', status, e.ClientOrderId, default);
            WriteOrder(body, instrument, e.Side, FixCodes.OrdType(e.OrderType, e.Trigger), e.TimeInForce, e.PriceTicks, e.QuantityLots, e.FilledLots,
                e.RemainingLots, ticksLots);
            WriteConditions(body, instrument, ref e);
            WriteFill(body, instrument, ref e);
            taker.Send("8"u8, body);
        }

        if (Session(e.MakerOrigin) is { } maker)
        {
            var (ticksLots, quantity) = _orders.OnFill(e.MakerOrderId, e.TradePriceTicks, e.TradeLots, e.MakerFilledLots, e.MakerRemainingLots);
            var status = OrderStates.OrdStatus(e.MakerFilledLots, e.MakerRemainingLots, false, default);
            var body = _outBody;
            body.Clear();
            body.Add(FixTags.OrderID, e.MakerOrderId);
            ReportFields.ClOrdId(body, FixTags.ClOrdID, e.MakerClientOrderId);
            ExecId(body, 'M');
            body.Add(FixTags.ExecType, (byte)'F').Add(FixTags.OrdStatus, status).Add(FixTags.Account, e.MakerAccountId);
            var makerSide = e.Side == Side.Buy ? Side.Sell : Side.Buy;
            WriteOrder(body, instrument, makerSide, FixCodes.OrdType(OrderType.Limit), TimeInForce.None, e.TradePriceTicks, quantity,
                e.MakerFilledLots, e.MakerRemainingLots, ticksLots);
            WriteFill(body, instrument, ref e);
            maker.Send("8"u8, body);
        }
    }

    private void OnCancelled(ref EngineEvent e)
    {
        var owner = Session(e.OrderOrigin);
        var requester = e.CommandType == CommandType.CancelOrder ? Session(e.Origin) : null;
        var pending = requester is not null && _pending.TryRemove((e.Origin.SessionId, e.Origin.CorrelationId), out var p) ? p : default;
        var ticksLots = _orders.OnCancelled(e.OrderId);
        if ((owner is null && requester is null) || (e.IsQuote && e.CancelReason == CancelReason.QuoteReplaced))
        {
            // A leg replaced by the account's next quote (or withdrawn by a QuoteCancel) is answered by that request's acknowledgement.
            return;
        }

        var expired = e.CancelReason == CancelReason.Expired;
        var status = OrderStates.OrdStatus(e.FilledLots, 0, true, e.CancelReason);
        var clOrdId = pending.ClientOrderId.IsEmpty ? e.ClientOrderId : pending.ClientOrderId;
        var origClOrdId = pending.ClientOrderId.IsEmpty ? default : e.ClientOrderId;
        var body = Report(ref e, 'E', expired ? (byte)'C' : (byte)'4', status, clOrdId, origClOrdId);
        WriteOrderOf(body, ref e, ticksLots);
        body.Add(FixTags.Text, _cancelTexts[(int)e.CancelReason < _cancelTexts.Length ? (int)e.CancelReason : 0]);
        if (owner is not null)
        {
            owner.Send("8"u8, body);
        }

        if (requester is not null && requester != owner)
        {
            requester.Send("8"u8, body);
        }
    }

    private void OnRejected(ref EngineEvent e)
    {
        if (e.CommandType == CommandType.Quote)
        {
            // Answered with the request's MassQuoteAcknowledgement, which is due even if the session is gone (it frees the request).
            OnQuoteAnswer(ref e);
            return;
        }

        var session = Session(e.Origin);
        if (session is null)
        {
            return;
        }

        var body = _outBody;
        body.Clear();
        var text = RejectText(e.RejectReason);
        switch (e.CommandType)
        {
            case CommandType.PlaceOrder:
                _catalog.TryGet(e.InstrumentId, out var instrument);
                body.Add(FixTags.OrderID, "NONE"u8);
                ReportFields.ClOrdId(body, FixTags.ClOrdID, e.ClientOrderId);
                ExecId(body, 'E');
                body.Add(FixTags.ExecType, (byte)'8').Add(FixTags.OrdStatus, (byte)'8').Add(FixTags.OrdRejReason, FixCodes.OrdRejReason(e.RejectReason))
                    .Add(FixTags.Account, e.AccountId);
                WriteOrder(body, instrument, e.Side, e.OrderType == OrderType.None ? (byte)0 : FixCodes.OrdType(e.OrderType, e.Trigger), e.TimeInForce,
                    e.PriceTicks, e.QuantityLots, 0, 0, 0);
                WriteConditions(body, instrument, ref e);
                body.AddTimestamp(FixTags.TransactTime, e.TimestampNs).Add(FixTags.Text, text);
                session.Send("8"u8, body);
                break;
            case CommandType.CancelOrder or CommandType.AmendOrder or CommandType.CancelReplace:
                var cancel = e.CommandType == CommandType.CancelOrder;
                var pending = _pending.TryRemove((e.Origin.SessionId, e.Origin.CorrelationId), out var p) ? p : default;
                var clOrdId = cancel ? pending.ClientOrderId : e.ClientOrderId;
                var origClOrdId = cancel ? (pending.OrigClientOrderId.IsEmpty ? e.ClientOrderId : pending.OrigClientOrderId) : e.OrigClientOrderId;
                var known = _orders.TryFind(e.AccountId, origClOrdId, e.OrderId, out var order);
                var status = known ? OrderStates.OrdStatus(order.FilledLots, order.QuantityLots - order.FilledLots, false, default) : (byte)'8';
                if (origClOrdId.IsEmpty && known)
                {
                    origClOrdId = order.ClientOrderId;
                }

                WriteCancelReject(body, clOrdId, origClOrdId, e.OrderId, status, cancel ? (byte)'1' : (byte)'2', FixCodes.CxlRejReason(e.RejectReason), text);
                session.Send("9"u8, body);
                break;
            case CommandType.MassCancel:
                var request = _pending.TryRemove((e.Origin.SessionId, e.Origin.CorrelationId), out var q) ? q : default;
                WriteMassCancelReport(body, request.ClientOrderId, request.MassCancelRequestType, 0,
                    e.RejectReason == RejectReason.UnknownInstrument ? 1 : 99, text, ExecIdText('E'));
                session.Send("r"u8, body);
                break;
        }
    }

    private void OnMassCancelled(ref EngineEvent e)
    {
        if (e.CommandType != CommandType.MassCancel || Session(e.Origin) is not { } session)
        {
            return;
        }

        var request = _pending.TryRemove((e.Origin.SessionId, e.Origin.CorrelationId), out var p) ? p : default;
        var body = _outBody;
        body.Clear();
        WriteMassCancelReport(body, request.ClientOrderId, request.MassCancelRequestType, e.AffectedOrders, 0, null, ExecIdText('E'));
        session.Send("r"u8, body);
    }

    /// <summary>Starts an ExecutionReport: OrderID, ClOrdID, OrigClOrdID, ExecID, ExecType, OrdStatus, Account.</summary>
    private FixBodyWriter Report(ref EngineEvent e, char execIdSuffix, byte execType, byte ordStatus, ClientOrderId clOrdId, ClientOrderId origClOrdId)
    {
        var body = _outBody;
        body.Clear();
        body.Add(FixTags.OrderID, e.OrderId);
        ReportFields.ClOrdId(body, FixTags.ClOrdID, clOrdId);
        ReportFields.ClOrdId(body, FixTags.OrigClOrdID, origClOrdId);
        ExecId(body, execIdSuffix);
        body.Add(FixTags.ExecType, execType).Add(FixTags.OrdStatus, ordStatus).Add(FixTags.Account, e.AccountId);
        return body;
    }

    /// <summary>
    /// ExecID: the command's journal sequence, the event's place among that command's
    /// events, and T (taker) or M (maker) for a trade's two reports — the same after a
    /// restart and replay, unique for the life of the journal.
    /// </summary>
    private void ExecId(FixBodyWriter body, char suffix)
    {
        Span<byte> text = stackalloc byte[48];
        body.Add(FixTags.ExecID, text[..WriteExecId(text, suffix)]);
    }

    private string ExecIdText(char suffix)
    {
        Span<byte> text = stackalloc byte[48];
        return System.Text.Encoding.ASCII.GetString(text[..WriteExecId(text, suffix)]);
    }

    private int WriteExecId(Span<byte> text, char suffix)
    {
        _eventCommandSequence.TryFormat(text, out var at);
        text[at++] = (byte)'.';
        _eventIndex.TryFormat(text[at..], out var written);
        at += written;
        text[at++] = (byte)suffix;
        return at;
    }

    private void WriteOrderOf(FixBodyWriter body, ref EngineEvent e, Int128 ticksLots)
    {
        _catalog.TryGet(e.InstrumentId, out var instrument);
        WriteOrder(body, instrument, e.Side, e.OrderType == OrderType.None ? (byte)0 : FixCodes.OrdType(e.OrderType, e.Trigger), e.TimeInForce,
            e.PriceTicks, e.QuantityLots, e.FilledLots, e.RemainingLots, ticksLots);
        WriteConditions(body, instrument, ref e);
        body.AddTimestamp(FixTags.TransactTime, e.TimestampNs);
    }

    /// <summary>The order fields of a report; <paramref name="ordType"/> is OrdType (40) as a FIX character, 0 to leave it out.</summary>
    private static void WriteOrder(
        FixBodyWriter body, CatalogEntry? instrument, Side side, byte ordType, TimeInForce tif,
        long priceTicks, long quantityLots, long filledLots, long remainingLots, Int128 filledTicksLots)
    {
        ReportFields.Symbol(body, instrument);
        body.Add(FixTags.Side, FixCodes.Side(side));
        if (ordType != 0)
        {
            body.Add(FixTags.OrdType, ordType);
        }

        if (tif != TimeInForce.None)
        {
            body.Add(FixTags.TimeInForce, FixCodes.TimeInForce(tif));
        }

        if (instrument is null)
        {
            return;
        }

        if (priceTicks > 0)
        {
            ReportFields.Price(body, FixTags.Price, instrument, priceTicks);
        }

        ReportFields.Quantity(body, FixTags.OrderQty, instrument, quantityLots);
        ReportFields.Quantity(body, FixTags.LeavesQty, instrument, remainingLots);
        ReportFields.Quantity(body, FixTags.CumQty, instrument, filledLots);
        ReportFields.AveragePrice(body, instrument, filledTicksLots, filledLots);
    }

    private void WriteConditions(FixBodyWriter body, CatalogEntry? instrument, ref EngineEvent e) =>
        WriteConditions(body, instrument, e.Trigger, e.StopPriceTicks, e.TrailingOffsetTicks, e.TrailingOffsetBps, e.DisplayLots, e.LinkedOrderId);

    /// <summary>
    /// What the order's OrdType does not say: StopPx (99); for a trailing stop ExecInst a with
    /// PegOffsetValue (211) and PegOffsetType (836: 0 price, 1 basis points); MaxFloor (111);
    /// ClOrdLinkID (583) when the one-cancels-other partner is an order this gateway tracks.
    /// </summary>
    private void WriteConditions(FixBodyWriter body, CatalogEntry? instrument, TriggerType trigger, long stopPriceTicks,
        long trailingOffsetTicks, long trailingOffsetBps, long displayLots, long linkedOrderId)
    {
        if (instrument is not null)
        {
            if (stopPriceTicks > 0)
            {
                ReportFields.Price(body, ApplicationTags.StopPx, instrument, stopPriceTicks);
            }

            if (trigger == TriggerType.TrailingStop)
            {
                body.Add(FixTags.ExecInst, (byte)'a');
                if (trailingOffsetTicks > 0)
                {
                    ReportFields.Price(body, ApplicationTags.PegOffsetValue, instrument, trailingOffsetTicks);
                    body.Add(ApplicationTags.PegOffsetType, (byte)'0');
                }
                else if (trailingOffsetBps > 0)
                {
                    body.Add(ApplicationTags.PegOffsetValue, trailingOffsetBps).Add(ApplicationTags.PegOffsetType, (byte)'1');
                }
            }

            if (displayLots > 0)
            {
                ReportFields.Quantity(body, ApplicationTags.MaxFloor, instrument, displayLots);
            }
        }

        if (linkedOrderId > 0 && _orders.TryGetClientOrderId(linkedOrderId, out var link))
        {
            ReportFields.ClOrdId(body, ApplicationTags.ClOrdLinkID, link);
        }
    }

    private static void WriteFill(FixBodyWriter body, CatalogEntry? instrument, ref EngineEvent e)
    {
        if (instrument is not null)
        {
            ReportFields.Price(body, FixTags.LastPx, instrument, e.TradePriceTicks);
            ReportFields.Quantity(body, FixTags.LastQty, instrument, e.TradeLots);
        }

        body.AddTimestamp(FixTags.TransactTime, e.TimestampNs);
    }

    private static void WriteCancelReject(FixBodyWriter body, ClientOrderId clOrdId, ClientOrderId origClOrdId, long orderId, byte ordStatus, byte responseTo, long reason, string text)
    {
        if (orderId > 0)
        {
            body.Add(FixTags.OrderID, orderId);
        }
        else
        {
            body.Add(FixTags.OrderID, "NONE"u8);
        }

        // Both are required in an OrderCancelReject: NONE when the request or the order had none.
        ReportFields.ClOrdId(body, FixTags.ClOrdID, clOrdId.IsEmpty ? _none : clOrdId);
        ReportFields.ClOrdId(body, FixTags.OrigClOrdID, origClOrdId.IsEmpty ? _none : origClOrdId);
        body.Add(FixTags.OrdStatus, ordStatus).Add(FixTags.CxlRejResponseTo, responseTo).Add(FixTags.CxlRejReason, reason).Add(FixTags.Text, text);
    }

    private static void WriteMassCancelReport(FixBodyWriter body, ClientOrderId clOrdId, byte requestType, int affected, long rejectReason, string? text, string orderId)
    {
        body.Add(FixTags.OrderID, orderId);
        ReportFields.ClOrdId(body, FixTags.ClOrdID, clOrdId);
        body.Add(FixTags.MassCancelRequestType, requestType == 0 ? (byte)'7' : requestType);
        if (rejectReason == 0)
        {
            body.Add(FixTags.MassCancelResponse, requestType == 0 ? (byte)'7' : requestType).Add(FixTags.TotalAffectedOrders, affected);
        }
        else
        {
            body.Add(FixTags.MassCancelResponse, (byte)'0').Add(ApplicationTags.MassCancelRejectReason, rejectReason);
        }

        if (text is not null)
        {
            body.Add(FixTags.Text, text);
        }
    }

    private static readonly ClientOrderId _none = ClientOrderId.From("NONE");

    /// <summary>The core's reject reasons as the Text (58) of a reject: the name, stable and documented in docs/CORE.md.</summary>
    private static readonly string[] _rejectTexts = BuildNames<RejectReason>();

    /// <summary>The core's cancel reasons as the Text (58) of a cancel report.</summary>
    private static readonly string[] _cancelTexts = BuildNames<CancelReason>();

    private static string RejectText(RejectReason reason) => _rejectTexts[(int)reason < _rejectTexts.Length ? (int)reason : 0];

    private static string[] BuildNames<TEnum>()
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var names = new string[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        Array.Fill(names, "Unknown");
        foreach (var value in values)
        {
            names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = value.ToString();
        }

        return names;
    }
}
