using System.Collections.Concurrent;
using System.Text;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Views.Instruments;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// Market makers' quotes: a MassQuote (i) becomes one core <c>Quote</c> command per quote
/// entry, a QuoteCancel (Z) one empty <c>Quote</c> per instrument, and each request is
/// answered by one MassQuoteAcknowledgement (b) once the core has answered every entry.
/// See docs/FIX.md, "Quotes".
/// </summary>
public sealed partial class FixGateway
{
    /// <summary>QuoteStatus (297) values.</summary>
    private const long QuoteAccepted = 0, QuoteCanceledForSymbol = 1, QuoteCanceledAll = 4, QuoteRejected = 5;

    /// <summary>QuoteEntryRejectReason / QuoteRejectReason values the gateway itself gives.</summary>
    private const long QuoteUnknownSymbol = 1, QuoteInvalidPrice = 8, QuoteNotAuthorized = 9, QuoteOther = 99;

    /// <summary>SessionRejectReason (373) for a repeating group that is not as declared.</summary>
    private const long IncorrectNumInGroup = 16, DelimiterNotFirst = 15;

    /// <summary>The tags a quote entry may hold; the entry (and the group) ends at any other.</summary>
    private static readonly int[] _quoteEntryTags =
    [
        ApplicationTags.QuoteEntryID, FixTags.Symbol, 48, 22, ApplicationTags.BidPx, ApplicationTags.OfferPx,
        ApplicationTags.BidSize, ApplicationTags.OfferSize, 62, FixTags.TransactTime, FixTags.OrdType, FixTags.Currency,
    ];

    /// <summary>The tags a quote set may hold: its own and its entries'.</summary>
    private static readonly int[] _quoteSetTags =
    [
        ApplicationTags.QuoteSetID, 311, 367, ApplicationTags.TotNoQuoteEntries, ApplicationTags.LastFragment, ApplicationTags.NoQuoteEntries,
        ApplicationTags.QuoteEntryID, FixTags.Symbol, 48, 22, ApplicationTags.BidPx, ApplicationTags.OfferPx,
        ApplicationTags.BidSize, ApplicationTags.OfferSize, 62, FixTags.TransactTime, FixTags.OrdType, FixTags.Currency,
    ];

    private readonly ConcurrentDictionary<(int SessionId, long CorrelationId), PendingMassQuote> _pendingQuotes = new();

    /// <summary>Requests waiting for the core's answers to their quotes.</summary>
    internal int PendingQuoteRequests => _pendingQuotes.Count;

    private void MassQuote(FixSession session, FixMessage m)
    {
        var correlation = Correlation(session, m, out var seq);
        if (!Require(session, m, ApplicationTags.QuoteID, seq, out var quoteIdText))
        {
            return;
        }

        var quoteId = Encoding.ASCII.GetString(quoteIdText);
        if (!m.Has(ApplicationTags.NoQuoteSets))
        {
            SessionReject(session, seq, ApplicationTags.NoQuoteSets, RequiredTagMissing, "NoQuoteSets (296) with at least one quote entry is required");
            return;
        }

        var results = new List<QuoteEntryResult>();
        var commands = new List<Command>();
        var sets = new FixGroupReader(m, ApplicationTags.NoQuoteSets, ApplicationTags.QuoteSetID, _quoteSetTags);
        while (sets.MoveNext())
        {
            sets.TryGet(ApplicationTags.QuoteSetID, out var setIdText);
            var setId = Encoding.ASCII.GetString(setIdText);
            var countIndex = m.IndexOf(ApplicationTags.NoQuoteEntries, sets.EntryStart);
            if (countIndex < 0 || countIndex >= sets.EntryEnd)
            {
                SessionReject(session, seq, ApplicationTags.NoQuoteEntries, RequiredTagMissing, $"Quote set {setId} has no NoQuoteEntries (295)");
                return;
            }

            var entries = new FixGroupReader(m, ApplicationTags.NoQuoteEntries, ApplicationTags.QuoteEntryID, _quoteEntryTags, sets.EntryStart);
            while (entries.MoveNext())
            {
                var result = new QuoteEntryResult { SetId = setId };
                var command = ReadQuoteEntry(session, m, ref entries, correlation, ref result);
                results.Add(result);
                commands.Add(command);
            }

            if (!GroupOk(session, seq, ApplicationTags.NoQuoteEntries, entries.Error))
            {
                return;
            }
        }

        if (!GroupOk(session, seq, ApplicationTags.NoQuoteSets, sets.Error))
        {
            return;
        }

        if (results.Count == 0)
        {
            SessionReject(session, seq, ApplicationTags.NoQuoteSets, RequiredTagMissing, "NoQuoteSets (296) with at least one quote entry is required");
            return;
        }

        PublishQuotes(session, m, correlation, new PendingMassQuote(quoteId, [.. results], (byte)QuoteAccepted), commands);
    }

