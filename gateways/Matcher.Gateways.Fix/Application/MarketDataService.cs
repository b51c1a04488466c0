using Matcher.Core.Commands;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Views.Instruments;
using Matcher.Views.MarketData;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// FIX market data over the shared <see cref="MarketDataHub"/>: a MarketDataRequest (V) is
/// validated here and becomes one hub subscription per symbol; the hub's snapshot becomes a
/// MarketDataSnapshotFullRefresh (W), its level and trade updates MarketDataIncrementalRefresh
/// (X) messages. BBO updates are not sent (FIX clients build the top of book from the levels).
/// </summary>
/// <remarks>
/// <para>The hub calls back under its own lock (on the requesting session's thread for the
/// snapshot, on the hub's consumer thread for updates), so the callbacks share one body
/// writer and never take <see cref="_lock"/>: that lock guards only the sessions' lists and
/// is taken before the hub's, never inside it.</para>
/// <para><see cref="FixSession.Send"/> stores and queues without waiting on the socket, so a
/// callback never blocks the hub.</para>
/// </remarks>
internal sealed class MarketDataService : IMarketDataSubscriber
{
    /// <summary>Subscriptions one session may hold; more are refused (each one costs the hub's consumer a little).</summary>
    public const int MaxSubscriptionsPerSession = 64;

    /// <summary>The deepest snapshot a request may ask for; 0 asks for the full book.</summary>
    public const long MaxDepth = 10_000;

    private readonly Lock _lock = new();
    private readonly MarketDataHub _hub;
    private readonly InstrumentCatalog _catalog;
    private readonly Dictionary<int, List<MarketDataSubscription>> _bySession = [];

    /// <summary>Written only inside the hub's callbacks, which its lock serializes.</summary>
    private readonly FixBodyWriter _callbackBody = new();

    public MarketDataService(MarketDataHub hub, InstrumentCatalog catalog)
    {
        _hub = hub;
        _catalog = catalog;
    }

    /// <summary>Handles a MarketDataRequest (V) on the session's thread.</summary>
    public void OnRequest(FixSession session, FixMessage m, FixBodyWriter body)
    {
        if (!m.TryGet(FixTags.MDReqID, out var requestIdBytes) || requestIdBytes.Length == 0)
        {
            Reject(session, body, "NONE", '0', "MDReqID (262) is required");
            return;
        }

        var requestId = System.Text.Encoding.ASCII.GetString(requestIdBytes);
        if (!m.TryGet(FixTags.SubscriptionRequestType, out var typeText) || typeText.Length != 1 || typeText[0] is not ((byte)'0' or (byte)'1' or (byte)'2'))
        {
            Reject(session, body, requestId, '4', "SubscriptionRequestType (263) must be 0, 1 or 2");
            return;
        }

        var sessionId = session.Settings.SessionId;
        var requestType = typeText[0];
        if (requestType == (byte)'2')
        {
            lock (_lock)
            {
                RemoveRequest(sessionId, requestId);
            }

            return;
        }

        long depth = 0;
        if (m.Has(FixTags.MarketDepth) && (!m.TryGetLong(FixTags.MarketDepth, out depth) || depth < 0 || depth > MaxDepth))
        {
            Reject(session, body, requestId, '5', $"MarketDepth (264) must be 0 (full book) to {MaxDepth}");
            return;
        }

        var wantBook = false;
        var wantTrades = false;
        for (var i = m.IndexOf(FixTags.MDEntryType); i >= 0; i = m.IndexOf(FixTags.MDEntryType, i + 1))
        {
            var value = m.ValueAt(i);
            wantBook |= value.SequenceEqual("0"u8) || value.SequenceEqual("1"u8);
            wantTrades |= value.SequenceEqual("2"u8);
        }

        if (!wantBook && !wantTrades)
        {
            Reject(session, body, requestId, '8', "NoMDEntryTypes (267) must ask for 0 (bid), 1 (offer) or 2 (trade)");
            return;
        }

        var symbols = new List<CatalogEntry>();
        for (var i = m.IndexOf(FixTags.Symbol); i >= 0; i = m.IndexOf(FixTags.Symbol, i + 1))
        {
            if (!_catalog.TryGet(m.ValueAt(i), out var instrument))
            {
                Reject(session, body, requestId, '0', "Unknown symbol " + System.Text.Encoding.ASCII.GetString(m.ValueAt(i)));
                return;
            }

            if (!symbols.Contains(instrument))
            {
                symbols.Add(instrument);
            }
        }

        if (symbols.Count == 0)
        {
            Reject(session, body, requestId, '0', "NoRelatedSym (146) must name at least one Symbol");
            return;
        }

        if (requestType == (byte)'0')
        {
            foreach (var instrument in symbols)
            {
                var snapshot = _hub.Snapshot(instrument.Id, (int)depth);
                WriteSnapshot(body, requestId, instrument, snapshot, wantBook);
                session.Send("W"u8, body);
            }

            return;
        }

        var channels = (wantBook ? MarketDataChannels.Book : MarketDataChannels.None) | (wantTrades ? MarketDataChannels.Trades : MarketDataChannels.None);
        lock (_lock)
        {
            // A repeated MDReqID replaces that subscription; beyond the cap, new ones are refused.
            RemoveRequest(sessionId, requestId);
            var held = _bySession.TryGetValue(sessionId, out var list) ? list.Count : 0;
            if (held + symbols.Count > MaxSubscriptionsPerSession)
            {
                Reject(session, body, requestId, '2', $"at most {MaxSubscriptionsPerSession} subscriptions per session");
                return;
            }

            if (list is null)
            {
                list = [];
                _bySession[sessionId] = list;
            }

            foreach (var instrument in symbols)
            {
                // The hub sends the snapshot (OnSnapshot, on this thread) before any update.
                list.Add(_hub.Subscribe(this, instrument.Id, channels, (int)depth, new Request(session, requestId, instrument)));
            }
        }
    }

