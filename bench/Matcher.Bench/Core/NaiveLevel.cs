namespace Matcher.Bench.Core;

/// <summary>A price level of <see cref="NaiveBook"/>: a FIFO queue, with cancelled orders removed lazily.</summary>
public sealed class NaiveLevel
{
    public Queue<NaiveOrder> Orders { get; } = new();

    public long TotalLots { get; set; }

    public int LiveOrders { get; set; }

    /// <summary>Drops cancelled orders once they outnumber live ones, so the queue stays bounded.</summary>
    public void CompactIfMostlyCancelled()
    {
        if (Orders.Count <= 2 * LiveOrders)
        {
            return;
        }

        for (var count = Orders.Count; count > 0; count--)
        {
            var order = Orders.Dequeue();
            if (!order.Cancelled)
            {
                Orders.Enqueue(order);
            }
        }
    }
}
