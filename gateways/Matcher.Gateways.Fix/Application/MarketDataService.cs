using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// Level-2 books kept from <c>BookLevelChanged</c> events, and the FIX sessions subscribed
/// to them: MarketDataRequest (V) answered by a snapshot (W), then incremental refreshes
/// (X) of book levels and trades.
/// </summary>
/// <remarks>
/// One lock covers the books and the subscriptions, so a snapshot and the increments after
/// it are queued to a session in order: the outbound consumer updates a book and queues its
/// increments under the lock, a session thread takes the snapshot and subscribes under it.
/// </remarks>
internal sealed class MarketDataService
{
    /// <summary>Subscriptions one session may hold; more are refused (each one costs the outbound consumer a little).</summary>
    public const int MaxSubscriptionsPerSession = 64;

    /// <summary>The deepest snapshot a request may ask for; 0 asks for the full book.</summary>
    public const long MaxDepth = 10_000;

    private readonly Lock _lock = new();
    private readonly InstrumentCatalog _catalog;
    private readonly Dictionary<int, L2Book> _books = [];
    private readonly List<Subscription> _subscriptions = [];

    public MarketDataService(InstrumentCatalog catalog) => _catalog = catalog;

    /// <summary>Takes the books of an engine that no thread is running yet.</summary>
    public void LoadFrom(MatchingEngine engine)
    {
        lock (_lock)
        {
            foreach (var order in engine.EnumerateOrders())
            {
                Book(order.InstrumentId).Add(order.Side, order.PriceTicks, order.QuantityLots - order.FilledLots);
            }
        }
    }

    /// <summary>A level changed: update the book and send the change to its subscribers.</summary>
    public void OnLevel(in EngineEvent e, FixBodyWriter body)
    {
        lock (_lock)
        {
            var action = Book(e.InstrumentId).Set(e.Side, e.PriceTicks, e.LevelLots);
            if (_subscriptions.Count == 0 || !_catalog.TryGet(e.InstrumentId, out var instrument))
            {
                return;
            }

            foreach (var subscription in _subscriptions)
            {
                if (subscription.InstrumentId != e.InstrumentId || !subscription.Book)
                {
                    continue;
                }

                body.Clear();
                body.Add(FixTags.MDReqID, subscription.RequestId).Add(FixTags.NoMDEntries, 1L)
                    .Add(FixTags.MDUpdateAction, action).Add(FixTags.MDEntryType, e.Side == Side.Buy ? (byte)'0' : (byte)'1')
                    .Add(FixTags.Symbol, instrument.Symbol);
                ReportFields.Price(body, FixTags.MDEntryPx, instrument, e.PriceTicks);
                ReportFields.Quantity(body, FixTags.MDEntrySize, instrument, e.LevelLots);
                subscription.Session.Send("X"u8, body);
            }
        }
    }

    /// <summary>A trade: send it to the instrument's trade subscribers.</summary>
    public void OnTrade(in EngineEvent e, FixBodyWriter body)
    {
        lock (_lock)
        {
            if (_subscriptions.Count == 0 || !_catalog.TryGet(e.InstrumentId, out var instrument))
            {
                return;
            }

            foreach (var subscription in _subscriptions)
            {
                if (subscription.InstrumentId != e.InstrumentId || !subscription.Trades)
                {
                    continue;
                }

                body.Clear();
                body.Add(FixTags.MDReqID, subscription.RequestId).Add(FixTags.NoMDEntries, 1L)
                    .Add(FixTags.MDUpdateAction, (byte)'0').Add(FixTags.MDEntryType, (byte)'2').Add(FixTags.Symbol, instrument.Symbol);
                ReportFields.Price(body, FixTags.MDEntryPx, instrument, e.TradePriceTicks);
                ReportFields.Quantity(body, FixTags.MDEntrySize, instrument, e.TradeLots);
                subscription.Session.Send("X"u8, body);
            }
        }
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

        var requestType = typeText[0];
        if (requestType == (byte)'2')
        {
            lock (_lock)
            {
                _subscriptions.RemoveAll(s => s.Session == session && s.RequestId == requestId);
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

        lock (_lock)
        {
            if (requestType == (byte)'1')
            {
                // A repeated MDReqID replaces that subscription; beyond the cap, new ones are refused.
                _subscriptions.RemoveAll(s => s.Session == session && s.RequestId == requestId);
                var held = _subscriptions.Count(s => s.Session == session);
                if (held + symbols.Count > MaxSubscriptionsPerSession)
                {
                    Reject(session, body, requestId, '2', $"at most {MaxSubscriptionsPerSession} subscriptions per session");
                    return;
                }
            }

            foreach (var instrument in symbols)
            {
                body.Clear();
                body.Add(FixTags.MDReqID, requestId).Add(FixTags.Symbol, instrument.Symbol);
                Book(instrument.Id).WriteSnapshot(body, instrument, wantBook ? (int)depth : -1);
                session.Send("W"u8, body);
                if (requestType == (byte)'1')
                {
                    _subscriptions.Add(new Subscription(session, requestId, instrument.Id, wantBook, wantTrades));
                }
            }
        }
    }

    /// <summary>Drops every subscription of a session that disconnected.</summary>
    public void Unsubscribe(int sessionId)
    {
        lock (_lock)
        {
            _subscriptions.RemoveAll(s => s.Session.Settings.SessionId == sessionId);
        }
    }

    private static void Reject(FixSession session, FixBodyWriter body, string requestId, char reason, string text)
    {
        body.Clear();
        body.Add(FixTags.MDReqID, requestId).Add(ApplicationTags.MDReqRejReason, (byte)reason).Add(FixTags.Text, text);
        session.Send("Y"u8, body);
    }

    private L2Book Book(int instrumentId)
    {
        if (!_books.TryGetValue(instrumentId, out var book))
        {
            book = new L2Book();
            _books[instrumentId] = book;
        }

        return book;
    }

    private sealed record Subscription(FixSession Session, string RequestId, int InstrumentId, bool Book, bool Trades);
}
