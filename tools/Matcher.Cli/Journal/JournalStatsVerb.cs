using Matcher.Cli.Sim;
using Matcher.Core.Commands;

namespace Matcher.Cli.Journal;

/// <summary>
/// <c>matcher journal stats</c>: segments, records, bytes, the sequence and time range, and
/// how many records of each command type.
/// </summary>
internal sealed class JournalStatsVerb : IVerb
{
    private const string Invocation = "matcher journal stats";

    /// <inheritdoc />
    public string Name => "stats";

    /// <inheritdoc />
    public string Summary => "count segments, records, bytes and records per command type";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: matcher journal stats --journal DIR");
        output.WriteLine();
        output.WriteLine("Reads the journal in DIR and prints its segments, records, bytes, first and last");
        output.WriteLine("sequence and time, and the number of records of each command type. Damage is");
        output.WriteLine("reported as by 'matcher journal verify'; the counts are of the good records.");
        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --journal DIR   the journal directory");
        output.WriteLine("  -h, --help      this help");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 no damage; 2 bad options or unreadable journal; 3 a torn tail only;");
        output.WriteLine("4 corrupt.");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        if (JournalArguments.Parse(this, Invocation, args, [], [], streams, out _, out var directory) is { } exit)
        {
            return exit;
        }

        var counter = new CommandTypeCounter();
        ScanSummary summary;
        try
        {
            summary = JournalScanner.Scan(directory, counter);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            streams.Error.WriteLine($"{Invocation}: {e.Message}");
            return ExitCodes.Usage;
        }

        var output = streams.Out;
        JournalReport.WriteOverview(output, directory, summary);
        JournalReport.WriteTimes(output, summary);
        output.WriteLine("records by type:");
        var counts = new List<(string Name, long Count)>();
        var width = 0;
        foreach (var (type, count) in counter.Counts())
        {
            var name = EnumNames<CommandType>.Name(type);
            counts.Add((name, count));
            width = Math.Max(width, name.Length);
        }

        foreach (var (name, count) in counts)
        {
            output.WriteLine($"  {name.PadRight(width)}  {JournalReport.Number(count)}");
        }

        JournalReport.WriteDamage(output, summary);
        return summary.ExitCode;
    }
}
