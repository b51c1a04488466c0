namespace Matcher.Gateways.Fix.Codec;

/// <summary>
/// Walks a repeating group: the NumInGroup field (<c>countTag</c>), then entries that each start with the
/// delimiter tag. An entry ends at the next delimiter, at the trailer, or (when <c>memberTags</c> are given)
/// at the first field that is not a member, which is where the group ends. Without member tags the last
/// entry runs to the trailer, so pass them whenever fields can follow the group.
/// </summary>
/// <example>
/// <code>
/// var entries = new FixGroupReader(message, FixTags.NoMDEntryTypes, FixTags.MDEntryType, [FixTags.MDEntryType]);
/// while (entries.MoveNext()) { entries.TryGet(FixTags.MDEntryType, out var type); }
/// if (entries.Error != FixGroupError.None) { /* reject */ }
/// </code>
/// </example>
public ref struct FixGroupReader
{
    private readonly FixMessage _message;
    private readonly ReadOnlySpan<int> _memberTags;
    private readonly int _delimiterTag;
    private int _position;

    /// <summary>Finds <paramref name="countTag"/> at or after <paramref name="startIndex"/> in <paramref name="message"/>.</summary>
    public FixGroupReader(FixMessage message, int countTag, int delimiterTag, ReadOnlySpan<int> memberTags = default, int startIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(message);
        _message = message;
        _delimiterTag = delimiterTag;
        _memberTags = memberTags;
        EntryIndex = -1;
        var countIndex = message.IndexOf(countTag, startIndex);
        Found = countIndex >= 0;
        _position = EndIndex = countIndex + 1;
        if (!Found)
        {
            _position = EndIndex = -1;
            return;
        }

        if (!FixMessage.TryParseLong(message.ValueAt(countIndex), out var count) || count < 0 || count > message.FieldCount)
        {
            Error = FixGroupError.BadCount;
            _position = -1;
            return;
        }

        DeclaredCount = (int)count;
    }

    /// <summary>True when the NumInGroup field is present.</summary>
    public bool Found { get; }

    /// <summary>The NumInGroup value.</summary>
    public int DeclaredCount { get; }

    /// <summary>The current entry, 0-based; -1 before the first <see cref="MoveNext"/>.</summary>
    public int EntryIndex { get; private set; }

    /// <summary>The index of the current entry's first field (the delimiter).</summary>
    public int EntryStart { get; private set; }

    /// <summary>The index after the current entry's last field.</summary>
    public int EntryEnd { get; private set; }

    /// <summary>The index after the group's last field, once <see cref="MoveNext"/> has returned false.</summary>
    public int EndIndex { get; private set; }

    /// <summary>What was wrong, once <see cref="MoveNext"/> has returned false.</summary>
    public FixGroupError Error { get; private set; }

    /// <summary>Moves to the next entry; false after the last one declared, or when the entries run out.</summary>
    public bool MoveNext()
    {
        if (_position < 0)
        {
            return false;
        }

        var atDelimiter = _position < _message.FieldCount && _message.TagAt(_position) == _delimiterTag;
        if (EntryIndex + 1 >= DeclaredCount)
        {
            // All declared entries read: another delimiter means more entries than declared.
            Error = atDelimiter ? FixGroupError.CountMismatch : FixGroupError.None;
            return Finish();
        }

        if (!atDelimiter)
        {
            Error = EntryIndex < 0 && _position < _message.FieldCount && IsMember(_message.TagAt(_position))
                ? FixGroupError.DelimiterMissing
                : FixGroupError.CountMismatch;
            return Finish();
        }

        EntryIndex++;
        EntryStart = _position;
        var end = _position + 1;
        while (end < _message.FieldCount)
        {
            var tag = _message.TagAt(end);
            if (tag == _delimiterTag || tag == FixTags.CheckSum || (!_memberTags.IsEmpty && !IsMember(tag)))
            {
                break;
            }

            end++;
        }

        EntryEnd = _position = end;
        return true;
    }

    /// <summary>The index of <paramref name="tag"/> within the current entry; -1 when absent.</summary>
    public readonly int IndexOf(int tag)
    {
        var index = _message.IndexOf(tag, EntryStart);
        return index >= 0 && index < EntryEnd ? index : -1;
    }

    /// <summary>The value of <paramref name="tag"/> within the current entry.</summary>
    public readonly bool TryGet(int tag, out ReadOnlySpan<byte> value)
    {
        var index = IndexOf(tag);
        value = index >= 0 ? _message.ValueAt(index) : default;
        return index >= 0;
    }

    /// <summary>The value of <paramref name="tag"/> within the current entry as an integer.</summary>
    public readonly bool TryGetLong(int tag, out long value)
    {
        value = 0;
        return TryGet(tag, out var text) && FixMessage.TryParseLong(text, out value);
    }

    private readonly bool IsMember(int tag) => _memberTags.IsEmpty ? tag != FixTags.CheckSum : _memberTags.Contains(tag);

    private bool Finish()
    {
        EndIndex = _position;
        _position = -1;
        return false;
    }
}
