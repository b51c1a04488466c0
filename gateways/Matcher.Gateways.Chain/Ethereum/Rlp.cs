namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// Recursive Length Prefix, Ethereum's serialization of nested byte strings (the Yellow
/// Paper, appendix B). The decoder accepts only the canonical encoding, so that every value
/// has exactly one byte form: a transaction hash then names one transaction.
/// </summary>
public static class Rlp
{
    /// <summary>How deep lists may nest in decoded input (transactions and receipts need 4).</summary>
    public const int MaxDepth = 64;

    private const byte ShortString = 0x80;
    private const byte LongString = 0xb7;
    private const byte ShortList = 0xc0;
    private const byte LongList = 0xf7;

    /// <summary>Payloads shorter than this carry their length in the prefix byte.</summary>
    private const int ShortLimit = 56;

    /// <summary>The encoding of <paramref name="item"/> in a new array.</summary>
    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var output = new byte[item.EncodedLength];
        Write(item, output);
        return output;
    }

    /// <summary>Writes the encoding of <paramref name="item"/> to the start of <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written (<see cref="RlpItem.EncodedLength"/>).</returns>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public static int Encode(RlpItem item, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (destination.Length < item.EncodedLength)
        {
            throw new ArgumentException($"the destination needs {item.EncodedLength} bytes, it has {destination.Length}", nameof(destination));
        }

        return Write(item, destination);
    }

    /// <summary>Decodes exactly one canonical item spanning all of <paramref name="encoded"/>.</summary>
    /// <remarks>Byte strings in the result are slices of one copy of the input.</remarks>
    /// <exception cref="RlpException">Truncated, trailing bytes, non-canonical, or nested deeper than <see cref="MaxDepth"/>.</exception>
    public static RlpItem Decode(ReadOnlySpan<byte> encoded) => Decode(new ReadOnlyMemory<byte>(encoded.ToArray()));

    /// <summary>Decodes like <see cref="Decode(ReadOnlySpan{byte})"/>, slicing <paramref name="encoded"/> without copying it.</summary>
    /// <exception cref="RlpException">Truncated, trailing bytes, non-canonical, or nested deeper than <see cref="MaxDepth"/>.</exception>
    public static RlpItem Decode(ReadOnlyMemory<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new RlpException("RLP input is empty");
        }

        var item = DecodeItem(encoded, 0, out var consumed, 0);
        if (consumed != encoded.Length)
        {
            throw new RlpException($"RLP input has {encoded.Length - consumed} trailing bytes after the first item");
        }

        return item;
    }

    /// <summary>The header size for a payload of <paramref name="payloadLength"/> bytes.</summary>
    internal static int HeaderLength(int payloadLength) =>
        payloadLength < ShortLimit ? 1 : 1 + ByteCount((ulong)payloadLength);

    private static int Write(RlpItem item, Span<byte> destination)
    {
        if (!item.IsList)
        {
            var bytes = item.Bytes.Span;
            if (bytes.Length == 1 && bytes[0] < ShortString)
            {
                destination[0] = bytes[0];
                return 1;
            }

            var header = WriteHeader(ShortString, LongString, bytes.Length, destination);
            bytes.CopyTo(destination[header..]);
            return header + bytes.Length;
        }

        var offset = WriteHeader(ShortList, LongList, item.PayloadLength, destination);
        foreach (var child in item.Items)
        {
            offset += Write(child, destination[offset..]);
        }

        return offset;
    }

    private static int WriteHeader(byte shortBase, byte longBase, int length, Span<byte> destination)
    {
        if (length < ShortLimit)
        {
            destination[0] = (byte)(shortBase + length);
            return 1;
        }

        var lengthBytes = ByteCount((ulong)length);
        destination[0] = (byte)(longBase + lengthBytes);
        for (var i = lengthBytes; i >= 1; i--)
        {
            destination[i] = (byte)length;
            length >>= 8;
        }

        return 1 + lengthBytes;
    }

    private static RlpItem DecodeItem(ReadOnlyMemory<byte> input, int start, out int consumed, int depth)
    {
        var span = input.Span;
        var prefix = span[start];
        if (prefix < ShortString)
        {
            consumed = 1;
            return RlpItem.FromMemory(input.Slice(start, 1));
        }

        var isList = prefix >= ShortList;
        var (headerLength, payloadLength) = ReadHeader(span, start, prefix, isList);
        consumed = headerLength + payloadLength;
        var payloadStart = start + headerLength;
        if (!isList)
        {
            if (payloadLength == 1 && span[payloadStart] < ShortString)
            {
                throw new RlpException($"non-canonical RLP at offset {start}: a single byte below 0x80 must encode as itself");
            }

            return RlpItem.FromMemory(input.Slice(payloadStart, payloadLength));
        }

        if (depth >= MaxDepth)
        {
            throw new RlpException($"RLP lists nest deeper than {MaxDepth}");
        }

        var items = new List<RlpItem>();
        var offset = payloadStart;
        var end = payloadStart + payloadLength;
        while (offset < end)
        {
            // A child's header or payload running past the list's end is caught by the
            // bounds check below against the list end, not just the input end.
            var child = DecodeItem(input[..end], offset, out var childLength, depth + 1);
            items.Add(child);
            offset += childLength;
        }

        return RlpItem.List(items.ToArray());
    }

    private static (int HeaderLength, int PayloadLength) ReadHeader(ReadOnlySpan<byte> span, int start, byte prefix, bool isList)
    {
        var shortBase = isList ? ShortList : ShortString;
        var longBase = isList ? LongList : LongString;
        var remaining = span.Length - start - 1;
        int headerLength;
        int payloadLength;
        if (prefix <= longBase)
        {
            headerLength = 1;
            payloadLength = prefix - shortBase;
        }
        else
        {
            var lengthBytes = prefix - longBase;
            if (lengthBytes > remaining)
            {
                throw new RlpException($"truncated RLP at offset {start}: the length needs {lengthBytes} bytes, {remaining} remain");
            }

            if (span[start + 1] == 0)
            {
                throw new RlpException($"non-canonical RLP at offset {start}: length with a leading zero byte");
            }

            ulong length = 0;
            for (var i = 0; i < lengthBytes; i++)
            {
                length = (length << 8) | span[start + 1 + i];
            }

            if (length < ShortLimit)
            {
                throw new RlpException($"non-canonical RLP at offset {start}: long form used for a length of {length}");
            }

            if (length > int.MaxValue)
            {
                throw new RlpException($"RLP length {length} at offset {start} is too large");
            }

            headerLength = 1 + lengthBytes;
            payloadLength = (int)length;
        }

        if (payloadLength > span.Length - start - headerLength)
        {
            throw new RlpException(
                $"truncated RLP at offset {start}: the payload needs {payloadLength} bytes, {span.Length - start - headerLength} remain");
        }

        return (headerLength, payloadLength);
    }

    private static int ByteCount(ulong value)
    {
        var count = 0;
        do
        {
            count++;
            value >>= 8;
        }
        while (value != 0);
        return count;
    }
}
