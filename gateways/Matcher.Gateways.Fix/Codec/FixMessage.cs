using System.Buffers.Text;

namespace Matcher.Gateways.Fix.Codec;

/// <summary>
/// Parsed view of one message: the offsets of every field (header and trailer included) over the message's
/// bytes. Reused: valid until the next parse into it, and no longer than the buffer it was parsed from
/// (a pipe's buffer until <c>AdvanceTo</c>). No per-field allocation; the offset arrays grow rarely.
/// </summary>
/// <remarks>
/// Repeating groups are repeated tags in order: walk them with <see cref="TagAt"/>, <see cref="ValueAt"/> and
/// <see cref="IndexOf"/>, or with <see cref="FixGroupReader"/>.
/// </remarks>
public sealed class FixMessage
{
    private const int InitialFieldCapacity = 64;
    private const byte Soh = 1;

    private int[] _tags = new int[InitialFieldCapacity];
    private int[] _valueStarts = new int[InitialFieldCapacity];
    private int[] _valueLengths = new int[InitialFieldCapacity];
    private byte[] _ownBuffer = [];
    private ReadOnlyMemory<byte> _raw;
    private int _fieldCount;

    /// <summary>The MsgType (35) value: always the third field of a parsed message.</summary>
    public ReadOnlySpan<byte> MsgType => _fieldCount > 2 ? ValueAt(2) : default;

    /// <summary>The whole message, <c>8=</c> to the trailer's SOH.</summary>
    public ReadOnlySpan<byte> Raw => _raw.Span;

    /// <summary>The number of fields, header and trailer included.</summary>
    public int FieldCount => _fieldCount;

    /// <summary>The first field problem found while parsing (none for a clean message).</summary>
    internal FixFieldProblem Problem { get; private set; }

