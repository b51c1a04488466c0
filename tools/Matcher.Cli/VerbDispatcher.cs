using Matcher.Cli.FixLoad;
using Matcher.Cli.Journal;
using Matcher.Cli.Project;
using Matcher.Cli.Replay;
using Matcher.Cli.Serve;
using Matcher.Cli.Sim;
using Matcher.Cli.WsLoad;

namespace Matcher.Cli;

/// <summary>
/// Picks the verb named by the first argument and runs it with the rest:
/// <c>matcher &lt;verb&gt; [options]</c>, <c>matcher --help</c>, <c>matcher help &lt;verb&gt;</c>.
/// </summary>
internal sealed class VerbDispatcher
{
    private readonly IReadOnlyList<IVerb> _verbs;

    /// <summary>A dispatcher over <paramref name="verbs"/>, listed in help in this order.</summary>
    public VerbDispatcher(IReadOnlyList<IVerb> verbs)
    {
        _verbs = verbs;
    }

    /// <summary>The verbs the <c>matcher</c> executable offers.</summary>
    public static VerbDispatcher CreateDefault() => new([new ServeVerb(), new SimVerb(), new JournalVerb(), new ReplayVerb(), new HashPasswordVerb(), new FixLoadVerb(), new WsLoadVerb(), new ProjectVerb()]);

    /// <summary>Runs the command line <paramref name="args"/>; returns the exit code.</summary>
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        if (args.Count == 0)
        {
            WriteHelp(streams.Error);
            return ExitCodes.Usage;
        }

        var first = args[0];
        if (first is "--help" or "-h" or "help")
        {
            if (first == "help" && args.Count > 1)
            {
                var verb = Find(args[1]);
                if (verb is null)
                {
                    return UnknownVerb(args[1], streams);
                }

                verb.WriteHelp(streams.Out);
                return ExitCodes.Success;
            }

            WriteHelp(streams.Out);
            return ExitCodes.Success;
        }

        var selected = Find(first);
        if (selected is null)
        {
            return UnknownVerb(first, streams);
        }

        var rest = new string[args.Count - 1];
        for (var i = 1; i < args.Count; i++)
        {
            rest[i - 1] = args[i];
        }

        return selected.Run(rest, streams);
    }

    private IVerb? Find(string name)
    {
        foreach (var verb in _verbs)
        {
            if (verb.Name == name)
            {
                return verb;
            }
        }

        return null;
    }

    private int UnknownVerb(string name, CliStreams streams)
    {
        streams.Error.WriteLine($"matcher: unknown verb '{name}'");
        WriteHelp(streams.Error);
        return ExitCodes.Usage;
    }

    private void WriteHelp(TextWriter output)
    {
        output.WriteLine("matcher: the command line of the Matcher exchange core.");
        output.WriteLine();
        output.WriteLine("Usage: matcher <verb> [options]");
        output.WriteLine("       matcher <verb> --help     (or: matcher help <verb>)");
        output.WriteLine();
        output.WriteLine("Verbs:");
        var width = 0;
        foreach (var verb in _verbs)
        {
            width = Math.Max(width, verb.Name.Length);
        }

        foreach (var verb in _verbs)
        {
            output.WriteLine($"  {verb.Name.PadRight(width)}  {verb.Summary}");
        }
    }
}
