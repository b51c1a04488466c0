using System.Globalization;
using Matcher.Core;

namespace Matcher.Journal;

/// <summary>
/// Snapshot files in a directory, named by the sequence they were taken at
/// ("00000000000000001000.msnp"). Written atomically: to a temporary file, fsynced, then
/// renamed, so a crash never leaves a half-written snapshot under a real name.
/// </summary>
public sealed class SnapshotStore
{
    /// <summary>The snapshot file extension.</summary>
    public const string Extension = ".msnp";

    /// <summary>Snapshots in <paramref name="directory"/>.</summary>
    public SnapshotStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The directory.</summary>
    public string Directory { get; }

    /// <summary>Writes <paramref name="engine"/>'s state as the snapshot at its last sequence; returns the path.</summary>
    public string Write(MatchingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, engine.LastSequence.ToString("D20", CultureInfo.InvariantCulture) + Extension);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            engine.WriteSnapshot(file);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Fsync(Directory);
        return path;
    }

    /// <summary>
    /// The newest snapshot at or before <paramref name="maxSequence"/> that loads and passes
    /// its state-hash check; an empty core (and a null path) when there is none. Each
    /// snapshot refused on the way adds a line to <paramref name="warnings"/>.
    /// </summary>
    public (MatchingEngine Engine, string? Path) LoadNewest(long maxSequence, List<string> warnings, int expectedOrders = 1 << 16)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        foreach (var (sequence, path) in List())
        {
            if (sequence > maxSequence)
            {
                warnings.Add($"snapshot {path} is at sequence {sequence}, past the journal's last record {maxSequence}: not used");
                continue;
            }

            try
            {
                using var file = File.OpenRead(path);
                var engine = MatchingEngine.LoadSnapshot(file, expectedOrders);
                if (engine.LastSequence == sequence)
                {
                    return (engine, path);
                }

                warnings.Add($"snapshot {path} holds the state at sequence {engine.LastSequence}, not {sequence} as its name says: not used");
            }
            catch (InvalidDataException e)
            {
                warnings.Add($"snapshot {path} refused: {e.Message}");
            }
        }

        return (new MatchingEngine(expectedOrders), null);
    }

    /// <summary>
    /// Renames snapshots taken past <paramref name="lastSequence"/> (the journal's last good
    /// record) to <c>.stale</c>: they hold commands a crash took out of the journal, and
    /// the writer is about to reuse those sequences for other commands.
    /// </summary>
    public void SetAsideNewerThan(long lastSequence, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var moved = false;
        foreach (var (sequence, path) in List())
        {
            if (sequence > lastSequence)
            {
                File.Move(path, path + ".stale", overwrite: true);
                warnings.Add($"snapshot {path} is at sequence {sequence}, past the journal's last record {lastSequence}: set aside as {path}.stale");
                moved = true;
            }
        }

        if (moved)
        {
            DirectorySync.Fsync(Directory);
        }
    }

    /// <summary>The snapshots, newest first, with the sequence each was taken at.</summary>
    public IReadOnlyList<(long Sequence, string Path)> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var snapshots = new List<(long, string)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.Length == 20 && long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                snapshots.Add((sequence, path));
            }
        }

        snapshots.Sort((a, b) => b.Item1.CompareTo(a.Item1));
        return snapshots;
    }
}
