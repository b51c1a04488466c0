using System.Globalization;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>One static ABI type parsed from its canonical name (<c>uint64</c>, <c>bytes32</c>, …).</summary>
internal readonly record struct AbiType(AbiKind Kind, int Size)
{
    /// <summary>The canonical name as it appears in a signature.</summary>
    public string Name => Kind switch
    {
        AbiKind.Address => "address",
        AbiKind.Bool => "bool",
        AbiKind.UnsignedInteger => "uint" + Size.ToString(CultureInfo.InvariantCulture),
        AbiKind.FixedBytes => "bytes" + Size.ToString(CultureInfo.InvariantCulture),
        _ => "none",
    };

    /// <summary>Parses a canonical static type name.</summary>
    /// <exception cref="FormatException">Not a supported canonical static type.</exception>
    public static AbiType Parse(string name)
    {
        switch (name)
        {
            case "address":
                return new AbiType(AbiKind.Address, 160);
            case "bool":
                return new AbiType(AbiKind.Bool, 1);
            case "uint":
                throw new FormatException("ABI type 'uint' is not canonical: write 'uint256' (the selector hashes the canonical name)");
        }

        if (name.StartsWith("uint", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            && bits is >= 8 and <= 256 && bits % 8 == 0 && name[4] != '0')
        {
            return new AbiType(AbiKind.UnsignedInteger, bits);
        }

        if (name.StartsWith("bytes", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            && bytes is >= 1 and <= 32 && name[5] != '0')
        {
            return new AbiType(AbiKind.FixedBytes, bytes);
        }

        throw new FormatException(
            $"unsupported ABI type '{name}': only the static types address, bool, uint8…uint256 and bytes1…bytes32 are handled");
    }

    /// <summary>Checks that a word is a valid encoding of this type.</summary>
    /// <returns>Null when valid, otherwise what is wrong.</returns>
    public string? Validate(ReadOnlySpan<byte> word)
    {
        switch (Kind)
        {
            case AbiKind.Address:
                return word[..12].ContainsAnyExcept((byte)0) ? "address word has non-zero upper 12 bytes" : null;
            case AbiKind.Bool:
                return word[..31].ContainsAnyExcept((byte)0) || word[31] > 1 ? "bool word is neither 0 nor 1" : null;
            case AbiKind.UnsignedInteger:
                return word[..(32 - (Size / 8))].ContainsAnyExcept((byte)0) ? $"value does not fit in {Name}" : null;
            case AbiKind.FixedBytes:
                return word[Size..].ContainsAnyExcept((byte)0) ? $"{Name} word has non-zero padding after byte {Size}" : null;
            default:
                return "no type";
        }
    }
}
