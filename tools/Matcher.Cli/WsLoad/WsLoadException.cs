namespace Matcher.Cli.WsLoad;

/// <summary>A <c>matcher ws-load</c> run cannot start: the server lacks the instrument, or the prices do not fit it.</summary>
internal sealed class WsLoadException : Exception
{
    /// <summary>An exception with no message.</summary>
    public WsLoadException()
    {
    }

    /// <summary>An exception saying what happened.</summary>
    public WsLoadException(string message)
        : base(message)
    {
    }

    /// <summary>An exception saying what happened, and why.</summary>
    public WsLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
