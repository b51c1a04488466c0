using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>An <see cref="IMatcherClientHandler"/> that ignores everything: override what you need.</summary>
public abstract class MatcherClientHandler : IMatcherClientHandler
{
    /// <inheritdoc />
    public virtual void OnLoginAccepted(in LoginAccepted message)
    {
    }

    /// <inheritdoc />
    public virtual void OnReject(in Reject message)
    {
    }

    /// <inheritdoc />
    public virtual void OnExecutionReport(in ExecutionReport message)
    {
    }

    /// <inheritdoc />
    public virtual void OnQuoteAck(in QuoteAck message)
    {
    }

    /// <inheritdoc />
    public virtual void OnMarketMakerProtection(in MarketMakerProtection message)
    {
    }

    /// <inheritdoc />
    public virtual void OnCancelReject(in CancelReject message)
    {
    }

    /// <inheritdoc />
    public virtual void OnMassCancelReport(in MassCancelReport message)
    {
    }

    /// <inheritdoc />
    public virtual void OnPong(in Pong message)
    {
    }

    /// <inheritdoc />
    public virtual void OnBalanceUpdate(in BalanceUpdate message)
    {
    }

    /// <inheritdoc />
    public virtual void OnBookSnapshot(in BookSnapshot message, GroupView<LevelEntry> bids, GroupView<LevelEntry> asks)
    {
    }

    /// <inheritdoc />
    public virtual void OnBookUpdate(in BookUpdate message)
    {
    }

    /// <inheritdoc />
    public virtual void OnTrade(in Trade message)
    {
    }

    /// <inheritdoc />
    public virtual void OnBbo(in Bbo message)
    {
    }

    /// <inheritdoc />
    public virtual void OnInstrumentList(in InstrumentList message, GroupView<InstrumentEntry> instruments)
    {
    }

    /// <inheritdoc />
    public virtual void OnGoodbye(in Goodbye message)
    {
    }

    /// <inheritdoc />
    public virtual void OnBookStale(OrderBook book, in SequenceGap gap)
    {
    }

    /// <inheritdoc />
    public virtual void OnClosed(ConnectionClosed closed)
    {
    }
}
