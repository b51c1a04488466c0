using System.Text;

namespace Matcher.Cli;

/// <summary>The <c>matcher</c> executable: hands the arguments to the verb dispatcher.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // UTF-8 without a byte-order mark and "\n" line ends, whatever the platform, so
        // the output of a run is the same bytes everywhere. Console.Out flushes on every
        // write; a buffered writer flushed once at the end is much faster for long runs.
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var output = new StreamWriter(Console.OpenStandardOutput(), encoding, 1 << 16) { NewLine = "\n" };
        using var error = new StreamWriter(Console.OpenStandardError(), encoding) { NewLine = "\n", AutoFlush = true };
        using var input = new StreamReader(Console.OpenStandardInput(), encoding);
        var exitCode = VerbDispatcher.CreateDefault().Run(args, new CliStreams(input, output, error));
        output.Flush();
        return exitCode;
    }
}
