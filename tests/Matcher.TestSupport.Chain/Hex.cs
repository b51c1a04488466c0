using System.Globalization;
using System.Numerics;

namespace Matcher.TestSupport.Chain;

/// <summary>The hex forms JSON-RPC uses: quantities (<c>0x1a</c>, no leading zeros) and data (<c>0x00ff</c>, two digits a byte).</summary>
public static class Hex
{
    /// <summary>A non-negative number as a JSON-RPC quantity: <c>0x0</c>, <c>0x1a</c>.</summary>
    public static string Quantity(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A quantity is never negative.");
        }
        if (value.IsZero)
        {
            return "0x0";
        }
        return "0x" + Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
    }

    /// <summary>A JSON-RPC quantity or 32-byte word (<c>0x</c> optional) as an unsigned number; <c>0x</c> alone is zero.</summary>
    public static BigInteger ParseQuantity(string hex)
    {
        var digits = Strip(hex);
        return digits.Length == 0
            ? BigInteger.Zero
            : BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>A JSON-RPC quantity that fits a <see cref="long"/> (block numbers, log indexes).</summary>
    public static long ParseLong(string hex) => checked((long)ParseQuantity(hex));

    /// <summary>Hex data (<c>0x</c> optional, two digits a byte) as bytes.</summary>
    public static byte[] Decode(string hex) => Convert.FromHexString(Strip(hex));

    /// <summary>Bytes as <c>0x</c>-prefixed lowercase hex data.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static string Strip(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
    }
}
