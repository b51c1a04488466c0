using Matcher.Cli.Sim;
using Matcher.Core.Commands;

namespace Matcher.Cli.Journal;

/// <summary><c>matcher journal dump</c>: every record as one JSON line, optionally a range of sequences.</summary>
internal sealed class JournalDumpVerb : IVerb
{
    private const string Invocation = "matcher journal dump";
    private const string FromOption = "--from";
    private const string ToOption = "--to";

    /// <inheritdoc />
    public string Name => "dump";

    /// <inheritdoc />
    public string Summary => "print every record (or a range) as one JSON line";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: matcher journal dump --journal DIR [--from SEQ] [--to SEQ]");
        output.WriteLine();
        output.WriteLine("Prints each record of the journal in DIR as one JSON line, in sequence order:");
        output.WriteLine("  {\"seq\":7,\"time\":\"2024-01-01T00:00:00.000000007Z\",\"type\":\"place_order\",\"account\":1,...}");
        output.WriteLine("\"type\" is the command type as the simulator names it; then the fields that matter for");
        output.WriteLine("that type, and gateway/session/correlation when the origin is set.");
        output.WriteLine();
        output.WriteLine("The journal holds no instrument or asset definitions (they are state, built by");
        output.WriteLine("replaying it), so values are the core's integers, with the unit in the field name:");
        output.WriteLine("price_ticks, quantity_lots, amount_units, quote_budget_units; instruments and assets");
        output.WriteLine("are ids (instrument_id, asset_id). For decimals and names, replay through the simulator.");
        output.WriteLine();
        output.WriteLine("Damaged records are skipped and reported on standard error (see 'matcher journal verify').");
        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --journal DIR   the journal directory");
        output.WriteLine("  --from SEQ      start at this sequence (default: the first)");
        output.WriteLine("  --to SEQ        stop after this sequence (default: the last)");
        output.WriteLine("  -h, --help      this help");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 done; 2 bad options or unreadable journal; 3 the journal ends in a torn");
        output.WriteLine("tail; 4 it is damaged before its end. The good records are printed in every case.");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        if (JournalArguments.Parse(this, Invocation, args, [FromOption, ToOption], [], streams, out var parsed, out var directory) is { } exit)
        {
            return exit;
        }

        if (!parsed.TryGetSequence(FromOption, out var from, out var error) || !parsed.TryGetSequence(ToOption, out var to, out error))
        {
            return JournalArguments.UsageError(Invocation, error!, streams);
        }

        if (from > to)
        {
            return JournalArguments.UsageError(Invocation, $"{FromOption} {from} is after {ToOption} {to}", streams);
        }

        ScanSummary summary;
        using (var lines = new JsonLineWriter(streams.Out))
        {
            try
            {
                summary = JournalScanner.Scan(directory, new Printer(new CommandFormatter(lines), to ?? long.MaxValue), from ?? 1);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                streams.Error.WriteLine($"{Invocation}: {e.Message}");
                return ExitCodes.Usage;
            }
        }

        foreach (var damage in summary.Damage)
        {
            streams.Error.WriteLine($"{Invocation}: {damage.Describe()}");
        }

        return summary.ExitCode;
    }

    /// <summary>Writes each record up to the last sequence wanted.</summary>
    private sealed class Printer(CommandFormatter formatter, long toSequence) : IRecordVisitor
    {
        public bool OnRecord(ref Command command, string path, long offset)
        {
            if (command.Sequence > toSequence)
            {
                return false;
            }

            formatter.Write(command);
            return true;
        }
    }
}
