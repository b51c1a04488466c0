using Matcher.Journal;

namespace Matcher.Server.Configuration;

/// <summary>Configuration of the journal (section <c>Matcher:Journal</c>).</summary>
public sealed class JournalSettings
{
    /// <summary>When a batch becomes durable before the core sees it: <c>FsyncPerBatch</c> (default), <c>FsyncInterval</c>, <c>None</c>.</summary>
    public Durability Durability { get; set; } = Durability.FsyncPerBatch;

    /// <summary>Under <c>FsyncInterval</c>, the longest time between fsyncs, in milliseconds.</summary>
    public int FsyncIntervalMs { get; set; } = 1;

    /// <summary>Size at which a segment file is rolled, in MiB.</summary>
    public int SegmentMegabytes { get; set; } = 64;

    /// <summary>A snapshot every this many commands, written by a replica off the live path; 0 = none.</summary>
    public long SnapshotEveryCommands { get; set; } = 1_000_000;

    internal void Validate(List<string> errors)
    {
        if (!Enum.IsDefined(Durability))
        {
            errors.Add($"Matcher:Journal:Durability '{Durability}' is not one of FsyncPerBatch, FsyncInterval, None");
        }

        if (FsyncIntervalMs <= 0)
        {
            errors.Add("Matcher:Journal:FsyncIntervalMs must be positive");
        }

        if (SegmentMegabytes is <= 0 or > 1024)
        {
            errors.Add("Matcher:Journal:SegmentMegabytes must be between 1 and 1024");
        }

        if (SnapshotEveryCommands < 0)
        {
            errors.Add("Matcher:Journal:SnapshotEveryCommands must not be negative");
        }
    }
}
