using Matcher.Core.Commands;

namespace Matcher.Views.MarketData;

/// <summary>The <see cref="MarketDataHub"/>'s state for one instrument; guarded by the hub's lock.</summary>
internal sealed class InstrumentMarket
{
    public InstrumentMarket(int instrumentId)
    {
        InstrumentId = instrumentId;
        PublishedBbo = new BboUpdate(instrumentId, 0, 0, 0, 0, 0);
    }

    public int InstrumentId { get; }

    public L2Book Book { get; } = new();

    /// <summary>Level changes seen since start.</summary>
    public long BookSequence { get; set; }

    /// <summary>Trades seen since start.</summary>
    public long TradeSequence { get; set; }

    /// <summary>
    /// The subscriptions in the order they were made. Copied on every change (rare) and never
    /// changed in place, so a fan-out loop can run over it while a callback subscribes or
    /// unsubscribes, and without allocating.
    /// </summary>
    public MarketDataSubscription[] Subscriptions { get; private set; } = [];

    /// <summary>The best bid and offer last sent (or loaded); what a new BBO subscriber starts from.</summary>
    public BboUpdate PublishedBbo { get; set; }

    /// <summary>True while the instrument is in the hub's list of books to check for a new BBO.</summary>
    public bool BboPending { get; set; }

    /// <summary>The current best bid and offer.</summary>
    public BboUpdate CurrentBbo()
    {
        Book.TryGetBest(Side.Buy, out var bid);
        Book.TryGetBest(Side.Sell, out var ask);
        return new BboUpdate(InstrumentId, BookSequence, bid.PriceTicks, bid.Lots, ask.PriceTicks, ask.Lots);
    }

    public void Add(MarketDataSubscription subscription)
    {
        var list = new MarketDataSubscription[Subscriptions.Length + 1];
        Subscriptions.CopyTo(list, 0);
        list[^1] = subscription;
        Subscriptions = list;
    }

    public bool Remove(MarketDataSubscription subscription)
    {
        var index = Array.IndexOf(Subscriptions, subscription);
        if (index < 0)
        {
            return false;
        }

        var list = new MarketDataSubscription[Subscriptions.Length - 1];
        Array.Copy(Subscriptions, 0, list, 0, index);
        Array.Copy(Subscriptions, index + 1, list, index, list.Length - index);
        Subscriptions = list;
        return true;
    }
}
