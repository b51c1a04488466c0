using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A 20-byte Ethereum account or contract address. Compared by value; printed with the
/// EIP-55 mixed-case checksum.
/// </summary>
/// <remarks>Held as two big-endian ulongs and a uint: a small blittable value with no array behind it.</remarks>
public readonly struct Address : IEquatable<Address>
{
    /// <summary>The size in bytes.</summary>
    public const int Size = 20;

    private readonly ulong _high;
    private readonly ulong _middle;
    private readonly uint _low;

    /// <summary>Copies exactly 20 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 20 bytes long.</exception>
    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"an address needs {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        _high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _middle = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _low = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>The zero address (also the default value).</summary>
    public static Address Zero => default;

    /// <summary>Whether every byte is zero.</summary>
    public bool IsZero => (_high | _middle | _low) == 0;

    /// <summary>Equality by value.</summary>
    public static bool operator ==(Address left, Address right) => left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    /// <summary>
    /// Parses 0x followed by 40 hex digits. All-lowercase and all-uppercase digits are taken
    /// as they are; mixed case must carry a valid EIP-55 checksum.
    /// </summary>
    /// <exception cref="FormatException">Malformed, or mixed case with a wrong checksum.</exception>
    public static Address Parse(string text)
    {
        Span<byte> bytes = stackalloc byte[Size];
        Hex.DecodeExact(text, bytes);
        var address = new Address(bytes);
        if (IsMixedCase(text.AsSpan(2)) && !string.Equals(address.ToChecksumString(), text, StringComparison.Ordinal))
        {
            throw new FormatException($"address has mixed case but a wrong EIP-55 checksum: {text} (expected {address.ToChecksumString()})");
        }

        return address;
    }

    /// <summary>Parses like <see cref="Parse"/>, returning <see langword="false"/> instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Address address)
    {
        address = default;
        if (text is null || text.Length != 2 + (2 * Size) || !Hex.TryDecode(text, out var bytes))
        {
            return false;
        }

        var parsed = new Address(bytes);
        if (IsMixedCase(text.AsSpan(2)) && !string.Equals(parsed.ToChecksumString(), text, StringComparison.Ordinal))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>
    /// The address of a secp256k1 public key: the last 20 bytes of the Keccak-256 hash of its
    /// 64-byte uncompressed coordinates (x || y). A 65-byte key with the 0x04 prefix is accepted.
    /// </summary>
    /// <exception cref="ArgumentException">Neither 64 bytes nor 65 bytes starting with 0x04.</exception>
    public static Address FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length == 65 && publicKey[0] == 0x04)
        {
            publicKey = publicKey[1..];
        }

        if (publicKey.Length != 64)
        {
            throw new ArgumentException(
                $"an uncompressed public key is 64 bytes (or 65 starting with 0x04), got {publicKey.Length}", nameof(publicKey));
        }

        Span<byte> hash = stackalloc byte[Keccak256.Size];
        Keccak256.Hash(publicKey, hash);
        return new Address(hash[12..]);
    }

    /// <summary>Writes the 20 bytes to the start of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 20 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"the destination needs {Size} bytes, it has {destination.Length}", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _middle);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _low);
    }

    /// <summary>The 20 bytes in a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>0x followed by 40 lowercase hex digits.</summary>
    public string ToLowerHexString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Hex.Encode(bytes);
    }

    /// <summary>
    /// The EIP-55 form: a letter digit is uppercase when the matching nibble of the Keccak-256
    /// hash of the lowercase hex (as ASCII, without 0x) is 8 or more.
    /// </summary>
    public string ToChecksumString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        Span<byte> ascii = stackalloc byte[2 * Size];
        for (var i = 0; i < Size; i++)
        {
            ascii[2 * i] = (byte)Hex.LowerDigit(bytes[i] >> 4);
            ascii[(2 * i) + 1] = (byte)Hex.LowerDigit(bytes[i] & 0xF);
        }

        Span<byte> hash = stackalloc byte[Keccak256.Size];
        Keccak256.Hash(ascii, hash);
        Span<char> chars = stackalloc char[2 + (2 * Size)];
        chars[0] = '0';
        chars[1] = 'x';
        for (var i = 0; i < ascii.Length; i++)
        {
            var nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            var c = (char)ascii[i];
            chars[2 + i] = c >= 'a' && nibble >= 8 ? char.ToUpperInvariant(c) : c;
        }

        return new string(chars);
    }

    /// <inheritdoc />
    public bool Equals(Address other) => _high == other._high && _middle == other._middle && _low == other._low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_high, _middle, _low);

    /// <summary>The EIP-55 checksum form.</summary>
    public override string ToString() => ToChecksumString();

    private static bool IsMixedCase(ReadOnlySpan<char> digits) =>
        digits.IndexOfAnyInRange('a', 'f') >= 0 && digits.IndexOfAnyInRange('A', 'F') >= 0;
}
