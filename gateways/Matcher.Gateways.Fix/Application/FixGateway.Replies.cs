using Matcher.Core.Commands;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// Inbound: what every request handler shares — publishing, the checks of required fields,
/// and the answers the gateway gives itself without the core (session Reject, rejecting
/// ExecutionReport, OrderCancelReject, OrderMassCancelReport), on the session's thread.
/// </summary>
public sealed partial class FixGateway
{
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
        CopyIfPresent(m, body, ApplicationTags.StopPx);
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
