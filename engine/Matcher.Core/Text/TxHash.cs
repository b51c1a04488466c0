using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Matcher.Core.Text;

/// <summary>
/// A 32-byte transaction hash from an outside system (a chain), kept inline so a command and
/// an event stay blittable. All zero means none.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct TxHash
{
    /// <summary>Its length in bytes.</summary>
    public const int Length = 32;

    private readonly ulong _word0;
    private readonly ulong _word1;
    private readonly ulong _word2;
    private readonly ulong _word3;

    private TxHash(ulong word0, ulong word1, ulong word2, ulong word3) => (_word0, _word1, _word2, _word3) = (word0, word1, word2, word3);

    /// <summary>True when no hash is given.</summary>
    public bool IsEmpty => (_word0 | _word1 | _word2 | _word3) == 0;

    /// <summary>The hash of these 32 bytes, in order.</summary>
    public static TxHash From(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"a transaction hash is {Length} bytes, not {bytes.Length}", nameof(bytes));
        }

        return new TxHash(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>Writes the 32 bytes, in order.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _word0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _word1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _word2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _word3);
    }

    /// <summary>Orders hashes by their bytes (for snapshots, which must not depend on hashing).</summary>
    public int CompareTo(TxHash other)
    {
        var c = _word0.CompareTo(other._word0);
        c = c != 0 ? c : _word1.CompareTo(other._word1);
        c = c != 0 ? c : _word2.CompareTo(other._word2);
        return c != 0 ? c : _word3.CompareTo(other._word3);
    }

    /// <summary>The four big-endian words, for snapshots and the state hash.</summary>
    public (ulong, ulong, ulong, ulong) Words => (_word0, _word1, _word2, _word3);

    /// <summary>The hash from its four big-endian words.</summary>
    public static TxHash FromWords(ulong word0, ulong word1, ulong word2, ulong word3) => new(word0, word1, word2, word3);

    /// <summary>0x and 64 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return "0x" + Convert.ToHexStringLower(bytes);
    }
}

/// <summary>A 20-byte account address on an outside chain, inline. All zero means none.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct ChainAddress
{
    /// <summary>Its length in bytes.</summary>
    public const int Length = 20;

    private readonly ulong _word0;
    private readonly ulong _word1;
    private readonly uint _word2;

    private ChainAddress(ulong word0, ulong word1, uint word2) => (_word0, _word1, _word2) = (word0, word1, word2);

    /// <summary>True when no address is given.</summary>
    public bool IsEmpty => (_word0 | _word1 | _word2) == 0;

    /// <summary>The address of these 20 bytes, in order.</summary>
    public static ChainAddress From(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"an address is {Length} bytes, not {bytes.Length}", nameof(bytes));
        }

        return new ChainAddress(
            BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));
    }

    /// <summary>Writes the 20 bytes, in order.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _word0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _word1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _word2);
    }

    /// <summary>The three big-endian words, for snapshots and the state hash.</summary>
    public (ulong, ulong, uint) Words => (_word0, _word1, _word2);

    /// <summary>The address from its three big-endian words.</summary>
    public static ChainAddress FromWords(ulong word0, ulong word1, uint word2) => new(word0, word1, word2);

    /// <summary>0x and 40 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return "0x" + Convert.ToHexStringLower(bytes);
    }
}
