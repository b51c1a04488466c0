using Matcher.Core.Commands;

namespace Matcher.Cli.Journal;

/// <summary>What a <see cref="JournalScanner"/> read: counts, the sequence and time range, and any damage.</summary>
internal sealed class ScanSummary
{
    /// <summary>Segment files read.</summary>
    public int Segments { get; private set; }

    /// <summary>Bytes of the segment files read.</summary>
    public long Bytes { get; private set; }

    /// <summary>Good records read (including those before the scan's first sequence in the segments read).</summary>
    public long Records { get; private set; }

    /// <summary>The first good record's sequence (0: none).</summary>
    public long FirstSequence { get; private set; }

    /// <summary>The last good record's sequence (0: none).</summary>
    public long LastSequence { get; private set; }

    /// <summary>The first good record's timestamp, nanoseconds since the Unix epoch.</summary>
    public long FirstTimestampNs { get; private set; }

    /// <summary>The last good record's timestamp, nanoseconds since the Unix epoch.</summary>
    public long LastTimestampNs { get; private set; }

    /// <summary>Every damaged place found, in file order.</summary>
    public List<JournalDamage> Damage { get; } = [];

    /// <summary>Whether the visitor stopped the scan before the end.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>Whether there is damage other than a torn tail: start-up would refuse the journal.</summary>
    public bool IsCorrupt => Damage.Exists(d => d.Kind != DamageKind.TornTail);

    /// <summary>The torn tail, if the journal ends in one.</summary>
    public JournalDamage? TornTail => Damage.Find(d => d.Kind == DamageKind.TornTail);

    /// <summary>
    /// <see cref="ExitCodes.Corrupt"/> for damage before the end, <see cref="ExitCodes.TornTail"/>
    /// for a torn tail only, otherwise <see cref="ExitCodes.Success"/>.
    /// </summary>
    public int ExitCode => IsCorrupt ? ExitCodes.Corrupt : Damage.Count > 0 ? ExitCodes.TornTail : ExitCodes.Success;

    /// <summary>Counts a segment file of <paramref name="bytes"/> bytes.</summary>
    internal void AddSegment(long bytes)
    {
        Segments++;
        Bytes += bytes;
    }

    /// <summary>Counts a good record.</summary>
    internal void AddRecord(in Command command)
    {
        if (Records++ == 0)
        {
            FirstSequence = command.Sequence;
            FirstTimestampNs = command.TimestampNs;
        }

        LastSequence = command.Sequence;
        LastTimestampNs = command.TimestampNs;
    }
}
