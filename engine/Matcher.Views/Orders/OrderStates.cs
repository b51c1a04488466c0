using Matcher.Core.Events;

namespace Matcher.Views.Orders;

/// <summary>
/// The order states every gateway reports, as the FIX 4.4 OrdStatus (39) characters: the
/// FIX and WebSocket gateways share this one rule, so an order is in the same state
/// whichever protocol asks.
/// </summary>
public static class OrderStates
{
    /// <summary>'0' new, '1' partially filled, '2' filled, '4' cancelled, 'C' expired — for an order with these quantities, live or not.</summary>
    public static byte OrdStatus(long filledLots, long remainingLots, bool cancelled, CancelReason reason) =>
        cancelled ? (reason == CancelReason.Expired ? (byte)'C' : (byte)'4')
        : remainingLots == 0 && filledLots > 0 ? (byte)'2'
        : filledLots > 0 ? (byte)'1'
        : (byte)'0';
}
