using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;

namespace Matcher.Core.Tests.Properties;

/// <summary>Cancel, mass cancel, a session's cancel and expiry in the reference model: each reaches resting and waiting orders alike.</summary>
internal sealed partial class ReferenceExchange
{
    private void Cancel(List<RejectReason> reasons)
    {
        if (!TryFindTargetOrder(reasons, out _, out var order, out var instrument))
        {
            return;
        }

        if (instrument.Status == InstrumentStatus.Halted)
        {
            reasons.Add(RejectReason.InstrumentHalted);
            return;
        }

        CancelLive(order, instrument, CancelReason.User);
    }

    private void MassCancel(List<RejectReason> reasons)
    {
        var c = _command;
        if (FindAccount(c.AccountId) is null)
        {
            reasons.Add(RejectReason.UnknownAccount);
        }

        if (c.InstrumentId != 0 && FindInstrument(c.InstrumentId) is null)
        {
            reasons.Add(RejectReason.UnknownInstrument);
        }

        if (c.Side is not (Side.None or Side.Buy or Side.Sell))
        {
            reasons.Add(RejectReason.InvalidSide);
        }

        if (reasons.Count > 0)
        {
            return;
        }

        CancelAccountOrders(
            order => (c.InstrumentId == 0 || order.InstrumentId == c.InstrumentId) && (c.Side == Side.None || order.Side == c.Side),
            CancelReason.MassCancel, c.InstrumentId, c.Side);
    }

    /// <summary>
    /// Cancels the account's live orders whose origin has the command's gateway and session
    /// id (the correlation id does not matter), except on halted instruments, then reports
    /// the count as a mass cancel of all instruments and both sides does.
    /// </summary>
    private void CancelSessionOrders(List<RejectReason> reasons)
    {
        var c = _command;
        if (FindAccount(c.AccountId) is null)
        {
            reasons.Add(RejectReason.UnknownAccount);
            return;
        }

        CancelAccountOrders(
            order => order.Origin.GatewayId == c.Origin.GatewayId && order.Origin.SessionId == c.Origin.SessionId,
            CancelReason.SessionDisconnected, instrumentId: 0, Side.None);
    }

    /// <summary>
    /// Cancels the command account's live orders (resting or waiting) that <paramref name="matches"/> takes,
    /// except on halted instruments, then reports the count in a MassCancelled event.
    /// </summary>
    private void CancelAccountOrders(Func<RefOrder, bool> matches, CancelReason reason, int instrumentId, Side side)
    {
        // Spec choice: oldest (lowest order id) first.
        var targets = new List<RefOrder>();
        foreach (var order in _liveOrders)
        {
            if (order.AccountId == _command.AccountId && matches(order) && FindInstrument(order.InstrumentId)!.Status != InstrumentStatus.Halted)
            {
                targets.Add(order);
            }
        }

        foreach (var order in targets)
        {
            CancelLive(order, FindInstrument(order.InstrumentId)!, reason);
        }

        _outcome.Events.Add(new ObservedEvent
        {
            Type = EventType.MassCancelled,
            AccountId = _command.AccountId,
            InstrumentId = instrumentId,
            Side = side,
            AffectedOrders = targets.Count,
        });
    }

    private void ExpireOrders()
    {
        // Spec choice: earliest expiry first, then oldest.
        var targets = new List<RefOrder>();
        foreach (var order in _liveOrders)
        {
            if (order.TimeInForce == TimeInForce.GoodTillDate && order.ExpireTimeNs <= _command.TimestampNs)
            {
                targets.Add(order);
            }
        }

        targets.Sort((a, b) => a.ExpireTimeNs != b.ExpireTimeNs ? a.ExpireTimeNs.CompareTo(b.ExpireTimeNs) : a.Id.CompareTo(b.Id));
        foreach (var order in targets)
        {
            CancelLive(order, FindInstrument(order.InstrumentId)!, CancelReason.Expired);
        }
    }
}
