using Matcher.Views.MarketData;

namespace Matcher.Views.Tests.Support;

/// <summary>Records every callback; can be told to throw on updates. Optionally writes to a log shared with other subscribers, to see the order of calls.</summary>
internal sealed class RecordingSubscriber(string name = "", List<string>? log = null) : IMarketDataSubscriber
{
    public List<BookSnapshot> Snapshots { get; } = [];

    public List<LevelUpdate> Levels { get; } = [];

    public List<TradeUpdate> Trades { get; } = [];

    public List<BboUpdate> Bbos { get; } = [];

    /// <summary>Updates received, counting the ones that threw.</summary>
    public int UpdateCalls { get; private set; }

    public bool ThrowOnUpdate { get; set; }

    public void OnSnapshot(MarketDataSubscription subscription, BookSnapshot snapshot)
    {
        log?.Add(name + ":snapshot");
        Snapshots.Add(snapshot);
    }

    public void OnLevel(MarketDataSubscription subscription, in LevelUpdate update)
    {
        Update("level");
        Levels.Add(update);
    }

    public void OnTrade(MarketDataSubscription subscription, in TradeUpdate trade)
    {
        Update("trade");
        Trades.Add(trade);
    }

    public void OnBbo(MarketDataSubscription subscription, in BboUpdate bbo)
    {
        Update("bbo");
        Bbos.Add(bbo);
    }

    private void Update(string kind)
    {
        UpdateCalls++;
        log?.Add(name + ":" + kind);
        if (ThrowOnUpdate)
        {
            throw new InvalidOperationException("subscriber failure");
        }
    }
}
