using System.Runtime.InteropServices;

namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// A byte buffer of <see cref="OutboundEntry"/> headers, each followed by its payload: what senders stage
/// for the outbound writer. Two of them are swapped between the session's senders and its writer, and
/// both keep their grown buffers, so staging does not allocate once warm.
/// </summary>
internal sealed class OutboundQueue
{
    private byte[] _buffer = new byte[64 << 10];
    private int _length;

    /// <summary>Bytes staged.</summary>
    public int Length => _length;

    /// <summary>Forgets every entry; keeps the buffer.</summary>
    public void Clear() => _length = 0;

    /// <summary>Appends <paramref name="entry"/> and returns room for its <see cref="OutboundEntry.PayloadLength"/> bytes.</summary>
    public Span<byte> Append(in OutboundEntry entry)
    {
        var needed = _length + OutboundEntry.Size + entry.PayloadLength;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        MemoryMarshal.Write(_buffer.AsSpan(_length), in entry);
        var payload = _buffer.AsSpan(_length + OutboundEntry.Size, entry.PayloadLength);
        _length = needed;
        return payload;
    }

    /// <summary>The entry at <paramref name="position"/>, which then moves past it; false at the end.</summary>
    public bool TryRead(ref int position, out OutboundEntry entry, out ReadOnlySpan<byte> payload)
    {
        if (position >= _length)
        {
            entry = default;
            payload = default;
            return false;
        }

        entry = MemoryMarshal.Read<OutboundEntry>(_buffer.AsSpan(position));
        payload = _buffer.AsSpan(position + OutboundEntry.Size, entry.PayloadLength);
        position += OutboundEntry.Size + entry.PayloadLength;
        return true;
    }
}