    /// <summary>The tag of field <paramref name="index"/>.</summary>
    public int TagAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_fieldCount, nameof(index));
        return _tags[index];
    }

    /// <summary>The value of field <paramref name="index"/> (between <c>=</c> and SOH).</summary>
    public ReadOnlySpan<byte> ValueAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_fieldCount, nameof(index));
        return _raw.Span.Slice(_valueStarts[index], _valueLengths[index]);
    }

    /// <summary>The index of the first field with <paramref name="tag"/> at or after <paramref name="startIndex"/>; -1 when absent.</summary>
    public int IndexOf(int tag, int startIndex = 0)
    {
        var tags = _tags.AsSpan(0, _fieldCount);
        if ((uint)startIndex >= (uint)tags.Length)
        {
            return -1;
        }

        var found = tags[startIndex..].IndexOf(tag);
        return found < 0 ? -1 : found + startIndex;
    }

    /// <summary>The value of the first field with <paramref name="tag"/>.</summary>
    public bool TryGet(int tag, out ReadOnlySpan<byte> value)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            value = default;
            return false;
        }

        value = _raw.Span.Slice(_valueStarts[index], _valueLengths[index]);
        return true;
    }

    /// <summary>The first field with <paramref name="tag"/> as an integer; false when absent or not an integer.</summary>
    public bool TryGetLong(int tag, out long value)
    {
        value = 0;
        return TryGet(tag, out var text) && TryParseLong(text, out value);
    }

    /// <summary>A single-character field (such as Side or OrdStatus); false when absent or longer than one byte.</summary>
    public bool TryGetChar(int tag, out byte value)
    {
        value = 0;
        if (!TryGet(tag, out var text) || text.Length != 1)
        {
            return false;
        }

        value = text[0];
        return true;
    }

    /// <summary>A UTCTimestamp field as nanoseconds since the Unix epoch; false when absent or malformed.</summary>
    public bool TryGetTimestamp(int tag, out long unixTimeNs)
    {
        unixTimeNs = 0;
        return TryGet(tag, out var text) && FixTimestamp.TryParse(text, out unixTimeNs);
    }

    /// <summary>True when a field with <paramref name="tag"/> is present.</summary>
    public bool Has(int tag) => IndexOf(tag) >= 0;

    /// <summary>
    /// An ASCII integer: an optional minus sign and 1 to 18 digits, nothing else (no plus sign, no spaces).
    /// </summary>
    public static bool TryParseLong(ReadOnlySpan<byte> text, out long value)
    {
        // Utf8Parser accepts a leading '+' and stops at the first non-digit; FIX wants the whole value.
        if (text.IsEmpty || text.Length > 19 || text[0] == '+'
            || !Utf8Parser.TryParse(text, out value, out var consumed) || consumed != text.Length)
        {
            value = 0;
            return false;
        }

        return true;
    }

    /// <summary>The offset in <see cref="Raw"/> of the first tag digit of field <paramref name="index"/>.</summary>
    internal int FieldStart(int index)
    {
        var digits = 1;
        for (var tag = _tags[index]; tag >= 10; tag /= 10)
        {
            digits++;
        }

        return _valueStarts[index] - 1 - digits;
    }

    /// <summary>Copies <paramref name="length"/> bytes into the message's own buffer (grown if needed) and returns it.</summary>
    internal Memory<byte> OwnBuffer(int length)
    {
        if (_ownBuffer.Length < length)
        {
            _ownBuffer = new byte[Math.Max(length, Math.Max(1024, _ownBuffer.Length * 2))];
        }

        return _ownBuffer.AsMemory(0, length);
    }

    /// <summary>
    /// Splits a well-framed message (from <see cref="FixParser"/>: starts with <c>8=FIX.4.4|9=</c>, ends with
    /// <c>10=nnn|</c>) into fields. A field whose tag is not a number is skipped and recorded in
    /// <see cref="Problem"/>, as is an empty value (kept as a field).
    /// </summary>
    internal void Load(ReadOnlyMemory<byte> message)
    {
        _raw = message;
        _fieldCount = 0;
        Problem = default;
        var span = message.Span;
        var position = 0;
        var previousTag = 0;
        long previousValue = -1;
        while (position < span.Length)
        {
            var start = position;
            var tag = 0;
            while (position < span.Length && (uint)(span[position] - '0') <= 9 && position - start < 9)
            {
                tag = (tag * 10) + (span[position] - '0');
                position++;
            }

            if (position == start || tag == 0 || span[start] == '0' || position >= span.Length || span[position] != '=')
            {
                // Not tag=value: skip to the next SOH (the framing guarantees one at the end).
                RecordProblem(FixSessionRejectReason.InvalidTagNumber, 0);
                position += span[position..].IndexOf(Soh) + 1;
                previousTag = 0;
                continue;
            }

            var valueStart = position + 1;
            int valueLength;
            // A data value must end on an SOH before the trailer (the SOH before "10=" is at Length - 8).
            if (previousValue >= 0 && FixDataFields.LengthTagOf(tag) == previousTag
                && valueStart + previousValue <= span.Length - 8 && span[valueStart + (int)previousValue] == Soh)
            {
                // A data field: exactly the length the previous field gave; it may contain SOH.
                valueLength = (int)previousValue;
            }
            else
            {
                valueLength = span[valueStart..].IndexOf(Soh);
            }

            Add(tag, valueStart, valueLength);
            if (valueLength == 0)
            {
                RecordProblem(FixSessionRejectReason.TagSpecifiedWithoutValue, tag);
            }

            previousTag = tag;
            previousValue = FixDataFields.IsLengthTag(tag) && TryParseLong(span.Slice(valueStart, valueLength), out var length)
                && length >= 0 && length <= span.Length ? length : -1;
            position = valueStart + valueLength + 1;
        }
    }

    private void RecordProblem(FixSessionRejectReason reason, int tag)
    {
        if (!Problem.Exists)
        {
            Problem = new FixFieldProblem(true, reason, tag);
        }
    }

    private void Add(int tag, int valueStart, int valueLength)
    {
        if (_fieldCount == _tags.Length)
        {
            Grow();
        }

        _tags[_fieldCount] = tag;
        _valueStarts[_fieldCount] = valueStart;
        _valueLengths[_fieldCount] = valueLength;
        _fieldCount++;
    }

    private void Grow()
    {
        var size = _tags.Length * 2;
        Array.Resize(ref _tags, size);
        Array.Resize(ref _valueStarts, size);
        Array.Resize(ref _valueLengths, size);
    }
}
