using System.Text;

namespace Matcher.Cli.Sim;

/// <summary>
/// <c>matcher sim</c>: runs a setup and a file of JSON command lines through the matching
/// engine offline and prints every event as a JSON line. See docs/SIM.md.
/// </summary>
internal sealed class SimVerb : IVerb
{
    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc />
    public string Name => "sim";

    /// <inheritdoc />
    public string Summary => "run JSON command lines through the matching engine offline; print its events as JSON lines";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: matcher sim [--setup SETUP.json] [--commands COMMANDS.jsonl] [--output EVENTS.jsonl] [--no-setup-events]");
        output.WriteLine();
        output.WriteLine("Runs the setup (assets, instruments, fee tiers, accounts and deposits), then every");
        output.WriteLine("command line, through the matching engine, and prints every event as one JSON line.");
        output.WriteLine("The same input gives the same output bytes every time. Formats: docs/SIM.md.");
        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --setup FILE        setup document (JSON); without it the engine starts empty");
        output.WriteLine("  --commands FILE     command lines (JSON lines); default or '-': standard input");
        output.WriteLine("  --output FILE       event lines (JSON lines); default or '-': standard output");
        output.WriteLine("  --no-setup-events   run the setup but do not print its events");
        output.WriteLine("  -h, --help          this help");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 every line ran; 1 some lines were input errors (printed as");
        output.WriteLine("\"input_error\" lines, the rest ran); 2 bad options, unreadable file or invalid setup.");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        if (!SimOptions.TryParse(args, out var options, out var error))
        {
            streams.Error.WriteLine($"matcher sim: {error}");
            streams.Error.WriteLine("Run 'matcher sim --help' for the options.");
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            WriteHelp(streams.Out);
            return ExitCodes.Success;
        }

        string? setup = null;
        TextReader? commandFile = null;
        TextWriter? outputFile = null;
        try
        {
            if (options.SetupPath is not null)
            {
                setup = File.ReadAllText(options.SetupPath, _utf8);
            }

            if (options.CommandsPath is not null and not "-")
            {
                commandFile = new StreamReader(options.CommandsPath, _utf8);
            }

            if (options.OutputPath is not null and not "-")
            {
                outputFile = new StreamWriter(options.OutputPath, append: false, _utf8, 1 << 16) { NewLine = "\n" };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            commandFile?.Dispose();
            outputFile?.Dispose();
            streams.Error.WriteLine($"matcher sim: {e.Message}");
            return ExitCodes.Usage;
        }

        using (commandFile)
        using (outputFile)
        {
            var output = outputFile ?? streams.Out;
            var exitCode = Run(setup, commandFile ?? streams.In, output, streams.Error, options.SetupEvents);
            output.Flush();
            return exitCode;
        }
    }

    /// <summary>
    /// Runs the simulator on text: the in-process entry point that tests use.
    /// </summary>
    /// <param name="setup">The setup document, or null for an empty core.</param>
    /// <param name="commands">The command lines.</param>
    /// <param name="output">Where the event lines go.</param>
    /// <param name="error">Where a setup failure is reported.</param>
    /// <param name="setupEvents">Whether the setup's events are written.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Run(string? setup, TextReader commands, TextWriter output, TextWriter error, bool setupEvents = true)
    {
        using var simulator = new Simulator(output) { WriteSetupEvents = setupEvents };
        if (setup is not null && simulator.RunSetup(setup) is { } failure)
        {
            error.WriteLine($"matcher sim: setup: {failure}");
            return ExitCodes.Usage;
        }

        simulator.RunLines(commands);
        return simulator.InputErrors > 0 ? ExitCodes.InputErrors : ExitCodes.Success;
    }
}
