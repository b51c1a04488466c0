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
        Balances = new Balance[assetCapacity];
    }

    public long Id { get; }

    public int Index { get; }

    public int FeeTier { get; set; }

    /// <summary>Per asset, by asset index.</summary>
    public Balance[] Balances { get; private set; }

    public Order? FirstOrder { get; set; }

    public Order? LastOrder { get; set; }

    public int OpenOrders { get; set; }

    /// <summary>The kill switch: no new orders or amends while set.</summary>
    public bool Halted { get; set; }

    /// <summary>The most open orders (0: no limit).</summary>
    public int MaxOpenOrders { get; set; }

    /// <summary>The most lots per order (0: no limit).</summary>
    public long MaxOrderLots { get; set; }

    /// <summary>The most quote units of notional per order (0: no limit).</summary>
    public long MaxOrderNotional { get; set; }

    public void EnsureAssets(int count)
    {
        if (Balances.Length < count)
        {
            var grown = new Balance[Math.Max(count, Balances.Length * 2)];
            Balances.CopyTo(grown, 0);
            Balances = grown;
        }
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
}
