using System.Globalization;

namespace Matcher.Cli.Journal;

/// <summary>One damaged place in a journal.</summary>
/// <param name="Kind">What kind of damage it is.</param>
/// <param name="Path">The segment file.</param>
/// <param name="Offset">Where in the file the damage starts.</param>
/// <param name="Length">How many bytes it covers (0 for a sequence break between good records).</param>
/// <param name="Problem">What is wrong, in words.</param>
internal sealed record JournalDamage(DamageKind Kind, string Path, long Offset, long Length, string Problem)
{
    /// <summary>One line: the kind, the file, the offset and the problem.</summary>
    public string Describe()
    {
        var kind = Kind switch
        {
            DamageKind.TornTail => "torn tail",
            DamageKind.CorruptRecord => "corrupt record",
            _ => "sequence break",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{kind} in {Path} at offset {Offset}: {Problem}");
    }
}
