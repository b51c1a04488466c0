using Matcher.Core.Events;
using Matcher.Views.Orders;

namespace Matcher.Views.Tests;

public sealed class OrderStatesTests
{
    [TestCase(0L, 10L, false, CancelReason.None, '0')]
    [TestCase(4L, 6L, false, CancelReason.None, '1')]
    [TestCase(10L, 0L, false, CancelReason.None, '2')]
    [TestCase(4L, 0L, true, CancelReason.User, '4')]
    [TestCase(0L, 0L, true, CancelReason.SessionDisconnected, '4')]
    [TestCase(3L, 0L, true, CancelReason.Expired, 'C')]
    public void OrdStatus_is_the_fix_character_for_the_quantities(long filled, long remaining, bool cancelled, CancelReason reason, char expected) =>
        Assert.That((char)OrderStates.OrdStatus(filled, remaining, cancelled, reason), Is.EqualTo(expected));
}
