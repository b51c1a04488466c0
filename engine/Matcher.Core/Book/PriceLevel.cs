namespace Matcher.Core.Book;

/// <summary>The orders at one price on one side, oldest first. Pooled like orders.</summary>
internal sealed class PriceLevel
{
    public long PriceTicks;

    /// <summary>The side the level is on; null while it waits in the pool.</summary>
    public BookSide? Side;
    public long TotalLots;
    public int OrderCount;
    public Order? Head;
    public Order? Tail;

    /// <summary>The command counter when this level was last reported changed (see <c>MatchingEngine</c>).</summary>
    public long TouchedAt;

    public void Append(Order order)
    {
        order.Level = this;
        order.Previous = Tail;
        order.Next = null;
        if (Tail is null)
        {
            Head = order;
        }
        else
        {
            Tail.Next = order;
        }

        Tail = order;
        TotalLots += order.ShownLots;
        OrderCount++;
    }

    public void Remove(Order order)
    {
        if (order.Previous is null)
        {
            Head = order.Next;
        }
        else
        {
            order.Previous.Next = order.Next;
        }

        if (order.Next is null)
        {
            Tail = order.Previous;
        }
        else
        {
            order.Next.Previous = order.Previous;
        }

        TotalLots -= order.ShownLots;
        OrderCount--;
        order.Level = null;
        order.Previous = order.Next = null;
    }
}
