using Matcher.Core.Commands;

namespace Matcher.Cli.Journal;

/// <summary>Counts records by command type.</summary>
internal sealed class CommandTypeCounter : IRecordVisitor
{
    // Indexed by the type's number: a ushort, so every value, known or not, has a slot.
    private readonly long[] _counts = new long[ushort.MaxValue + 1];

    /// <inheritdoc />
    public bool OnRecord(ref Command command, string path, long offset)
    {
        _counts[(ushort)command.Type]++;
        return true;
    }

    /// <summary>The types seen, in number order, with their counts.</summary>
    public IEnumerable<(CommandType Type, long Count)> Counts()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0)
            {
                yield return ((CommandType)i, _counts[i]);
            }
        }
    }
}
