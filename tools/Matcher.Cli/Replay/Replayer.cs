using System.Diagnostics;
using System.Globalization;
using Matcher.Cli.Journal;
using Matcher.Core;
using Matcher.Core.Commands;

namespace Matcher.Cli.Replay;

/// <summary>
/// Feeds journal records to a <see cref="MatchingEngine"/> in order, refusing a record
/// that does not follow the engine's last sequence (a journal that does not continue the
/// snapshot), and optionally writes a progress line about once a second.
/// </summary>
internal sealed class Replayer : IRecordVisitor
{
    // The clock is read once per this many commands, not per command.
    private const int ProgressCheckEvery = 4096;

    private readonly MatchingEngine _engine;
    private readonly TextWriter? _progress;
    private readonly long _startTimestamp;
    private long _lastProgressTimestamp;

    /// <summary>A replayer into <paramref name="engine"/>, writing progress lines to <paramref name="progress"/> if given.</summary>
    public Replayer(MatchingEngine engine, TextWriter? progress)
    {
        _engine = engine;
        _progress = progress;
        _startTimestamp = _lastProgressTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Counts the events the replayed commands caused.</summary>
    public EventCountingSink Sink { get; } = new();

    /// <summary>Commands replayed.</summary>
    public long Commands { get; private set; }

    /// <summary>The first replayed command's sequence (0: none).</summary>
    public long FirstSequence { get; private set; }

    /// <summary>Why the replay stopped before a record, when it does not follow on; otherwise null.</summary>
    public string? Gap { get; private set; }

    /// <inheritdoc />
    public bool OnRecord(ref Command command, string path, long offset)
    {
        var expected = _engine.LastSequence + 1;
        if (command.Sequence != expected)
        {
            Gap = Commands == 0
                ? string.Create(CultureInfo.InvariantCulture,
                    $"the journal's first record after sequence {expected - 1} is {command.Sequence} (in {path}): records {expected} to {command.Sequence - 1} are missing; replay from a snapshot taken at {command.Sequence - 1} or later")
                : string.Create(CultureInfo.InvariantCulture, $"record {command.Sequence} in {path} at offset {offset} does not follow {expected - 1}");
            return false;
        }

        if (Commands == 0)
        {
            FirstSequence = command.Sequence;
        }

        _engine.Process(ref command, Sink);
        Commands++;
        if (_progress is not null && Commands % ProgressCheckEvery == 0)
        {
            ReportProgress();
        }

        return true;
    }

    private void ReportProgress()
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _lastProgressTimestamp < Stopwatch.Frequency)
        {
            return;
        }

        _lastProgressTimestamp = now;
        var seconds = Stopwatch.GetElapsedTime(_startTimestamp, now).TotalSeconds;
        _progress!.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"matcher replay: {Commands} commands, at sequence {_engine.LastSequence}, {Commands / seconds:F0} commands/s"));
    }
}
