using System.Numerics;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// One static ABI value: its kind and its 32-byte word as it appears in call data, return
/// data or an event topic. The accessors refuse a value of another kind.
/// </summary>
public readonly struct AbiValue : IEquatable<AbiValue>
{
    private AbiValue(AbiKind kind, Hash32 word)
    {
        Kind = kind;
        Word = word;
    }

    /// <summary>What the word holds.</summary>
    public AbiKind Kind { get; }

    /// <summary>The encoded 32-byte word.</summary>
    public Hash32 Word { get; }

    /// <summary>Equality of kind and word.</summary>
    public static bool operator ==(AbiValue left, AbiValue right) => left.Equals(right);

    /// <summary>Inequality of kind or word.</summary>
    public static bool operator !=(AbiValue left, AbiValue right) => !left.Equals(right);

    /// <summary>An <c>address</c>.</summary>
    public static AbiValue FromAddress(Address address)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        address.CopyTo(word[12..]);
        return new AbiValue(AbiKind.Address, new Hash32(word));
    }

    /// <summary>An unsigned integer for any <c>uintN</c> parameter it fits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or above 2^256-1.</exception>
    public static AbiValue FromUInt256(BigInteger value)
    {
        Span<byte> word = stackalloc byte[32];
        UInt256.WriteBigEndian(value, word);
        return new AbiValue(AbiKind.UnsignedInteger, new Hash32(word));
    }

    /// <summary>An unsigned integer (encoded as a full word, like every <c>uintN</c>).</summary>
    public static AbiValue FromUInt64(ulong value)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(word[24..], value);
        return new AbiValue(AbiKind.UnsignedInteger, new Hash32(word));
    }

    /// <summary>A <c>bool</c>.</summary>
    public static AbiValue FromBool(bool value)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        word[31] = value ? (byte)1 : (byte)0;
        return new AbiValue(AbiKind.Bool, new Hash32(word));
    }

    /// <summary>A <c>bytes32</c>.</summary>
    public static AbiValue FromBytes32(Hash32 value) => new(AbiKind.FixedBytes, value);

    /// <summary>A <c>bytesN</c> value of 1 to 32 bytes, left-aligned in the word.</summary>
    /// <exception cref="ArgumentException">Empty or longer than 32 bytes.</exception>
    public static AbiValue FromFixedBytes(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > 32)
        {
            throw new ArgumentException($"bytesN holds 1 to 32 bytes, got {value.Length}", nameof(value));
        }

        Span<byte> word = stackalloc byte[32];
        word.Clear();
        value.CopyTo(word);
        return new AbiValue(AbiKind.FixedBytes, new Hash32(word));
    }

    /// <summary>Wraps a word already checked against its type by the decoder.</summary>
    internal static AbiValue FromWord(AbiKind kind, Hash32 word) => new(kind, word);

    /// <summary>The address of an <c>address</c> value.</summary>
    /// <exception cref="InvalidOperationException">Another kind.</exception>
    public Address AsAddress()
    {
        Expect(AbiKind.Address);
        Span<byte> word = stackalloc byte[32];
        Word.CopyTo(word);
        return new Address(word[12..]);
    }

    /// <summary>The integer of a <c>uintN</c> value.</summary>
    /// <exception cref="InvalidOperationException">Another kind.</exception>
    public BigInteger AsBigInteger()
    {
        Expect(AbiKind.UnsignedInteger);
        Span<byte> word = stackalloc byte[32];
        Word.CopyTo(word);
        return new BigInteger(word, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>The integer of a <c>uintN</c> value that must fit in 64 bits.</summary>
    /// <exception cref="InvalidOperationException">Another kind.</exception>
    /// <exception cref="OverflowException">Above <see cref="ulong.MaxValue"/>.</exception>
    public ulong AsUInt64() => UInt256.ToUInt64Checked(AsBigInteger());

    /// <summary>The value of a <c>bool</c>.</summary>
    /// <exception cref="InvalidOperationException">Another kind.</exception>
    public bool AsBool()
    {
        Expect(AbiKind.Bool);
        return !Word.IsZero;
    }

    /// <summary>The word of a <c>bytesN</c> value (left-aligned, zero-padded).</summary>
    /// <exception cref="InvalidOperationException">Another kind.</exception>
    public Hash32 AsBytes32()
    {
        Expect(AbiKind.FixedBytes);
        return Word;
    }

    /// <inheritdoc />
    public bool Equals(AbiValue other) => Kind == other.Kind && Word == other.Word;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AbiValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Word);

    /// <summary>The kind and the word in hex.</summary>
    public override string ToString() => $"{Kind}:{Word}";

    private void Expect(AbiKind kind)
    {
        if (Kind != kind)
        {
            throw new InvalidOperationException($"ABI value is {Kind}, not {kind}");
        }
    }
}
