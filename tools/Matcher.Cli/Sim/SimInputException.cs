namespace Matcher.Cli.Sim;

/// <summary>
/// A line (or setup entry) the simulator cannot turn into a command: malformed JSON, an
/// unknown field or name, a value off the tick or lot grid. Caught per line and printed
/// as an <c>input_error</c>; nothing reaches the core.
/// </summary>
/// <remarks>
/// An exception rather than a try-pattern because the simulator is an offline tool and a
/// parser that can stop at any field reads straight down; the core's hot path is untouched.
/// </remarks>
internal sealed class SimInputException : Exception
{
    /// <summary>An input error with a message for the user.</summary>
    public SimInputException(string message)
        : base(message)
    {
    }

    /// <summary>An input error (constructor required by the exception pattern).</summary>
    public SimInputException()
    {
    }

    /// <summary>An input error with its cause.</summary>
    public SimInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
