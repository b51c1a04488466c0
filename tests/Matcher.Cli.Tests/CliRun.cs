using System.Text.RegularExpressions;

namespace Matcher.Cli.Tests;

/// <summary>One in-process run of the <c>matcher</c> command line, with what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = VerbDispatcher.CreateDefault().Run(args, new CliStreams(new StringReader(string.Empty), output, error));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The value of the report line "<paramref name="name"/>: value" (the first, if several).</summary>
    public string Field(string name)
    {
        var match = Regex.Match(Output, $"^{Regex.Escape(name)}: *(.*)$", RegexOptions.Multiline);
        Assert.That(match.Success, Is.True, $"no '{name}:' line in:\n{Output}\n{Error}");
        return match.Groups[1].Value;
    }

    /// <summary>Every value of the report lines "<paramref name="name"/>: value".</summary>
    public List<string> Fields(string name) =>
        Regex.Matches(Output, $"^{Regex.Escape(name)}: *(.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
