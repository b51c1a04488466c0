namespace Matcher.Ring;

/// <summary>What a consumer does after its handler threw.</summary>
public enum ExceptionAction
{
    /// <summary>Stop the consumer (and its pipeline); the failed entry stays unprocessed.</summary>
    Halt = 0,

    /// <summary>
    /// Go on after the failed entry. The exception handler takes responsibility for
    /// recording what was passed over: the ring never skips silently.
    /// </summary>
    Skip = 1,
}
