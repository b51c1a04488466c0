using Matcher.Cli.Sim;
using Matcher.Core.Commands;

namespace Matcher.Cli.Serve;

/// <summary>The server's setup file (the <c>matcher sim</c> setup format) as the admin commands it stands for.</summary>
internal static class SetupCommands
{
    /// <summary>
    /// Runs the setup in a scratch simulator and returns the commands it ran, in order;
    /// none for a null path. Throws <see cref="InvalidDataException"/> when the core rejects
    /// the setup or it is malformed.
    /// </summary>
    public static List<Command> Load(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return [];
        }

        var resolved = File.Exists(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        var json = File.ReadAllText(resolved);
        var recorded = new List<Command>();
        using var simulator = new Simulator(TextWriter.Null) { WriteSetupEvents = false, Recorded = recorded };
        if (simulator.RunSetup(json) is { } failure)
        {
            throw new InvalidDataException(failure);
        }

        return recorded;
    }
}
