namespace Matcher.Client;

/// <summary>The connection failed, closed, or could not take a message (its send queue is full).</summary>
public class MatcherClientException : Exception
{
    /// <summary>An exception with no message.</summary>
    public MatcherClientException()
    {
    }

    /// <summary>An exception saying what happened.</summary>
    public MatcherClientException(string message)
        : base(message)
    {
    }

    /// <summary>An exception saying what happened, and why.</summary>
    public MatcherClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
