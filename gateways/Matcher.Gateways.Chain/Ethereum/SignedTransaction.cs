namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A signed transaction ready for <c>eth_sendRawTransaction</c>: its raw bytes, its hash
/// (the Keccak-256 of those bytes, which nodes report) and the signature it carries.
/// </summary>
public sealed class SignedTransaction
{
    private readonly byte[] _raw;

    internal SignedTransaction(byte[] raw, EcdsaSignature signature)
    {
        _raw = raw;
        Signature = signature;
        Hash = Keccak256.Hash(raw);
    }

    /// <summary>The raw signed bytes (for a typed transaction, the type byte first).</summary>
    public ReadOnlyMemory<byte> Raw => _raw;

    /// <summary>The transaction hash: Keccak-256 of <see cref="Raw"/>.</summary>
    public Hash32 Hash { get; }

    /// <summary>The signature carried in the transaction.</summary>
    public EcdsaSignature Signature { get; }

    /// <summary>The raw bytes as 0x-prefixed hex.</summary>
    public string ToHex() => Hex.Encode(_raw);

    /// <summary>The transaction hash.</summary>
    public override string ToString() => Hash.ToString();
}