    /// <summary>Drops every subscription of a session that disconnected.</summary>
    public void Unsubscribe(int sessionId)
    {
        lock (_lock)
        {
            if (_bySession.Remove(sessionId, out var list))
            {
                foreach (var subscription in list)
                {
                    _hub.Unsubscribe(subscription);
                }
            }
        }
    }

    /// <inheritdoc />
    public void OnSnapshot(MarketDataSubscription subscription, BookSnapshot snapshot)
    {
        var request = (Request)subscription.State!;
        WriteSnapshot(_callbackBody, request.RequestId, Instrument(request), snapshot, subscription.Channels.HasFlag(MarketDataChannels.Book));
        request.Session.Send("W"u8, _callbackBody);
    }

    /// <inheritdoc />
    public void OnLevel(MarketDataSubscription subscription, in LevelUpdate update)
    {
        var request = (Request)subscription.State!;
        var instrument = Instrument(request);
        var body = _callbackBody;
        body.Clear();
        body.Add(FixTags.MDReqID, request.RequestId).Add(FixTags.NoMDEntries, 1L)
            .Add(FixTags.MDUpdateAction, (byte)('0' + (int)update.Action)).Add(FixTags.MDEntryType, update.Side == Side.Buy ? (byte)'0' : (byte)'1')
            .Add(FixTags.Symbol, instrument.Symbol);
        ReportFields.Price(body, FixTags.MDEntryPx, instrument, update.PriceTicks);
        ReportFields.Quantity(body, FixTags.MDEntrySize, instrument, update.Lots);
        request.Session.Send("X"u8, body);
    }

    /// <inheritdoc />
    public void OnTrade(MarketDataSubscription subscription, in TradeUpdate trade)
    {
        var request = (Request)subscription.State!;
        var instrument = Instrument(request);
        var body = _callbackBody;
        body.Clear();
        body.Add(FixTags.MDReqID, request.RequestId).Add(FixTags.NoMDEntries, 1L)
            .Add(FixTags.MDUpdateAction, (byte)'0').Add(FixTags.MDEntryType, (byte)'2').Add(FixTags.Symbol, instrument.Symbol);
        ReportFields.Price(body, FixTags.MDEntryPx, instrument, trade.PriceTicks);
        ReportFields.Quantity(body, FixTags.MDEntrySize, instrument, trade.Lots);
        request.Session.Send("X"u8, body);
    }

    /// <inheritdoc />
    /// <remarks>Not asked for by this adapter; ignored.</remarks>
    public void OnBbo(MarketDataSubscription subscription, in BboUpdate bbo)
    {
    }

    /// <summary>W: MDReqID, Symbol, NoMDEntries and the levels (none unless the book was asked for).</summary>
    private static void WriteSnapshot(FixBodyWriter body, string requestId, CatalogEntry instrument, BookSnapshot snapshot, bool wantBook)
    {
        body.Clear();
        body.Add(FixTags.MDReqID, requestId).Add(FixTags.Symbol, instrument.Symbol);
        if (!wantBook)
        {
            body.Add(FixTags.NoMDEntries, 0L);
            return;
        }

        body.Add(FixTags.NoMDEntries, snapshot.Bids.Count + snapshot.Asks.Count);
        WriteLevels(body, instrument, snapshot.Bids, (byte)'0');
        WriteLevels(body, instrument, snapshot.Asks, (byte)'1');
    }

    private static void WriteLevels(FixBodyWriter body, CatalogEntry instrument, IReadOnlyList<BookLevel> levels, byte entryType)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            body.Add(FixTags.MDEntryType, entryType);
            ReportFields.Price(body, FixTags.MDEntryPx, instrument, levels[i].PriceTicks);
            ReportFields.Quantity(body, FixTags.MDEntrySize, instrument, levels[i].Lots);
        }
    }

    /// <summary>The instrument as the catalog has it now (a redefinition may change its sizes), else as it was at the request.</summary>
    private CatalogEntry Instrument(Request request) =>
        _catalog.TryGet(request.Instrument.Id, out var current) ? current : request.Instrument;

    /// <summary>Ends the session's subscriptions made under <paramref name="requestId"/>; under <see cref="_lock"/>.</summary>
    private void RemoveRequest(int sessionId, string requestId)
    {
        if (!_bySession.TryGetValue(sessionId, out var list))
        {
            return;
        }

        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (((Request)list[i].State!).RequestId == requestId)
            {
                _hub.Unsubscribe(list[i]);
                list.RemoveAt(i);
            }
        }
    }

    private static void Reject(FixSession session, FixBodyWriter body, string requestId, char reason, string text)
    {
        body.Clear();
        body.Add(FixTags.MDReqID, requestId).Add(ApplicationTags.MDReqRejReason, (byte)reason).Add(FixTags.Text, text);
        session.Send("Y"u8, body);
    }

    /// <summary>What a subscription's callbacks need: the session, its MDReqID, the instrument as requested.</summary>
    private sealed record Request(FixSession Session, string RequestId, CatalogEntry Instrument);
}
