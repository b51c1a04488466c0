using Matcher.Core.Book;

namespace Matcher.Core.State;

/// <summary>An account: balances per asset (by asset index) and its open orders, oldest first.</summary>
internal sealed class Account
{
    public Account(long id, int feeTier, int index, int assetCapacity)
    {
        Id = id;
        FeeTier = feeTier;
        Index = index;
        Available = new long[assetCapacity];
        Locked = new long[assetCapacity];
        TouchedAt = new long[assetCapacity];
    }

    public long Id { get; }

    public int Index { get; }

    public int FeeTier { get; set; }

    public long[] Available { get; private set; }

    public long[] Locked { get; private set; }

    /// <summary>Per asset: the command counter when its balance was last queued for a BalanceChanged event.</summary>
    public long[] TouchedAt { get; private set; }

    public Order? FirstOrder { get; set; }

    public Order? LastOrder { get; set; }

    public int OpenOrders { get; set; }

    public void EnsureAssets(int count)
    {
        if (Available.Length >= count)
        {
            return;
        }

        var capacity = Math.Max(count, Available.Length * 2);
        Available = Grow(Available, capacity);
        Locked = Grow(Locked, capacity);
        TouchedAt = Grow(TouchedAt, capacity);
    }

    public void AddOrder(Order order)
    {
        order.AccountPrevious = LastOrder;
        order.AccountNext = null;
        if (LastOrder is null)
        {
            FirstOrder = order;
        }
        else
        {
            LastOrder.AccountNext = order;
        }

        LastOrder = order;
        OpenOrders++;
    }

    public void RemoveOrder(Order order)
    {
        if (order.AccountPrevious is null)
        {
            FirstOrder = order.AccountNext;
        }
        else
        {
            order.AccountPrevious.AccountNext = order.AccountNext;
        }

        if (order.AccountNext is null)
        {
            LastOrder = order.AccountPrevious;
        }
        else
        {
            order.AccountNext.AccountPrevious = order.AccountPrevious;
        }

        order.AccountPrevious = order.AccountNext = null;
        OpenOrders--;
    }

    private static long[] Grow(long[] values, int capacity)
    {
        var grown = new long[capacity];
        values.CopyTo(grown, 0);
        return grown;
    }
}
