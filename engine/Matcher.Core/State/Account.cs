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

    /// <summary>Market-maker protection: the window (0: off), and the most lots and fills of quote legs in one (0: no limit).</summary>
    public long MmpWindowNs { get; set; }

    public long MmpMaxLots { get; set; }

    public int MmpMaxFills { get; set; }

    /// <summary>The current protection window: when it began, and the lots and fills counted in it.</summary>
    public long MmpWindowStartNs { get; set; }

    public long MmpLots { get; set; }

    public int MmpFills { get; set; }

    /// <summary>Protection tripped: no quotes until it is reset.</summary>
    public bool MmpTripped { get; set; }

    /// <summary>The live quote legs, by instrument index (null until the account first quotes).</summary>
    public Order?[]? QuoteBids { get; private set; }

    public Order?[]? QuoteAsks { get; private set; }

    public void ResetMarketMakerProtection()
    {
        MmpTripped = false;
        MmpWindowStartNs = 0;
        MmpLots = 0;
        MmpFills = 0;
    }

    /// <summary>Room for a quote on the instrument with this index.</summary>
    public void EnsureQuoteSlots(int instrumentCount)
    {
        if (QuoteBids is null || QuoteBids.Length < instrumentCount)
        {
            var bids = new Order?[instrumentCount];
            var asks = new Order?[instrumentCount];
            QuoteBids?.CopyTo(bids, 0);
            QuoteAsks?.CopyTo(asks, 0);
            QuoteBids = bids;
            QuoteAsks = asks;
        }
    }

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
