using Matcher.Cli.FixLoad;

namespace Matcher.Cli.Tests.FixLoad;

public sealed class PendingOrdersTests
{
    [Test]
    public void Constructor_Capacity_RoundsUpToAPowerOfTwo()
    {
        Assert.That(new PendingOrders(100).Capacity, Is.EqualTo(128));
    }

    [Test]
    public void TryComplete_AddedOrder_GivesItsTimestampOnce()
    {
        var pending = new PendingOrders(16);
        pending.Add(5, timestamp: 1234);

        var first = pending.TryComplete(5, out var timestamp);
        var second = pending.TryComplete(5, out _);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(timestamp, Is.EqualTo(1234));
            Assert.That(second, Is.False, "only the first report completes an order");
            Assert.That(pending.Outstanding, Is.Zero);
            Assert.That(pending.Completed, Is.EqualTo(1));
        });
    }

    [Test]
    public void TryComplete_OrderWhoseSlotHoldsALaterOrder_IsNotPending()
    {
        var pending = new PendingOrders(16);
        pending.Add(3, timestamp: 1);
        Assert.That(pending.TryComplete(3, out _), Is.True);
        pending.Add(19, timestamp: 2);

        Assert.Multiple(() =>
        {
            Assert.That(pending.TryComplete(3, out _), Is.False, "a late cancel report of order 3 must not complete order 19");
            Assert.That(pending.TryComplete(19, out var timestamp), Is.True);
            Assert.That(timestamp, Is.EqualTo(2));
        });
    }

    [Test]
    public void Add_OverAnOutstandingOrder_CountsItOverwritten()
    {
        var pending = new PendingOrders(16);
        pending.Add(3, timestamp: 1);
        pending.Add(19, timestamp: 2);

        Assert.Multiple(() =>
        {
            Assert.That(pending.Overwritten, Is.EqualTo(1));
            Assert.That(pending.Outstanding, Is.EqualTo(1));
            Assert.That(pending.TryComplete(3, out _), Is.False);
            Assert.That(pending.Added - pending.Completed, Is.EqualTo(2), "both count as missing until order 19 is completed");
        });
    }

    [Test]
    public void TryComplete_NeverAddedOrNegative_IsFalse()
    {
        var pending = new PendingOrders(16);

        Assert.Multiple(() =>
        {
            Assert.That(pending.TryComplete(0, out _), Is.False);
            Assert.That(pending.TryComplete(-1, out _), Is.False);
        });
    }

    [Test]
    public void AddAndComplete_OnTwoThreads_CompleteEveryOrderOnce()
    {
        const int Orders = 200_000;
        var pending = new PendingOrders(1024);
        var completed = 0L;
        var consumer = Task.Run(() =>
        {
            for (long k = 0; k < Orders;)
            {
                if (pending.TryComplete(k, out var timestamp))
                {
                    Assert.That(timestamp, Is.EqualTo(k * 3));
                    completed++;
                    k++;
                }
                else
                {
                    Thread.Yield();
                }
            }
        });

        for (long k = 0; k < Orders; k++)
        {
            while (pending.Outstanding >= 512)
            {
                Thread.Yield();
            }

            pending.Add(k, k * 3);
        }

        Assert.That(consumer.Wait(TimeSpan.FromSeconds(60)), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(completed, Is.EqualTo(Orders));
            Assert.That(pending.Overwritten, Is.Zero);
            Assert.That(pending.Outstanding, Is.Zero);
        });
    }
}
