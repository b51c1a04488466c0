using System.Numerics;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// Checked conversions between <see cref="BigInteger"/> and the EVM's unsigned 256-bit
/// words. Token amounts cross the edge as <see cref="BigInteger"/>; no arithmetic lives here.
/// </summary>
public static class UInt256
{
    /// <summary>The size of an EVM word in bytes.</summary>
    public const int Size = 32;

    /// <summary>2^256 - 1, the largest value an EVM word holds.</summary>
    public static BigInteger MaxValue { get; } = (BigInteger.One << 256) - 1;

    /// <summary>Whether <paramref name="value"/> fits in an unsigned 256-bit word.</summary>
    public static bool IsInRange(BigInteger value) => value.Sign >= 0 && value <= MaxValue;

    /// <summary>Refuses a negative value or one above 2^256-1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit.</exception>
    public static void EnsureInRange(BigInteger value, string? paramName = null)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(paramName ?? nameof(value), value, "a uint256 cannot be negative");
        }

        if (value > MaxValue)
        {
            throw new ArgumentOutOfRangeException(paramName ?? nameof(value), value, "a uint256 cannot exceed 2^256-1");
        }
    }

    /// <summary>Writes <paramref name="value"/> as a 32-byte big-endian word.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit.</exception>
    /// <exception cref="ArgumentException">The destination is not 32 bytes.</exception>
    public static void WriteBigEndian(BigInteger value, Span<byte> destination)
    {
        EnsureInRange(value);
        if (destination.Length != Size)
        {
            throw new ArgumentException($"a uint256 word is {Size} bytes, the destination has {destination.Length}", nameof(destination));
        }

        destination.Clear();
        var length = value.GetByteCount(isUnsigned: true);
        // Zero reports one byte; writing it right-aligned leaves the word all zeros, as wanted.
        value.TryWriteBytes(destination[(Size - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads an unsigned big-endian integer of at most 32 bytes.</summary>
    /// <exception cref="ArgumentException">More than 32 bytes.</exception>
    public static BigInteger ReadBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Size)
        {
            throw new ArgumentException($"a uint256 is at most {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>
    /// The minimal big-endian bytes of <paramref name="value"/>: no leading zero byte, and
    /// empty for zero (the form RLP uses for integers).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit.</exception>
    public static byte[] ToMinimalBigEndian(BigInteger value)
    {
        EnsureInRange(value);
        return value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Converts to <see cref="ulong"/>, refusing a value that does not fit.</summary>
    /// <exception cref="OverflowException">Negative or above <see cref="ulong.MaxValue"/>.</exception>
    public static ulong ToUInt64Checked(BigInteger value)
    {
        if (value.Sign < 0 || value > ulong.MaxValue)
        {
            throw new OverflowException($"{value} does not fit in a uint64");
        }

        return (ulong)value;
    }
}
