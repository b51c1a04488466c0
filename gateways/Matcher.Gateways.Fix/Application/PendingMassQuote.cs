namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// A MassQuote (i) or QuoteCancel (Z) waiting for the core's answers to its <c>Quote</c>
/// commands, one per entry, before its MassQuoteAcknowledgement (b) can be sent. Entries the
/// gateway refused itself are answered from the start.
/// </summary>
/// <remarks>
/// The commands of one request share its origin and are published in entry order from the
/// session's thread; the core answers each with exactly one <c>QuoteAccepted</c> or
/// <c>Rejected</c>, in journal order, so the n-th answer is the n-th published entry's. The
/// session's thread publishes while the outbound thread may already be answering: both take
/// <see cref="Lock"/>, and whichever sees the last answer of a sealed request sends the
/// acknowledgement (once: <see cref="TryComplete"/>).
/// </remarks>
internal sealed class PendingMassQuote
{
    private readonly int[] _published;
    private int _publishedCount;
    private int _answered;
    private bool _sealed;
    private bool _completed;

    public PendingMassQuote(string quoteId, QuoteEntryResult[] entries, byte acceptedStatus)
    {
        QuoteId = quoteId;
        Entries = entries;
        AcceptedStatus = acceptedStatus;
        _published = new int[entries.Length];
    }

    /// <summary>Taken by both threads around every change.</summary>
    public Lock Lock { get; } = new();

    /// <summary>QuoteID (117) of the request.</summary>
    public string QuoteId { get; }

    /// <summary>Every entry of the request, in message order, with its result so far.</summary>
    public QuoteEntryResult[] Entries { get; }

    /// <summary>QuoteStatus (297) when every entry is accepted: 0 for a mass quote, 1 or 4 for a quote cancel.</summary>
    public byte AcceptedStatus { get; }

    /// <summary>Under <see cref="Lock"/>: entry <paramref name="index"/> goes to the core next.</summary>
    public void AddPublished(int index) => _published[_publishedCount++] = index;

    /// <summary>Under <see cref="Lock"/>: the last <see cref="AddPublished"/> did not reach the ring after all.</summary>
    public void RemoveLastPublished() => _publishedCount--;

    /// <summary>Under <see cref="Lock"/>: nothing more will be published.</summary>
    public void Seal() => _sealed = true;

    /// <summary>Under <see cref="Lock"/>: the core's next answer; false when none was expected.</summary>
    public bool TryAnswer(long rejectReasonCode, string? text)
    {
        if (_answered >= _publishedCount)
        {
            return false;
        }

        ref var entry = ref Entries[_published[_answered++]];
        entry.RejectReason = rejectReasonCode;
        entry.Text = text;
        return true;
    }

    /// <summary>Under <see cref="Lock"/>: true exactly once, when sealed and every published entry is answered.</summary>
    public bool TryComplete()
    {
        if (_completed || !_sealed || _answered < _publishedCount)
        {
            return false;
        }

        _completed = true;
        return true;
    }
}
