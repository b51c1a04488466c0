namespace Matcher.Cli;

/// <summary>The process exit codes every verb uses.</summary>
internal static class ExitCodes
{
    /// <summary>The verb did its work.</summary>
    public const int Success = 0;

    /// <summary>The verb ran to the end, but some input lines were rejected as malformed.</summary>
    public const int InputErrors = 1;

    /// <summary>Bad arguments, an unreadable file or an invalid setup: the verb could not run (or stopped).</summary>
    public const int Usage = 2;
}
