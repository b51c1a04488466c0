using System.Globalization;

namespace Matcher.Journal;

/// <summary>
/// Segment files are named by the sequence of their first record, zero-padded to 20
/// digits ("00000000000000000001.mjrn"), so name order is sequence order.
/// </summary>
public static class Segments
{
    /// <summary>The segment file extension.</summary>
    public const string Extension = ".mjrn";

    /// <summary>The file name of the segment whose first record has <paramref name="firstSequence"/>.</summary>
    public static string FileName(long firstSequence) =>
        firstSequence.ToString("D20", CultureInfo.InvariantCulture) + Extension;

    /// <summary>The segments in <paramref name="directory"/>, oldest first, with their first sequences.</summary>
    public static IReadOnlyList<(long FirstSequence, string Path)> List(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }

        var segments = new List<(long, string)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*" + Extension))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.Length == 20 && long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var first))
            {
                segments.Add((first, path));
            }
        }

        segments.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return segments;
    }
}
