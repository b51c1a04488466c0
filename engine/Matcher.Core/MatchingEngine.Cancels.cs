using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.State;

namespace Matcher.Core;

/// <summary>Cancels of many orders at once: a mass cancel, a session's cancel, the kill switch's, and GTD expiry.</summary>
public sealed partial class MatchingEngine
{
    private RejectReason MassCancel(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        if (c.InstrumentId != 0 && !_instrumentsById.ContainsKey(c.InstrumentId))
        {
            return RejectReason.UnknownInstrument;
        }

        if (c.Side is not (Side.None or Side.Buy or Side.Sell))
        {
            return RejectReason.InvalidSide;
        }

        CancelAccountOrders(account, c.InstrumentId, c.Side, bySession: false, default, CancelReason.MassCancel);
        return RejectReason.None;
    }

    private RejectReason CancelSessionOrders(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        CancelAccountOrders(account, instrumentId: 0, Side.None, bySession: true, c.Origin, CancelReason.SessionDisconnected);
        return RejectReason.None;
    }

    /// <summary>
    /// Cancels the account's resting orders, in order id order, on <paramref name="instrumentId"/>
    /// (0: all) and <paramref name="side"/> (None: both) and, when <paramref name="bySession"/>,
    /// only those whose origin has <paramref name="session"/>'s gateway and session id; orders
    /// on halted instruments stay. Then reports the count in a <see cref="EventType.MassCancelled"/> event.
    /// </summary>
    private void CancelAccountOrders(Account account, int instrumentId, Side side, bool bySession, Origin session, CancelReason reason)
    {
        bool InScope(Order order) =>
            (instrumentId == 0 || order.Instrument.Id == instrumentId)
            && (side == Side.None || order.Side == side)
            && (!bySession || (order.Origin.GatewayId == session.GatewayId && order.Origin.SessionId == session.SessionId))
            && order.Instrument.Status != InstrumentStatus.Halted;

        var cancelled = 0;
        var order = account.FirstOrder;
        while (order is not null)
        {
            var next = order.AccountNext;
            if (InScope(order))
            {
                // A one-cancels-other partner this cancel covers too is cancelled for the same
                // reason in its turn; one it does not cover goes with the order (Contingency),
                // and if it was the next in the list, the walk steps over it.
                var partner = order.Linked;
                if (partner is not null && InScope(partner))
                {
                    order.Linked = null;
                    partner.Linked = null;
                }
                else if (partner is not null && partner == next)
                {
                    next = partner.AccountNext;
                }

                CancelOpen(order, reason);
                cancelled++;
            }

            order = next;
        }

        ref var e = ref NewEvent(EventType.MassCancelled);
        e.AccountId = account.Id;
        e.InstrumentId = instrumentId;
        e.Side = side;
        e.AffectedOrders = cancelled;
        _sink.Commit();
    }

    private RejectReason ExpireOrders(ref Command c)
    {
        while (_expiries.TryPeek(out var orderId, out var key) && key.ExpireTimeNs <= c.TimestampNs)
        {
            _expiries.Dequeue();
            if (_orders.TryGetValue(orderId, out var order) && order.ExpireTimeNs == key.ExpireTimeNs)
            {
                CancelOpen(order, CancelReason.Expired);
            }
        }

        return RejectReason.None;
    }
}