    /// <summary>One quote entry as a <c>Quote</c> command; a field the gateway refuses marks the result rejected (the command is then not published).</summary>
    private Command ReadQuoteEntry(FixSession session, FixMessage m, ref FixGroupReader entry, Origin correlation, ref QuoteEntryResult result)
    {
        entry.TryGet(ApplicationTags.QuoteEntryID, out var entryIdText);
        result.EntryId = Encoding.ASCII.GetString(entryIdText);
        var command = new Command { Type = CommandType.Quote, Origin = correlation, AccountId = session.Settings.AccountId };
        if (!ClientOrderId.TryCreate(entryIdText, out command.ClientOrderId) || command.ClientOrderId.IsEmpty)
        {
            return RejectEntry(ref result, QuoteOther, "QuoteEntryID must be 1 to 32 printable ASCII characters");
        }

        if (!entry.TryGet(FixTags.Symbol, out var symbol) || symbol.IsEmpty)
        {
            return RejectEntry(ref result, QuoteUnknownSymbol, "Symbol (55) is required in each quote entry");
        }

        result.Symbol = Encoding.ASCII.GetString(symbol);
        if (!_catalog.TryGet(symbol, out var instrument))
        {
            return RejectEntry(ref result, QuoteUnknownSymbol, "Unknown symbol");
        }

        command.InstrumentId = instrument.Id;
        if (!TryReadQuoteSide(m, ref entry, instrument, ApplicationTags.BidPx, ApplicationTags.BidSize, ApplicationTags.DefBidSize, "Bid",
                out command.PriceTicks, out command.QuantityLots, ref result)
            || !TryReadQuoteSide(m, ref entry, instrument, ApplicationTags.OfferPx, ApplicationTags.OfferSize, ApplicationTags.DefOfferSize, "Offer",
                out command.AskPriceTicks, out command.AskQuantityLots, ref result))
        {
            return default;
        }

        return command;
    }

    /// <summary>
    /// One side of a quote entry: a size of 0 (or none, with no price) leaves the side
    /// unquoted; a positive size on the lot grid needs a price on the tick grid. DefBidSize
    /// and DefOfferSize (293, 294) stand in for a missing size.
    /// </summary>
    private static bool TryReadQuoteSide(FixMessage m, ref FixGroupReader entry, CatalogEntry instrument, int priceTag, int sizeTag, int defaultSizeTag,
        string name, out long priceTicks, out long lots, ref QuoteEntryResult result)
    {
        priceTicks = 0;
        lots = 0;
        var hasPrice = entry.TryGet(priceTag, out var priceText);
        if (!entry.TryGet(sizeTag, out var sizeText) && !m.TryGet(defaultSizeTag, out sizeText))
        {
            if (hasPrice)
            {
                RejectEntry(ref result, QuoteOther, $"{name}Px ({priceTag}) needs {name}Size ({sizeTag}) or Def{name}Size ({defaultSizeTag})");
                return false;
            }

            return true;
        }

        if (!FixDecimal.TryParse(sizeText, out var size) || (size.Mantissa != 0 && !instrument.TryToLots(size, out lots)))
        {
            RejectEntry(ref result, QuoteOther, $"{name}Size must be 0 or a positive multiple of the lot size {instrument.Definition.LotSize}");
            return false;
        }

        if (lots == 0)
        {
            return true;
        }

        if (!hasPrice || !FixDecimal.TryParse(priceText, out var price) || !instrument.TryToTicks(price, out priceTicks))
        {
            RejectEntry(ref result, QuoteInvalidPrice, $"{name}Px ({priceTag}) must be a positive multiple of the tick size {instrument.Definition.TickSize}");
            return false;
        }

        return true;
    }

    private static Command RejectEntry(ref QuoteEntryResult result, long reason, string text)
    {
        result.RejectReason = reason;
        result.Text = text;
        return default;
    }

    private bool GroupOk(FixSession session, long seq, int countTag, FixGroupError error)
    {
        switch (error)
        {
            case FixGroupError.None:
                return true;
            case FixGroupError.DelimiterMissing:
                SessionReject(session, seq, countTag, DelimiterNotFirst, "Each entry of the group must start with its delimiter (QuoteSetID 302, QuoteEntryID 299)");
                return false;
            default:
                SessionReject(session, seq, countTag, IncorrectNumInGroup, "The group's entries do not match its NumInGroup count");
                return false;
        }
    }

