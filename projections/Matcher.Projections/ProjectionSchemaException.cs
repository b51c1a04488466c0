namespace Matcher.Projections;

/// <summary>The database's projection schema cannot be used by this code (e.g. it is newer than the code knows).</summary>
public sealed class ProjectionSchemaException : Exception
{
    /// <summary>An exception with no message.</summary>
    public ProjectionSchemaException()
    {
    }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    public ProjectionSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public ProjectionSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
