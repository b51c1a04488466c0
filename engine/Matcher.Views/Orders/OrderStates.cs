using Matcher.Core.Events;

namespace Matcher.Views.Orders;

/// <summary>
/// The order states every gateway reports, as the FIX 4.4 OrdStatus (39) and ExecType (150)
/// characters: the FIX and WebSocket gateways share these rules, so an order is in the same
/// state whichever protocol asks.
/// </summary>
/// <remarks>
/// A conditional order (stop, take-profit, trailing stop) waiting for its trigger is New
/// ('0'): FIX 4.4 has no state of its own for it. Its trigger is an ExecType of its own
/// ('L', "triggered or activated by system"), with the OrdStatus its quantities give.
/// </remarks>
public static class OrderStates
{
    /// <summary>'0' new, '1' partially filled, '2' filled, '4' cancelled, 'C' expired — for an order with these quantities, live or not.</summary>
    public static byte OrdStatus(long filledLots, long remainingLots, bool cancelled, CancelReason reason) =>
        cancelled ? (reason == CancelReason.Expired ? (byte)'C' : (byte)'4')
        : remainingLots == 0 && filledLots > 0 ? (byte)'2'
        : filledLots > 0 ? (byte)'1'
        : (byte)'0';

    /// <summary>
    /// The OrdStatus of the order an event describes (the taker's in a trade): '8' for a
    /// rejected command, else <see cref="OrdStatus(long, long, bool, CancelReason)"/> of the
    /// event's quantities (cancelled for <see cref="EventType.OrderCancelled"/>).
    /// </summary>
    public static byte OrdStatus(in EngineEvent e) => e.Type switch
    {
        EventType.Rejected => (byte)'8',
        EventType.OrderCancelled => OrdStatus(e.FilledLots, 0, cancelled: true, e.CancelReason),
        _ => OrdStatus(e.FilledLots, e.RemainingLots, cancelled: false, CancelReason.None),
    };

    /// <summary>
    /// The ExecType of an order event: '0' accepted (a conditional order too, while it waits),
    /// 'F' trade, '4' cancelled ('C' expired), '5' amended ('D' restated: a self-trade
    /// decrement), 'L' triggered, '8' rejected; 0 for events that are not about one order.
    /// </summary>
    public static byte ExecType(in EngineEvent e) => e.Type switch
    {
        EventType.OrderAccepted => (byte)'0',
        EventType.Trade => (byte)'F',
        EventType.OrderCancelled => e.CancelReason == CancelReason.Expired ? (byte)'C' : (byte)'4',
        EventType.OrderAmended => e.CancelReason == CancelReason.SelfTrade ? (byte)'D' : (byte)'5',
        EventType.OrderTriggered => (byte)'L',
        EventType.Rejected => (byte)'8',
        _ => 0,
    };
}
