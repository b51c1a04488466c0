using System.Globalization;
using Matcher.Cli.Sim;

namespace Matcher.Cli.Journal;

/// <summary>The text that <c>matcher journal verify</c> and <c>stats</c> write: one "name: value" per line.</summary>
internal static class JournalReport
{
    private const int NameWidth = 12;

    /// <summary>The directory, segments, records, bytes and sequence range.</summary>
    public static void WriteOverview(TextWriter output, string directory, ScanSummary summary)
    {
        WriteField(output, "journal", directory);
        WriteField(output, "segments", Number(summary.Segments));
        WriteField(output, "records", Number(summary.Records));
        WriteField(output, "bytes", Number(summary.Bytes));
        WriteField(output, "sequences", summary.Records == 0
            ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"{summary.FirstSequence} to {summary.LastSequence}"));
    }

    /// <summary>The first and last records' times.</summary>
    public static void WriteTimes(TextWriter output, ScanSummary summary)
    {
        if (summary.Records > 0)
        {
            WriteField(output, "first time", Timestamps.Format(summary.FirstTimestampNs));
            WriteField(output, "last time", Timestamps.Format(summary.LastTimestampNs));
        }
    }

    /// <summary>One line per damaged place, then the verdict as start-up recovery would give it.</summary>
    public static void WriteDamage(TextWriter output, ScanSummary summary)
    {
        foreach (var damage in summary.Damage)
        {
            WriteField(output, "damage", damage.Describe());
        }

        WriteField(output, "result", Verdict(summary));
    }

    /// <summary>One line on what start-up recovery would do with the journal.</summary>
    public static string Verdict(ScanSummary summary)
    {
        if (summary.IsCorrupt)
        {
            return "CORRUPT: damage before the end of the journal; start-up recovery would refuse it, "
                + "since the damaged records may have been acknowledged";
        }

        if (summary.TornTail is { } tail)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"torn tail: start-up recovery would cut {tail.Length} bytes off {tail.Path} at offset {tail.Offset}; no good record follows them, so none was acknowledged");
        }

        return "ok";
    }

    /// <summary>A "name: value" line with the values aligned.</summary>
    public static void WriteField(TextWriter output, string name, string value) =>
        output.WriteLine($"{(name + ":").PadRight(NameWidth)}{value}");

    /// <summary>An integer in the invariant culture, without separators.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
