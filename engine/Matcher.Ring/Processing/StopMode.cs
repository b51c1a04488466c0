namespace Matcher.Ring;

/// <summary>How <see cref="RingPipeline{T}.Stop"/> treats entries not yet processed.</summary>
public enum StopMode
{
    /// <summary>Wait until every consumer has processed everything published, then stop.</summary>
    Drain = 0,

    /// <summary>Stop every consumer after the batch in hand; the rest stays unprocessed.</summary>
    Abandon = 1,
}
