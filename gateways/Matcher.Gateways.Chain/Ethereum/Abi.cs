using System.Numerics;
using System.Text;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// The contract ABI for the static types the escrow needs: selectors, call data, return
/// values and event topics. Strict: a wrong length or an invalid word is an exception that
/// says what was expected, never a silent truncation.
/// </summary>
public static class Abi
{
    /// <summary>The size of an ABI word.</summary>
    public const int WordSize = 32;

    /// <summary>
    /// The 4-byte function selector: the first four bytes of the Keccak-256 hash of the
    /// canonical signature (<c>transfer(address,uint256)</c> gives a9059cbb).
    /// </summary>
    /// <exception cref="FormatException">The signature is not canonical (spaces, <c>uint</c> alias, …).</exception>
    public static byte[] Selector(string signature)
    {
        AbiSignature.ValidateCanonical(signature);
        Span<byte> hash = stackalloc byte[Keccak256.Size];
        Keccak256.Hash(Encoding.UTF8.GetBytes(signature), hash);
        return hash[..4].ToArray();
    }

    /// <summary>The topic0 of an event: the Keccak-256 hash of its canonical signature.</summary>
    /// <exception cref="FormatException">The signature is not canonical.</exception>
    public static Hash32 EventTopic(string signature)
    {
        AbiSignature.ValidateCanonical(signature);
        return Keccak256.Hash(Encoding.UTF8.GetBytes(signature));
    }

    /// <summary>Call data for a function of static parameter types; see <see cref="AbiFunction.EncodeCall"/>.</summary>
    /// <exception cref="FormatException">The signature is not canonical or has an unsupported type.</exception>
    /// <exception cref="ArgumentException">The arguments do not match the parameters.</exception>
    public static byte[] EncodeCall(string signature, params ReadOnlySpan<AbiValue> arguments) =>
        AbiFunction.Parse(signature).EncodeCall(arguments);

    /// <summary>
    /// Decodes return data made of static values, one word each, of the canonical
    /// <paramref name="types"/> (<c>"uint256"</c>, <c>"bool"</c>, <c>"address"</c>, …).
    /// </summary>
    /// <exception cref="FormatException">
    /// The data is not exactly one word per type, or a word is not a valid encoding of its type.
    /// </exception>
    public static AbiValue[] DecodeStatic(ReadOnlySpan<byte> data, params ReadOnlySpan<string> types)
    {
        if (data.Length != WordSize * types.Length)
        {
            throw new FormatException(
                $"return data must be {WordSize * types.Length} bytes ({types.Length} words), it is {data.Length}");
        }

        var values = new AbiValue[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            var type = AbiType.Parse(types[i]);
            var word = data.Slice(WordSize * i, WordSize);
            var problem = type.Validate(word);
            if (problem is not null)
            {
                throw new FormatException($"return value {i} ({type.Name}): {problem}");
            }

            values[i] = AbiValue.FromWord(type.Kind, new Hash32(word));
        }

        return values;
    }

    /// <summary>Decodes return data that is exactly one <c>uint256</c>.</summary>
    /// <exception cref="FormatException">Not exactly 32 bytes.</exception>
    public static BigInteger DecodeUInt256(ReadOnlySpan<byte> data) => DecodeStatic(data, "uint256")[0].AsBigInteger();

    /// <summary>Decodes return data that is exactly one <c>bool</c>.</summary>
    /// <exception cref="FormatException">Not exactly 32 bytes, or a word other than 0 or 1.</exception>
    public static bool DecodeBool(ReadOnlySpan<byte> data) => DecodeStatic(data, "bool")[0].AsBool();

    /// <summary>Decodes return data that is exactly one <c>address</c>.</summary>
    /// <exception cref="FormatException">Not exactly 32 bytes, or non-zero upper bytes.</exception>
    public static Address DecodeAddress(ReadOnlySpan<byte> data) => DecodeStatic(data, "address")[0].AsAddress();
}
