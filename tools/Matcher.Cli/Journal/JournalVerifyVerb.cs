namespace Matcher.Cli.Journal;

/// <summary>
/// <c>matcher journal verify</c>: reads every record of every segment, read-only, and
/// reports damage with its file and offset, telling a torn tail (which start-up recovery
/// cuts off) from corruption before the end (which start-up refuses).
/// </summary>
internal sealed class JournalVerifyVerb : IVerb
{
    private const string Invocation = "matcher journal verify";

    /// <inheritdoc />
    public string Name => "verify";

    /// <inheritdoc />
    public string Summary => "check every record's checksum and sequence; report damage by file and offset";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: matcher journal verify --journal DIR");
        output.WriteLine();
        output.WriteLine("Reads every segment of the journal in DIR and checks each record (magic, version,");
        output.WriteLine("length, CRC-32C, header against payload) and that sequences run on without a gap or");
        output.WriteLine("repeat, within and across segments. Prints the segments, records, bytes and sequence");
        output.WriteLine("range, one 'damage:' line per damaged place (file and offset), and a 'result:' line.");
        output.WriteLine("It changes nothing: start-up recovery, by contrast, truncates a torn tail.");
        output.WriteLine();
        output.WriteLine("A torn tail is a bad or incomplete record at the end of the last segment with no good");
        output.WriteLine("record after it: a write cut short by a crash, never acknowledged. Anything else is");
        output.WriteLine("corruption of records that may have been acknowledged. A journal being written may");
        output.WriteLine("show its unfinished last record as a torn tail.");
        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --journal DIR   the journal directory");
        output.WriteLine("  -h, --help      this help");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 no damage; 2 bad options or unreadable journal; 3 a torn tail only;");
        output.WriteLine("4 corrupt (damage before the end, or a break in the sequences).");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        if (JournalArguments.Parse(this, Invocation, args, [], [], streams, out _, out var directory) is { } exit)
        {
            return exit;
        }

        ScanSummary summary;
        try
        {
            summary = JournalScanner.Scan(directory, visitor: null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            streams.Error.WriteLine($"{Invocation}: {e.Message}");
            return ExitCodes.Usage;
        }

        JournalReport.WriteOverview(streams.Out, directory, summary);
        JournalReport.WriteDamage(streams.Out, summary);
        return summary.ExitCode;
    }
}
