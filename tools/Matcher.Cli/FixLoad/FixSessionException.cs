namespace Matcher.Cli.FixLoad;

/// <summary>A <see cref="FixClient"/> session could not be established or was ended by the acceptor.</summary>
internal sealed class FixSessionException : Exception
{
    /// <summary>An exception with no message.</summary>
    public FixSessionException()
    {
    }

    /// <summary>An exception saying what happened.</summary>
    public FixSessionException(string message)
        : base(message)
    {
    }

    /// <summary>An exception saying what happened, and why.</summary>
    public FixSessionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
