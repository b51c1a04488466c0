using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A 32-byte value: a Keccak-256 hash (block, transaction, event topic) or any bytes32 word.
/// Compared by value; <see cref="ToString"/> and <see cref="Parse"/> use 0x-prefixed hex.
/// </summary>
/// <remarks>Held as four big-endian ulongs so that it is a small blittable value with no array behind it.</remarks>
public readonly struct Hash32 : IEquatable<Hash32>
{
    /// <summary>The size in bytes.</summary>
    public const int Size = 32;

    private readonly ulong _word0;
    private readonly ulong _word1;
    private readonly ulong _word2;
    private readonly ulong _word3;

    /// <summary>Copies exactly 32 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a 32-byte hash needs {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        _word0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _word1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _word2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _word3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>All zeros (also the default value).</summary>
    public static Hash32 Zero => default;

    /// <summary>Whether every byte is zero.</summary>
    public bool IsZero => (_word0 | _word1 | _word2 | _word3) == 0;

    /// <summary>Equality by value.</summary>
    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);

    /// <summary>Parses exactly 32 bytes of 0x-prefixed hex (either case).</summary>
    /// <exception cref="FormatException">Not 0x followed by 64 hex digits.</exception>
    public static Hash32 Parse(string hex)
    {
        Span<byte> bytes = stackalloc byte[Size];
        Hex.DecodeExact(hex, bytes);
        return new Hash32(bytes);
    }

    /// <summary>Parses like <see cref="Parse"/>, returning <see langword="false"/> instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? hex, out Hash32 hash)
    {
        hash = default;
        if (hex is null || hex.Length != 2 + (2 * Size) || !Hex.TryDecode(hex, out var bytes))
        {
            return false;
        }

        hash = new Hash32(bytes);
        return true;
    }

    /// <summary>Writes the 32 bytes to the start of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"the destination needs {Size} bytes, it has {destination.Length}", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _word0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _word1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _word2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _word3);
    }

    /// <summary>The 32 bytes in a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <inheritdoc />
    public bool Equals(Hash32 other) =>
        _word0 == other._word0 && _word1 == other._word1 && _word2 == other._word2 && _word3 == other._word3;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_word0, _word1, _word2, _word3);

    /// <summary>0x followed by 64 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Hex.Encode(bytes);
    }
}
