namespace Matcher.Server.Configuration;

/// <summary>The in-process Postgres projector (section <c>Matcher:Projection</c>); off unless a connection string is given.</summary>
public sealed class ProjectionSettings
{
    /// <summary>An Npgsql connection string; when set, the server runs a projector into that database.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The projector's name: its position row in the database (several projectors, several names or databases).</summary>
    public string Name { get; set; } = "default";

    /// <summary>Most commands written in one transaction.</summary>
    public int MaxBatchCommands { get; set; } = 4096;

    internal void Validate(List<string> errors)
    {
        if (ConnectionString is not null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("Matcher:Projection:ConnectionString must not be blank");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Matcher:Projection:Name must not be empty");
        }

        if (MaxBatchCommands <= 0)
        {
            errors.Add("Matcher:Projection:MaxBatchCommands must be positive");
        }
    }
}
