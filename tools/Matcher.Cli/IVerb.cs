namespace Matcher.Cli;

/// <summary>One verb of the command line (<c>matcher &lt;verb&gt; [options]</c>).</summary>
internal interface IVerb
{
    /// <summary>The word that selects the verb, e.g. "sim".</summary>
    string Name { get; }

    /// <summary>One line for the verb list of <c>matcher --help</c>.</summary>
    string Summary { get; }

    /// <summary>Writes the verb's full usage (<c>matcher &lt;verb&gt; --help</c>).</summary>
    void WriteHelp(TextWriter output);

    /// <summary>Runs the verb on the arguments after its name.</summary>
    /// <returns>The process exit code (see <see cref="ExitCodes"/>).</returns>
    int Run(IReadOnlyList<string> args, CliStreams streams);
}
