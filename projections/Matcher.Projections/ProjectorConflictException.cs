namespace Matcher.Projections;

/// <summary>
/// The database's position does not continue the projector's: another projector wrote it, it
/// was rebuilt underneath, or it is ahead of the journal. The projector stops rather than
/// write rows twice or leave a gap.
/// </summary>
public sealed class ProjectorConflictException : Exception
{
    /// <summary>An exception with no message.</summary>
    public ProjectorConflictException()
    {
    }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    public ProjectorConflictException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public ProjectorConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
