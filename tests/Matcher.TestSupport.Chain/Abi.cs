using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Matcher.TestSupport.Chain;

/// <summary>
/// The little of the Solidity ABI that the chain tests need, encoded by hand: selectors and
/// topics, call data for <c>address</c>, <c>bool</c>, <c>uint8</c>…<c>uint256</c> and
/// <c>string</c> arguments, and reading 32-byte words back. Addresses are <c>0x</c> + 40 hex
/// digits; unsigned values may be any integer type or <see cref="BigInteger"/>.
/// </summary>
public static class Abi
{
    private const int WordBytes = 32;
    private static readonly SearchValues<char> _hexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The 4-byte selector of a function or error signature such as <c>transfer(address,uint256)</c>, as <c>0x</c> + 8 hex digits.</summary>
    public static string Selector(string signature) => Hex.Encode(SelectorBytes(signature));

    /// <summary>The topic (Keccak-256) of an event signature such as <c>Transfer(address,address,uint256)</c>, as <c>0x</c> + 64 hex digits.</summary>
    public static string Topic(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Hex.Encode(Keccak256.Hash(Encoding.UTF8.GetBytes(signature)));
    }

    /// <summary>Call data: the selector of <paramref name="signature"/> and the arguments encoded by the types it names.</summary>
    public static string EncodeCall(string signature, params object[] arguments)
    {
        var types = ParameterTypes(signature);
        return Hex.Encode([.. SelectorBytes(signature), .. EncodeArgumentBytes(types, arguments)]);
    }

    /// <summary>Arguments alone (as constructor arguments are appended to the bytecode), as <c>0x</c> hex.</summary>
    public static string EncodeArguments(IReadOnlyList<string> types, params object[] arguments) =>
        Hex.Encode(EncodeArgumentBytes(types, arguments));

    /// <summary>A 32-byte word holding an address, as an indexed <c>address</c> topic is.</summary>
    public static string AddressTopic(string address) => Hex.Encode(AddressWord(address));

    /// <summary>A 32-byte word holding an unsigned value, as an indexed <c>uint</c> topic is.</summary>
    public static string UintTopic(BigInteger value) => Hex.Encode(UintWord(value, 256));

    /// <summary>Word <paramref name="index"/> (from 0) of ABI-encoded data as an unsigned number.</summary>
    public static BigInteger DecodeUint(string data, int index = 0) =>
        new(Word(Hex.Decode(data), index), isUnsigned: true, isBigEndian: true);

    /// <summary>Word <paramref name="index"/> of ABI-encoded data as a lowercase address.</summary>
    public static string DecodeAddress(string data, int index = 0) =>
        Hex.Encode(Word(Hex.Decode(data), index).AsSpan(12));

    /// <summary>Word <paramref name="index"/> of ABI-encoded data as a bool (anything but 0 or 1 throws).</summary>
    public static bool DecodeBool(string data, int index = 0) => DecodeUint(data, index) switch
    {
        var v when v.IsZero => false,
        var v when v.IsOne => true,
        var v => throw new FormatException($"{v} is not an ABI bool."),
    };

    /// <summary>An address normalized to lowercase <c>0x</c> + 40 hex digits (throws when it is not one).</summary>
    public static string NormalizeAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length != 42 || !address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ||
            address.AsSpan(2).ContainsAnyExcept(_hexDigits))
        {
            throw new FormatException($"'{address}' is not an address (0x and 40 hex digits).");
        }
        return "0x" + address[2..].ToLowerInvariant();
    }

    private static byte[] SelectorBytes(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Keccak256.Hash(Encoding.UTF8.GetBytes(signature))[..4];
    }

    /// <summary>The parameter types of <c>name(type1,type2)</c>; tuples and arrays are not supported.</summary>
    internal static IReadOnlyList<string> ParameterTypes(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !signature.EndsWith(')') || signature.IndexOf('(', open + 1) >= 0 || signature.Contains(' ', StringComparison.Ordinal))
        {
            throw new FormatException($"'{signature}' is not a signature such as transfer(address,uint256) (no spaces, no tuples).");
        }
        var inner = signature[(open + 1)..^1];
        return inner.Length == 0 ? [] : inner.Split(',');
    }

    private static byte[] EncodeArgumentBytes(IReadOnlyList<string> types, object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(arguments);
        if (types.Count != arguments.Length)
        {
            throw new ArgumentException($"{types.Count} parameter(s) ({string.Join(',', types)}) but {arguments.Length} argument(s).");
        }
        // Static values sit in the head; a string's head word is the offset of its tail.
        var head = new List<byte>(types.Count * WordBytes);
        var tail = new List<byte>();
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i] == "string")
            {
                var text = arguments[i] as string ?? throw new ArgumentException($"Argument {i} (string) must be a string.");
                head.AddRange(UintWord(types.Count * WordBytes + tail.Count, 256));
                var bytes = Encoding.UTF8.GetBytes(text);
                tail.AddRange(UintWord(bytes.Length, 256));
                tail.AddRange(bytes);
                tail.AddRange(new byte[(WordBytes - bytes.Length % WordBytes) % WordBytes]);
            }
            else
            {
                head.AddRange(StaticWord(types[i], arguments[i], i));
            }
        }
        return [.. head, .. tail];
    }

    private static byte[] StaticWord(string type, object argument, int index)
    {
        if (type == "address")
        {
            return AddressWord(argument as string ?? throw new ArgumentException($"Argument {index} (address) must be a string."));
        }
        if (type == "bool")
        {
            return UintWord(argument is bool flag ? (flag ? 1 : 0) : throw new ArgumentException($"Argument {index} (bool) must be a bool."), 8);
        }
        if (type.StartsWith("uint", StringComparison.Ordinal) &&
            int.TryParse(type.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) &&
            bits is >= 8 and <= 256 && bits % 8 == 0)
        {
            return UintWord(ToBigInteger(argument, index), bits);
        }
        throw new NotSupportedException($"ABI type '{type}' is not supported here (address, bool, uint8..uint256, string).");
    }

    private static BigInteger ToBigInteger(object argument, int index) => argument switch
    {
        BigInteger v => v,
        long v => v,
        ulong v => v,
        int v => v,
        uint v => v,
        short v => v,
        ushort v => v,
        byte v => v,
        _ => throw new ArgumentException($"Argument {index} must be an integer or BigInteger, not {argument?.GetType().Name ?? "null"}."),
    };

    private static byte[] AddressWord(string address)
    {
        var word = new byte[WordBytes];
        Hex.Decode(NormalizeAddress(address)).CopyTo(word, 12);
        return word;
    }

    private static byte[] UintWord(BigInteger value, int bits)
    {
        if (value.Sign < 0 || value.GetBitLength() > bits)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Does not fit uint{bits}.");
        }
        var word = new byte[WordBytes];
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(word, WordBytes - bytes.Length);
        return word;
    }

    private static byte[] Word(byte[] data, int index)
    {
        if (index < 0 || (index + 1) * WordBytes > data.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The data has {data.Length / WordBytes} whole word(s).");
        }
        return data[(index * WordBytes)..((index + 1) * WordBytes)];
    }
}
