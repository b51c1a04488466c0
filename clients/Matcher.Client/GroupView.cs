using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>
/// The entries of a repeating group inside a received frame, read one at a time by index. Valid only while
/// the frame is: during the handler call that received it. Copy what you keep.
/// </summary>
/// <typeparam name="T">The entry's struct (<see cref="LevelEntry"/>, <see cref="InstrumentEntry"/>).</typeparam>
public readonly ref struct GroupView<T>
    where T : unmanaged
{
    private readonly ReadOnlySpan<byte> _frame;
    private readonly Group<T> _group;

    /// <summary>The group <paramref name="group"/> of <paramref name="frame"/> (from the codec's TryRead methods).</summary>
    public GroupView(ReadOnlySpan<byte> frame, Group<T> group)
    {
        _frame = frame;
        _group = group;
    }

    /// <summary>How many entries the group has.</summary>
    public int Count => _group.Count;

    /// <summary>Entry <paramref name="index"/> (from 0), copied out of the frame.</summary>
    public T this[int index] => _group.Read(_frame, index);
}
