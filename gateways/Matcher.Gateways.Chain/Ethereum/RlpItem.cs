using System.Numerics;
using System.Text;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// One RLP item: a byte string or a list of items. Immutable; the encoded length is
/// computed once when the item is built so that <see cref="Rlp.Encode(RlpItem)"/> can
/// allocate the output exactly once.
/// </summary>
public sealed class RlpItem
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly RlpItem[] _items;

    private RlpItem(ReadOnlyMemory<byte> bytes)
    {
        _bytes = bytes;
        _items = [];
        PayloadLength = bytes.Length;
        var span = bytes.Span;
        EncodedLength = span.Length == 1 && span[0] < 0x80 ? 1 : Rlp.HeaderLength(bytes.Length) + bytes.Length;
    }

    private RlpItem(RlpItem[] items)
    {
        _items = items;
        IsList = true;
        var payload = 0;
        foreach (var item in items)
        {
            payload = checked(payload + item.EncodedLength);
        }

        PayloadLength = payload;
        EncodedLength = checked(Rlp.HeaderLength(payload) + payload);
    }

    /// <summary>The empty byte string (encodes as 0x80; also the integer zero).</summary>
    public static RlpItem Empty { get; } = new(ReadOnlyMemory<byte>.Empty);

    /// <summary>The empty list (encodes as 0xc0).</summary>
    public static RlpItem EmptyList { get; } = new(Array.Empty<RlpItem>());

    /// <summary>Whether this item is a list (otherwise a byte string).</summary>
    public bool IsList { get; }

    /// <summary>The bytes of a string item.</summary>
    /// <exception cref="RlpException">The item is a list.</exception>
    public ReadOnlyMemory<byte> Bytes => IsList ? throw new RlpException("expected an RLP byte string, found a list") : _bytes;

    /// <summary>The children of a list item.</summary>
    /// <exception cref="RlpException">The item is a byte string.</exception>
    public IReadOnlyList<RlpItem> Items => IsList ? _items : throw new RlpException("expected an RLP list, found a byte string");

    /// <summary>The length of the payload (string bytes, or the children's encodings).</summary>
    public int PayloadLength { get; }

    /// <summary>The length of this item's full encoding, header included.</summary>
    public int EncodedLength { get; }

    /// <summary>A byte string item holding a copy of <paramref name="bytes"/>.</summary>
    public static RlpItem FromBytes(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? Empty : new RlpItem(bytes.ToArray());

    /// <summary>A byte string item over <paramref name="bytes"/> without copying; the caller must not change them.</summary>
    public static RlpItem FromMemory(ReadOnlyMemory<byte> bytes) => new(bytes);

    /// <summary>A byte string item holding the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static RlpItem FromText(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>An integer item: minimal big-endian bytes, empty for zero.</summary>
    public static RlpItem FromUInt64(ulong value)
    {
        if (value == 0)
        {
            return Empty;
        }

        var length = 8 - (BitOperations.LeadingZeroCount(value) / 8);
        var bytes = new byte[length];
        for (var i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)value;
            value >>= 8;
        }

        return new RlpItem(bytes);
    }

    /// <summary>An integer item for a value in [0, 2^256-1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or above 2^256-1.</exception>
    public static RlpItem FromInteger(BigInteger value) => new(UInt256.ToMinimalBigEndian(value));

    /// <summary>A 20-byte string item.</summary>
    public static RlpItem FromAddress(Address address) => new(address.ToArray());

    /// <summary>A 32-byte string item.</summary>
    public static RlpItem FromHash(Hash32 hash) => new(hash.ToArray());

    /// <summary>A list item of <paramref name="items"/> (copied).</summary>
    public static RlpItem List(params ReadOnlySpan<RlpItem> items)
    {
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }

        return items.IsEmpty ? EmptyList : new RlpItem(items.ToArray());
    }

    /// <summary>Reads a canonical integer of at most 64 bits (no leading zero byte).</summary>
    /// <exception cref="RlpException">A list, a leading zero, or more than 8 bytes.</exception>
    public ulong ToUInt64()
    {
        var span = CanonicalIntegerBytes(8, "uint64");
        ulong value = 0;
        foreach (var b in span)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>Reads a canonical integer of at most 256 bits (no leading zero byte).</summary>
    /// <exception cref="RlpException">A list, a leading zero, or more than 32 bytes.</exception>
    public BigInteger ToBigInteger() => new(CanonicalIntegerBytes(32, "uint256"), isUnsigned: true, isBigEndian: true);

    /// <summary>Reads a byte string of exactly 20 bytes.</summary>
    /// <exception cref="RlpException">A list or another length.</exception>
    public Address ToAddress()
    {
        var span = Bytes.Span;
        return span.Length == Address.Size
            ? new Address(span)
            : throw new RlpException($"expected a 20-byte address, found {span.Length} bytes");
    }

    /// <summary>Reads a byte string of exactly 32 bytes.</summary>
    /// <exception cref="RlpException">A list or another length.</exception>
    public Hash32 ToHash32()
    {
        var span = Bytes.Span;
        return span.Length == Hash32.Size
            ? new Hash32(span)
            : throw new RlpException($"expected a 32-byte hash, found {span.Length} bytes");
    }

    /// <summary>The children of a list that must have exactly <paramref name="count"/> of them.</summary>
    /// <exception cref="RlpException">A byte string, or another number of children.</exception>
    public IReadOnlyList<RlpItem> ItemsExactly(int count, string what)
    {
        var items = Items;
        return items.Count == count
            ? items
            : throw new RlpException($"{what}: expected a list of {count} items, found {items.Count}");
    }

    /// <summary>A readable form for test failures: hex for strings, brackets for lists.</summary>
    public override string ToString() =>
        IsList ? "[" + string.Join(", ", _items.Select(static i => i.ToString())) + "]" : Hex.Encode(_bytes.Span);

    private ReadOnlySpan<byte> CanonicalIntegerBytes(int maxBytes, string type)
    {
        var span = Bytes.Span;
        if (span.Length > maxBytes)
        {
            throw new RlpException($"integer of {span.Length} bytes does not fit in a {type}");
        }

        if (span.Length > 0 && span[0] == 0)
        {
            throw new RlpException("non-canonical RLP integer: leading zero byte");
        }

        return span;
    }
}
