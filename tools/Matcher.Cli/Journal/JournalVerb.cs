namespace Matcher.Cli.Journal;

/// <summary>
/// <c>matcher journal &lt;tool&gt;</c>: the journal tools (<c>dump</c>, <c>verify</c>,
/// <c>stats</c>). None of them changes the journal.
/// </summary>
internal sealed class JournalVerb : IVerb
{
    private readonly IVerb[] _tools = [new JournalDumpVerb(), new JournalVerifyVerb(), new JournalStatsVerb()];

    /// <inheritdoc />
    public string Name => "journal";

    /// <inheritdoc />
    public string Summary => "dump, verify or count a journal's records (read-only)";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: matcher journal <tool> --journal DIR [options]");
        output.WriteLine("       matcher journal <tool> --help");
        output.WriteLine();
        output.WriteLine("Reads the segment files of a journal directory (docs/JOURNAL.md). No tool writes to");
        output.WriteLine("the journal: unlike start-up recovery, nothing is truncated.");
        output.WriteLine();
        output.WriteLine("Tools:");
        foreach (var tool in _tools)
        {
            output.WriteLine($"  {tool.Name,-7} {tool.Summary}");
        }
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        if (args.Count == 0)
        {
            streams.Error.WriteLine("matcher journal: which tool? (dump, verify or stats)");
            WriteHelp(streams.Error);
            return ExitCodes.Usage;
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            if (args[0] == "help" && args.Count > 1 && Find(args[1]) is { } named)
            {
                named.WriteHelp(streams.Out);
            }
            else
            {
                WriteHelp(streams.Out);
            }

            return ExitCodes.Success;
        }

        if (Find(args[0]) is not { } tool)
        {
            streams.Error.WriteLine($"matcher journal: unknown tool '{args[0]}'");
            WriteHelp(streams.Error);
            return ExitCodes.Usage;
        }

        var rest = new string[args.Count - 1];
        for (var i = 1; i < args.Count; i++)
        {
            rest[i - 1] = args[i];
        }

        return tool.Run(rest, streams);
    }

    private IVerb? Find(string name) => Array.Find(_tools, t => t.Name == name);
}
