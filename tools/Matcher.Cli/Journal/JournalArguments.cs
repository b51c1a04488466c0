namespace Matcher.Cli.Journal;

/// <summary>Argument handling shared by the verbs that read a journal directory (<c>--journal DIR</c>).</summary>
internal static class JournalArguments
{
    /// <summary>The option naming the journal directory.</summary>
    public const string JournalOption = "--journal";

    /// <summary>
    /// Parses the arguments of a verb that needs <c>--journal DIR</c>. Returns null when the
    /// verb should run; otherwise the exit code, having written the help (to standard
    /// output) or the error (to standard error).
    /// </summary>
    /// <param name="verb">The verb, for its help.</param>
    /// <param name="command">The verb as typed, e.g. "matcher journal dump", for messages.</param>
    /// <param name="args">The arguments after the verb's name.</param>
    /// <param name="valueOptions">The verb's options that take a value, besides --journal.</param>
    /// <param name="flagOptions">The verb's flags.</param>
    /// <param name="streams">Where help and errors go.</param>
    /// <param name="parsed">The options.</param>
    /// <param name="directory">The journal directory, which exists.</param>
    public static int? Parse(
        IVerb verb,
        string command,
        IReadOnlyList<string> args,
        IReadOnlyCollection<string> valueOptions,
        IReadOnlyCollection<string> flagOptions,
        CliStreams streams,
        out VerbArguments parsed,
        out string directory)
    {
        directory = "";
        var allValueOptions = new List<string>(valueOptions) { JournalOption };
        if (!VerbArguments.TryParse(args, allValueOptions, flagOptions, out parsed, out var error))
        {
            return UsageError(command, error!, streams);
        }

        if (parsed.Help)
        {
            verb.WriteHelp(streams.Out);
            return ExitCodes.Success;
        }

        if (parsed.Value(JournalOption) is not { } given)
        {
            return UsageError(command, $"option {JournalOption} DIR is required", streams);
        }

        if (!Directory.Exists(given))
        {
            streams.Error.WriteLine($"{command}: no journal directory '{given}'");
            return ExitCodes.Usage;
        }

        directory = given;
        return null;
    }

    /// <summary>Writes "COMMAND: ERROR" and where to find the options; returns <see cref="ExitCodes.Usage"/>.</summary>
    public static int UsageError(string command, string error, CliStreams streams)
    {
        streams.Error.WriteLine($"{command}: {error}");
        streams.Error.WriteLine($"Run '{command} --help' for the options.");
        return ExitCodes.Usage;
    }
}