    /// <summary>
    /// QuoteCancel (Z): QuoteCancelType (298) 1 withdraws the quotes on the symbols of its
    /// NoQuoteEntries (295) group, 4 on every instrument; each becomes an empty <c>Quote</c>.
    /// </summary>
    private void QuoteCancel(FixSession session, FixMessage m)
    {
        var correlation = Correlation(session, m, out var seq);
        if (!Require(session, m, ApplicationTags.QuoteID, seq, out var quoteIdText)
            || !RequireChar(session, m, ApplicationTags.QuoteCancelType, seq, out var cancelType))
        {
            return;
        }

        if (cancelType is not ((byte)'1' or (byte)'4'))
        {
            SessionReject(session, seq, ApplicationTags.QuoteCancelType, ValueIncorrect, "QuoteCancelType must be 1 (for symbols) or 4 (all quotes)");
            return;
        }

        var results = new List<QuoteEntryResult>();
        var commands = new List<Command>();
        if (cancelType == (byte)'4')
        {
            foreach (var instrument in _catalog.Instruments)
            {
                results.Add(new QuoteEntryResult { SetId = "", EntryId = "", Symbol = instrument.Symbol });
                commands.Add(new Command { Type = CommandType.Quote, Origin = correlation, AccountId = session.Settings.AccountId, InstrumentId = instrument.Id });
            }
        }
        else
        {
            for (var i = m.IndexOf(FixTags.Symbol); i >= 0; i = m.IndexOf(FixTags.Symbol, i + 1))
            {
                var result = new QuoteEntryResult { SetId = "", EntryId = "", Symbol = Encoding.ASCII.GetString(m.ValueAt(i)) };
                var command = new Command { Type = CommandType.Quote, Origin = correlation, AccountId = session.Settings.AccountId };
                if (_catalog.TryGet(m.ValueAt(i), out var instrument))
                {
                    command.InstrumentId = instrument.Id;
                }
                else
                {
                    command = RejectEntry(ref result, QuoteUnknownSymbol, "Unknown symbol");
                }

                results.Add(result);
                commands.Add(command);
            }

            if (results.Count == 0)
            {
                SessionReject(session, seq, ApplicationTags.NoQuoteEntries, RequiredTagMissing, "QuoteCancelType 1 needs NoQuoteEntries (295) with a Symbol (55) each");
                return;
            }
        }

        var pending = new PendingMassQuote(Encoding.ASCII.GetString(quoteIdText), [.. results],
            (byte)(cancelType == (byte)'4' ? QuoteCanceledAll : QuoteCanceledForSymbol));
        PublishQuotes(session, m, correlation, pending, commands);
    }

    /// <summary>
    /// Refuses the whole request when its Account (1) is not the session's; else publishes the
    /// entries the gateway accepted, in order (after a refused publish, the rest are refused
    /// as busy), and acknowledges at once when the core has nothing to answer.
    /// </summary>
    private void PublishQuotes(FixSession session, FixMessage m, Origin correlation, PendingMassQuote pending, List<Command> commands)
    {
        if (!AccountMatches(session, m))
        {
            Interlocked.Increment(ref _rejectCounter);
            SendQuoteAck(session, InBody, pending, QuoteNotAuthorized, "Account is not this session's account");
            return;
        }

        var key = (session.Settings.SessionId, correlation.CorrelationId);
        _pendingQuotes[key] = pending;
        var busy = false;
        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i].Type != CommandType.Quote)
            {
                Interlocked.Increment(ref _rejectCounter);
                continue;
            }

            lock (pending.Lock)
            {
                if (busy)
                {
                    RejectEntry(ref pending.Entries[i], QuoteOther, BusyText);
                    continue;
                }

                pending.AddPublished(i);
            }

            if (!_publisher.TryPublish(commands[i]))
            {
                busy = true;
                lock (pending.Lock)
                {
                    pending.RemoveLastPublished();
                    RejectEntry(ref pending.Entries[i], QuoteOther, BusyText);
                }
            }
        }

        bool complete;
        lock (pending.Lock)
        {
            pending.Seal();
            complete = pending.TryComplete();
        }

        if (complete)
        {
            _pendingQuotes.TryRemove(key, out _);
            SendQuoteAck(session, InBody, pending, QuoteOther, null);
        }
    }
}
