using System.Globalization;
using System.Numerics;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// 0x-prefixed hexadecimal as Ethereum JSON-RPC writes it: DATA (an even number of digits,
/// one byte per pair) and QUANTITY (an unsigned integer, at least one digit).
/// </summary>
/// <remarks>
/// Parsing is strict: the lowercase <c>0x</c> prefix is required, every character after it
/// must be a hex digit (either case), and DATA must have an even number of digits. Every
/// refusal is a <see cref="FormatException"/> that says what was wrong and where.
/// </remarks>
public static class Hex
{
    /// <summary>The number of characters of an offending input quoted in an error message.</summary>
    private const int QuoteLength = 80;

    /// <summary>Encodes <paramref name="bytes"/> as <c>0x</c> followed by two lowercase digits a byte.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        return string.Create(2 + (bytes.Length * 2), bytes, static (chars, data) =>
        {
            chars[0] = '0';
            chars[1] = 'x';
            for (var i = 0; i < data.Length; i++)
            {
                chars[2 + (2 * i)] = LowerDigit(data[i] >> 4);
                chars[3 + (2 * i)] = LowerDigit(data[i] & 0xF);
            }
        });
    }

    /// <summary>Decodes 0x-prefixed DATA into a new array (<c>"0x"</c> gives an empty one).</summary>
    /// <exception cref="FormatException">The text is not 0x-prefixed, even-length hex.</exception>
    public static byte[] Decode(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = StripPrefix(hex);
        if ((digits.Length & 1) != 0)
        {
            throw new FormatException($"hex data has an odd number of digits ({digits.Length}): {Quote(hex)}");
        }

        var bytes = new byte[digits.Length / 2];
        DecodeDigits(hex, digits, bytes);
        return bytes;
    }

    /// <summary>
    /// Decodes 0x-prefixed DATA of exactly <paramref name="destination"/>'s length into it.
    /// </summary>
    /// <exception cref="FormatException">The text is malformed or of another length.</exception>
    public static void DecodeExact(string hex, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = StripPrefix(hex);
        if (digits.Length != destination.Length * 2)
        {
            throw new FormatException(
                $"expected {destination.Length} bytes of hex ({destination.Length * 2} digits after 0x), got {digits.Length} digits: {Quote(hex)}");
        }

        DecodeDigits(hex, digits, destination);
    }

    /// <summary>Decodes DATA, returning <see langword="false"/> instead of throwing.</summary>
    public static bool TryDecode(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is null || hex.Length < 2 || hex[0] != '0' || hex[1] != 'x' || (hex.Length & 1) != 0)
        {
            return false;
        }

        var result = new byte[(hex.Length - 2) / 2];
        for (var i = 0; i < result.Length; i++)
        {
            var high = DigitValue(hex[2 + (2 * i)]);
            var low = DigitValue(hex[3 + (2 * i)]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            result[i] = (byte)((high << 4) | low);
        }

        bytes = result;
        return true;
    }

    /// <summary>Encodes a QUANTITY: <c>0x0</c> for zero, otherwise no leading zero digits.</summary>
    public static string EncodeQuantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Encodes a non-negative QUANTITY of at most 256 bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 2^256-1.</exception>
    public static string EncodeQuantity(BigInteger value)
    {
        UInt256.EnsureInRange(value);
        if (value.IsZero)
        {
            return "0x0";
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var hex = Encode(bytes);
        // A leading byte below 0x10 leaves one zero digit; QUANTITY forbids it.
        return bytes[0] < 0x10 ? string.Concat("0x", hex.AsSpan(3)) : hex;
    }

    /// <summary>Parses a QUANTITY that must fit in 64 bits.</summary>
    /// <remarks>
    /// The JSON-RPC spec forbids leading zero digits; they are tolerated here because they do
    /// not change the value and some nodes have emitted them. An empty <c>0x</c> is refused.
    /// </remarks>
    /// <exception cref="FormatException">Malformed, or larger than <see cref="ulong.MaxValue"/>.</exception>
    public static ulong DecodeQuantityUInt64(string hex)
    {
        var digits = QuantityDigits(hex);
        if (digits.Length > 16)
        {
            throw new FormatException($"hex quantity does not fit in 64 bits: {Quote(hex)}");
        }

        ulong value = 0;
        foreach (var c in digits)
        {
            value = (value << 4) | (uint)DigitOrThrow(hex, c);
        }

        return value;
    }

    /// <summary>Parses a QUANTITY of at most 256 bits.</summary>
    /// <exception cref="FormatException">Malformed, or larger than 2^256-1.</exception>
    public static BigInteger DecodeQuantity(string hex)
    {
        var digits = QuantityDigits(hex);
        if (digits.Length > 64)
        {
            throw new FormatException($"hex quantity does not fit in 256 bits: {Quote(hex)}");
        }

        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        // Right-align the digits in the 32-byte big-endian buffer, nibble by nibble.
        var nibble = 64 - digits.Length;
        foreach (var c in digits)
        {
            var v = DigitOrThrow(hex, c);
            bytes[nibble / 2] |= (byte)((nibble & 1) == 0 ? v << 4 : v);
            nibble++;
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Quotes an input in an error message, cut to a readable length.</summary>
    internal static string Quote(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        return text.Length <= QuoteLength ? $"\"{text}\"" : $"\"{text[..QuoteLength]}…\" ({text.Length} chars)";
    }

    internal static char LowerDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    internal static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static ReadOnlySpan<char> StripPrefix(string hex)
    {
        if (hex.Length < 2 || hex[0] != '0' || hex[1] != 'x')
        {
            throw new FormatException($"hex must start with 0x: {Quote(hex)}");
        }

        return hex.AsSpan(2);
    }

    private static ReadOnlySpan<char> QuantityDigits(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = StripPrefix(hex);
        if (digits.IsEmpty)
        {
            throw new FormatException("hex quantity has no digits: \"0x\"");
        }

        var firstNonZero = digits.IndexOfAnyExcept('0');
        return firstNonZero < 0 ? [] : digits[firstNonZero..];
    }

    private static void DecodeDigits(string hex, ReadOnlySpan<char> digits, Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var high = DigitOrThrow(hex, digits[2 * i]);
            var low = DigitOrThrow(hex, digits[(2 * i) + 1]);
            destination[i] = (byte)((high << 4) | low);
        }
    }

    private static int DigitOrThrow(string hex, char c)
    {
        var value = DigitValue(c);
        if (value < 0)
        {
            throw new FormatException($"not a hex digit '{c}' in {Quote(hex)}");
        }

        return value;
    }
}
