namespace Matcher.Gateways.Fix.Application;

/// <summary>One entry of a MassQuote and what became of it, for the MassQuoteAcknowledgement.</summary>
internal struct QuoteEntryResult
{
    /// <summary>QuoteSetID (302) of the entry's set.</summary>
    public string SetId;

    /// <summary>QuoteEntryID (299); empty for a QuoteCancel's per-instrument withdrawals.</summary>
    public string EntryId;

    /// <summary>Symbol (55) as sent, when it was.</summary>
    public string? Symbol;

    /// <summary>QuoteEntryRejectReason (368); 0 when accepted or not answered yet.</summary>
    public long RejectReason;

    /// <summary>Why it was rejected: the gateway's explanation or the core's reject reason name.</summary>
    public string? Text;
}
