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

    /// <summary>
    /// The journal ends in a torn record (the last segment, nothing good after it): what a
    /// crash mid-write leaves, and what start-up recovery cuts off. Nothing else is wrong.
    /// </summary>
    public const int TornTail = 3;

    /// <summary>
    /// The journal is damaged before its end (a bad record with good ones after it, a bad
    /// record in an earlier segment, or a break in the sequences): start-up would refuse it.
    /// </summary>
    public const int Corrupt = 4;
}
