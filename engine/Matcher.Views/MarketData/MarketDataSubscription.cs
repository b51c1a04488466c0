namespace Matcher.Views.MarketData;

/// <summary>One subscriber's interest in one instrument, made by <see cref="MarketDataHub.Subscribe"/>.</summary>
public sealed class MarketDataSubscription
{
    private volatile bool _isActive;

    internal MarketDataSubscription(IMarketDataSubscriber subscriber, int instrumentId, MarketDataChannels channels, int depth, object? state)
    {
        Subscriber = subscriber;
        InstrumentId = instrumentId;
        Channels = channels;
        Depth = depth;
        State = state;
    }

    /// <summary>Who receives the data.</summary>
    public IMarketDataSubscriber Subscriber { get; }

    /// <summary>The instrument.</summary>
    public int InstrumentId { get; }

    /// <summary>What is sent.</summary>
    public MarketDataChannels Channels { get; }

    /// <summary>Levels per side in the snapshot (0 = all). Increments are never limited by depth.</summary>
    public int Depth { get; }

    /// <summary>The subscriber's own data for this subscription (a session, a request id), untouched by the hub.</summary>
    public object? State { get; }

    /// <summary>True from registration until unsubscribed, or dropped because a callback threw.</summary>
    public bool IsActive
    {
        get => _isActive;
        internal set => _isActive = value;
    }

    /// <summary>True when <paramref name="channel"/> is one of <see cref="Channels"/>.</summary>
    internal bool Wants(MarketDataChannels channel) => (Channels & channel) != 0;
}
