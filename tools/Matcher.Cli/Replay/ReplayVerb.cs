using System.Diagnostics;
using System.Globalization;
using Matcher.Cli.Journal;
using Matcher.Core;
using Matcher.Core.Events;

namespace Matcher.Cli.Replay;

/// <summary>
/// <c>matcher replay</c>: rebuilds the core's state from a journal (after a snapshot, if
/// one is given) and prints the state hash, the commands replayed and the rate.
/// </summary>
internal sealed class ReplayVerb : IVerb
{
    private const string Invocation = "matcher replay";
    private const string SnapshotOption = "--snapshot";
    private const string WriteSnapshotOption = "--write-snapshot";
    private const string ProgressOption = "--progress";

    /// <inheritdoc />
    public string Name => "replay";

    /// <inheritdoc />
    public string Summary => "replay a journal (after a snapshot) through the core; print the state hash";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: matcher replay --journal DIR [--snapshot FILE] [--write-snapshot FILE] [--progress]");
        output.WriteLine();
        output.WriteLine("Loads the snapshot if given (otherwise starts from an empty core), replays every");
        output.WriteLine("journal record after the snapshot's last sequence through the matching engine, in");
        output.WriteLine("order, and prints the commands replayed, the events they caused, the last sequence,");
        output.WriteLine("the state hash (16 hex digits; the same as the live engine's after the same commands)");
        output.WriteLine("and the rate (reading the journal included, loading the snapshot not).");
        output.WriteLine();
        output.WriteLine("The journal must continue the snapshot: its records must run on from the snapshot's");
        output.WriteLine("sequence + 1 (from 1 without a snapshot). A torn tail ends the replay, as start-up");
        output.WriteLine("recovery would end the journal there (noted on standard error); damage before the end");
        output.WriteLine("stops it with an error. The journal is only read.");
        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --journal DIR          the journal directory");
        output.WriteLine("  --snapshot FILE        start from this snapshot (MatchingEngine.WriteSnapshot)");
        output.WriteLine("  --write-snapshot FILE  write the replayed state as a snapshot");
        output.WriteLine("  --progress             a progress line on standard error about once a second");
        output.WriteLine("  -h, --help             this help");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 replayed; 2 bad options, unreadable file, bad snapshot, or a journal");
        output.WriteLine("that does not continue the snapshot; 4 the journal is damaged before its end.");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        if (JournalArguments.Parse(this, Invocation, args, [SnapshotOption, WriteSnapshotOption], [ProgressOption], streams,
            out var parsed, out var directory) is { } exit)
        {
            return exit;
        }

        var snapshotPath = parsed.Value(SnapshotOption);
        MatchingEngine engine;
        try
        {
            engine = snapshotPath is null ? new MatchingEngine() : LoadSnapshot(snapshotPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            streams.Error.WriteLine($"{Invocation}: snapshot {snapshotPath}: {e.Message}");
            return ExitCodes.Usage;
        }

        var snapshotSequence = engine.LastSequence;
        var replayer = new Replayer(engine, parsed.Flag(ProgressOption) ? streams.Error : null);
        var start = Stopwatch.GetTimestamp();
        ScanSummary summary;
        try
        {
            summary = JournalScanner.Scan(directory, replayer, snapshotSequence + 1, stopAtDamage: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            streams.Error.WriteLine($"{Invocation}: {e.Message}");
            return ExitCodes.Usage;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (replayer.Gap is { } gap)
        {
            streams.Error.WriteLine($"{Invocation}: {gap}");
            return ExitCodes.Usage;
        }

        WriteResult(streams.Out, directory, snapshotPath, snapshotSequence, engine, replayer, seconds);
        if (summary.Records > 0 && summary.LastSequence < snapshotSequence)
        {
            streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Invocation}: the journal ends at sequence {summary.LastSequence}, before the snapshot's {snapshotSequence}: nothing to replay (is it the snapshot's journal?)"));
        }
        if (summary.IsCorrupt)
        {
            streams.Error.WriteLine($"{Invocation}: stopped at {summary.Damage[0].Describe()}");
            streams.Error.WriteLine($"{Invocation}: the state above is as of sequence {engine.LastSequence}, not the journal's end; no snapshot written");
            return ExitCodes.Corrupt;
        }

        if (summary.TornTail is { } tail)
        {
            streams.Error.WriteLine($"{Invocation}: ended at a {tail.Describe()}; start-up recovery would cut it off the same way");
        }

        if (parsed.Value(WriteSnapshotOption) is { } outputPath)
        {
            try
            {
                WriteSnapshot(engine, outputPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                streams.Error.WriteLine($"{Invocation}: writing snapshot {outputPath}: {e.Message}");
                return ExitCodes.Usage;
            }

            JournalReport.WriteField(streams.Out, "wrote", $"{outputPath} (sequence {engine.LastSequence})");
        }

        return ExitCodes.Success;
    }

    private static MatchingEngine LoadSnapshot(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return MatchingEngine.LoadSnapshot(stream);
    }

    /// <summary>Writes beside the target and renames, so a failed write leaves no half snapshot under its name.</summary>
    private static void WriteSnapshot(MatchingEngine engine, string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            engine.WriteSnapshot(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteResult(TextWriter output, string directory, string? snapshotPath, long snapshotSequence,
        MatchingEngine engine, Replayer replayer, double seconds)
    {
        var invariant = CultureInfo.InvariantCulture;
        JournalReport.WriteField(output, "journal", directory);
        JournalReport.WriteField(output, "snapshot", snapshotPath is null
            ? "none (from an empty core)"
            : string.Create(invariant, $"{snapshotPath} (sequence {snapshotSequence})"));
        JournalReport.WriteField(output, "commands", JournalReport.Number(replayer.Commands));
        JournalReport.WriteField(output, "sequences", replayer.Commands == 0
            ? "none"
            : string.Create(invariant, $"{replayer.FirstSequence} to {engine.LastSequence}"));
        var sink = replayer.Sink;
        JournalReport.WriteField(output, "events", string.Create(invariant,
            $"{sink.Events} (trades {sink.Count(EventType.Trade)}, rejected {sink.Count(EventType.Rejected)})"));
        JournalReport.WriteField(output, "state hash", engine.ComputeStateHash().ToString("x16", invariant));
        JournalReport.WriteField(output, "seconds", seconds.ToString("F3", invariant));
        JournalReport.WriteField(output, "commands/s", seconds > 0 ? (replayer.Commands / seconds).ToString("F0", invariant) : "-");
    }
}
