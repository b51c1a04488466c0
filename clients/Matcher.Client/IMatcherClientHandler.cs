using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>
/// Receives what the server sends, one call per message, on the client's receive loop: calls come one at a
/// time, in the order the server sent the messages, never concurrently. The messages are passed by
/// reference (<c>in</c>) to structs on the loop's stack and the group views point into the receive buffer:
/// both are valid only during the call. Copy what you keep.
/// </summary>
/// <remarks>
/// <para>
/// A callback must not block: the next message waits for it. It may send (order entry never blocks on the
/// network). A callback that throws ends the connection (<see cref="OnClosed"/> gets the exception).
/// </para>
/// <para>
/// Market data reaches the client's <see cref="OrderBook"/> before the callback: in
/// <see cref="OnBookUpdate"/> the book already holds the update.
/// </para>
/// <para>Derive from <see cref="MatcherClientHandler"/> to override only the calls you need.</para>
/// </remarks>
public interface IMatcherClientHandler
{
    /// <summary>The login succeeded.</summary>
    void OnLoginAccepted(in LoginAccepted message);

    /// <summary>The gateway refused a request (also delivered to the awaited request it answers, if any).</summary>
    void OnReject(in Reject message);

    /// <summary>An order's state changed, or its status was asked for.</summary>
    void OnExecutionReport(in ExecutionReport message);

    /// <summary>The core refused a cancel, amend or cancel-replace.</summary>
    void OnCancelReject(in CancelReject message);

    /// <summary>A mass cancel's result.</summary>
    void OnMassCancelReport(in MassCancelReport message);

    /// <summary>The answer to a Ping.</summary>
    void OnPong(in Pong message);

    /// <summary>The account's balance in one asset.</summary>
    void OnBalanceUpdate(in BalanceUpdate message);

    /// <summary>A subscription's snapshot (already applied to its <see cref="OrderBook"/>).</summary>
    void OnBookSnapshot(in BookSnapshot message, GroupView<LevelEntry> bids, GroupView<LevelEntry> asks);

    /// <summary>One price level changed (already applied to the book, unless the book set it aside).</summary>
    void OnBookUpdate(in BookUpdate message);

    /// <summary>A trade.</summary>
    void OnTrade(in Trade message);

    /// <summary>The best bid and offer after a change.</summary>
    void OnBbo(in Bbo message);

    /// <summary>The instruments.</summary>
    void OnInstrumentList(in InstrumentList message, GroupView<InstrumentEntry> instruments);

    /// <summary>The server is about to close the connection (<see cref="OnClosed"/> follows).</summary>
    void OnGoodbye(in Goodbye message);

    /// <summary>
    /// A book's sequence had a gap: the book is stale until its next snapshot. When
    /// <see cref="MatcherClientOptions.ResubscribeOnGap"/> is on (the default) the client has already sent a
    /// new Subscribe.
    /// </summary>
    void OnBookStale(OrderBook book, in SequenceGap gap);

    /// <summary>The connection ended, for any reason; called once, last.</summary>
    void OnClosed(ConnectionClosed closed);

    /// <summary>A quote's outcome (schema 2): its legs' order ids, or the reason it was refused. Does nothing unless implemented.</summary>
    void OnQuoteAck(in QuoteAck message)
    {
    }

    /// <summary>The account's market-maker protection was set, reset or tripped, or a reset was refused (schema 2). Does nothing unless implemented.</summary>
    void OnMarketMakerProtection(in MarketMakerProtection message)
    {
    }
}
