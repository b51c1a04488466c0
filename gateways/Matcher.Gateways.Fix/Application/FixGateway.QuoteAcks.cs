using System.Text;
using Matcher.Core.Events;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// Outbound: the MassQuoteAcknowledgement (b) that answers a MassQuote or QuoteCancel once
/// the core has answered each of its entries, and the unsolicited one that tells a market
/// maker its protection tripped. See docs/FIX.md, "Quotes".
/// </summary>
public sealed partial class FixGateway
{
    /// <summary>The core's answer to one <c>Quote</c> command (QuoteAccepted or Rejected): the acknowledgement goes out with the last one.</summary>
    private void OnQuoteAnswer(ref EngineEvent e)
    {
        var key = (e.Origin.SessionId, e.Origin.CorrelationId);
        if (e.Origin.GatewayId != GatewayId || !_pendingQuotes.TryGetValue(key, out var pending))
        {
            return;
        }

        bool complete;
        lock (pending.Lock)
        {
            var rejected = e.Type == EventType.Rejected;
            pending.TryAnswer(rejected ? FixCodes.QuoteEntryRejectReason(e.RejectReason) : 0, rejected ? RejectText(e.RejectReason) : null);
            complete = pending.TryComplete();
        }

        if (complete && _pendingQuotes.TryRemove(key, out _) && Session(e.Origin) is { } session)
        {
            SendQuoteAck(session, _outBody, pending, QuoteOther, null);
        }
    }

    /// <summary>
    /// MassQuoteAcknowledgement (b): QuoteStatus (297) is the request's accepted status when
    /// at least one entry was accepted (0 for a mass quote, 1 or 4 for a quote cancel), else 5
    /// (rejected) with QuoteRejectReason (300). A mass quote's rejected entries are listed in
    /// NoQuoteSets / NoQuoteEntries with QuoteEntryRejectReason (368); Text (58) says why.
    /// </summary>
    private static void SendQuoteAck(FixSession session, FixBodyWriter body, PendingMassQuote pending, long wholeReason, string? wholeText)
    {
        var entries = pending.Entries;
        var rejected = 0;
        var firstReason = 0L;
        var text = new StringBuilder(wholeText);
        foreach (var entry in entries)
        {
            if (entry.RejectReason == 0)
            {
                continue;
            }

            firstReason = rejected++ == 0 ? entry.RejectReason : firstReason;
            text.Append(text.Length == 0 ? "" : "; ").Append(entry.EntryId.Length > 0 ? entry.EntryId : entry.Symbol).Append(": ").Append(entry.Text);
        }

        var allRejected = wholeText is not null || rejected == entries.Length;
        body.Clear();
        body.Add(ApplicationTags.QuoteID, pending.QuoteId).Add(ApplicationTags.QuoteStatus, allRejected ? QuoteRejected : pending.AcceptedStatus);
        if (allRejected)
        {
            body.Add(ApplicationTags.QuoteRejectReason, wholeText is not null || firstReason == 0 ? wholeReason : firstReason);
        }

        body.Add(FixTags.Account, session.Settings.AccountId);
        if (text.Length > 0)
        {
            body.Add(FixTags.Text, text.ToString());
        }

        if (rejected > 0 && pending.AcceptedStatus == QuoteAccepted)
        {
            WriteRejectedEntries(body, entries);
        }

        session.Send("b"u8, body);
    }

    /// <summary>NoQuoteSets (296) → QuoteSetID (302), NoQuoteEntries (295) → QuoteEntryID (299), Symbol (55), QuoteEntryRejectReason (368): the rejected entries only.</summary>
    private static void WriteRejectedEntries(FixBodyWriter body, QuoteEntryResult[] entries)
    {
        var sets = 0;
        string? last = null;
        foreach (var entry in entries)
        {
            if (entry.RejectReason != 0 && entry.SetId != last)
            {
                sets++;
                last = entry.SetId;
            }
        }

        body.Add(ApplicationTags.NoQuoteSets, sets);
        for (var i = 0; i < entries.Length;)
        {
            var setId = entries[i].SetId;
            var end = i;
            var count = 0;
            for (; end < entries.Length && entries[end].SetId == setId; end++)
            {
                count += entries[end].RejectReason != 0 ? 1 : 0;
            }

            if (count > 0)
            {
                body.Add(ApplicationTags.QuoteSetID, setId).Add(ApplicationTags.NoQuoteEntries, count);
                for (var k = i; k < end; k++)
                {
                    if (entries[k].RejectReason == 0)
                    {
                        continue;
                    }

                    body.Add(ApplicationTags.QuoteEntryID, entries[k].EntryId);
                    if (entries[k].Symbol is { Length: > 0 } symbol)
                    {
                        body.Add(FixTags.Symbol, symbol);
                    }

                    body.Add(ApplicationTags.QuoteEntryRejectReason, entries[k].RejectReason);
                }
            }

            i = end;
        }
    }

    /// <summary>
    /// The account's market-maker protection tripped: its quotes were cancelled (each leg gets
    /// its ExecutionReport 150=4, Text MarketMakerProtection). Its FIX sessions are told once,
    /// by an unsolicited MassQuoteAcknowledgement with QuoteStatus 4 (cancelled all).
    /// </summary>
    private void OnProtectionUpdated(ref EngineEvent e)
    {
        if (e.InstrumentStatus != Core.Reference.InstrumentStatus.Halted || _acceptor is null)
        {
            return;
        }

        var sessions = _acceptor.Sessions;
        for (var i = 0; i < sessions.Count; i++)
        {
            if (sessions[i].Settings.AccountId != e.AccountId)
            {
                continue;
            }

            var body = _outBody;
            body.Clear();
            body.Add(ApplicationTags.QuoteStatus, QuoteCanceledAll).Add(ApplicationTags.QuoteRejectReason, QuoteOther).Add(FixTags.Account, e.AccountId)
                .Add(FixTags.Text, "MarketMakerProtection: every quote of the account was cancelled; new quotes are refused until the protection is reset");
            sessions[i].Send("b"u8, body);
        }
    }
}
