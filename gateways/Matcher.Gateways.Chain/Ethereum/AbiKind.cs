namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>The static ABI types this codec handles, each one 32-byte word.</summary>
public enum AbiKind
{
    /// <summary>Not a value (the default of <see cref="AbiValue"/>).</summary>
    None = 0,

    /// <summary><c>address</c>: 20 bytes, right-aligned, upper 12 bytes zero.</summary>
    Address = 1,

    /// <summary><c>uint8</c> … <c>uint256</c>: big-endian, right-aligned.</summary>
    UnsignedInteger = 2,

    /// <summary><c>bool</c>: the word 0 or 1.</summary>
    Bool = 3,

    /// <summary><c>bytes1</c> … <c>bytes32</c>: left-aligned, zero-padded on the right.</summary>
    FixedBytes = 4,
}
