using System.Numerics;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A legacy (untyped) transaction with EIP-155 replay protection: it signs
/// RLP([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0]) and carries
/// v = chainId·2 + 35 + recovery id.
/// </summary>
/// <remarks>Kept for the EIP-155 reference vector and chains without EIP-1559; prefer <see cref="Eip1559Transaction"/>.</remarks>
public sealed class LegacyTransaction
{
    /// <summary>The sender's transaction count before this one.</summary>
    public required ulong Nonce { get; init; }

    /// <summary>The price per gas in wei.</summary>
    public required BigInteger GasPrice { get; init; }

    /// <summary>The most gas the transaction may use.</summary>
    public required ulong GasLimit { get; init; }

    /// <summary>The recipient; <see langword="null"/> creates a contract.</summary>
    public required Address? To { get; init; }

    /// <summary>The wei transferred.</summary>
    public BigInteger Value { get; init; }

    /// <summary>The call data (or init code for a creation).</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The chain id (EIP-155); at least 1.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The bytes whose Keccak-256 hash is signed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The gas price or value is negative or above 2^256-1.</exception>
    /// <exception cref="InvalidOperationException">The chain id is 0.</exception>
    public byte[] GetSigningPayload()
    {
        if (ChainId == 0)
        {
            throw new InvalidOperationException("EIP-155 needs a chain id of at least 1");
        }

        return Rlp.Encode(RlpItem.List(
            RlpItem.FromUInt64(Nonce),
            RlpItem.FromInteger(GasPrice),
            RlpItem.FromUInt64(GasLimit),
            To is { } to ? RlpItem.FromAddress(to) : RlpItem.Empty,
            RlpItem.FromInteger(Value),
            RlpItem.FromMemory(Data.ToArray()),
            RlpItem.FromUInt64(ChainId),
            RlpItem.Empty,
            RlpItem.Empty));
    }

    /// <summary>The digest the sender signs.</summary>
    public Hash32 GetSigningHash() => Keccak256.Hash(GetSigningPayload());

    /// <summary>Signs with <paramref name="signer"/> and encodes the signed transaction.</summary>
    public SignedTransaction Sign(Secp256k1Signer signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = signer.Sign(GetSigningHash());
        var v = (new BigInteger(ChainId) * 2) + 35 + signature.RecoveryId;
        var raw = Rlp.Encode(RlpItem.List(
            RlpItem.FromUInt64(Nonce),
            RlpItem.FromInteger(GasPrice),
            RlpItem.FromUInt64(GasLimit),
            To is { } to ? RlpItem.FromAddress(to) : RlpItem.Empty,
            RlpItem.FromInteger(Value),
            RlpItem.FromMemory(Data.ToArray()),
            RlpItem.FromInteger(v),
            RlpItem.FromInteger(signature.R),
            RlpItem.FromInteger(signature.S)));
        return new SignedTransaction(raw, signature);
    }

    /// <summary>Decodes a signed EIP-155 transaction and returns its signature.</summary>
    /// <exception cref="RlpException">Malformed, non-canonical, or a pre-EIP-155 v (27 or 28).</exception>
    public static LegacyTransaction DecodeSigned(ReadOnlySpan<byte> raw, out EcdsaSignature signature)
    {
        if (!raw.IsEmpty && raw[0] < 0xc0)
        {
            throw new RlpException($"not a legacy transaction: it starts with 0x{raw[0]:x2}, not an RLP list");
        }

        var fields = Rlp.Decode(raw).ItemsExactly(9, "signed legacy transaction");
        var v = fields[6].ToBigInteger();
        if (v < 37)
        {
            throw new RlpException($"legacy transaction v={v} has no EIP-155 chain id");
        }

        var chainId = (v - 35) / 2;
        var recoveryId = (byte)((v - 35) % 2);
        signature = Eip1559Transaction.ReadSignature(fields[7], fields[8], recoveryId);
        return new LegacyTransaction
        {
            Nonce = fields[0].ToUInt64(),
            GasPrice = fields[1].ToBigInteger(),
            GasLimit = fields[2].ToUInt64(),
            To = Eip1559Transaction.ReadTo(fields[3]),
            Value = fields[4].ToBigInteger(),
            Data = fields[5].Bytes,
            ChainId = chainId > ulong.MaxValue ? throw new RlpException($"chain id {chainId} does not fit in 64 bits") : (ulong)chainId,
        };
    }
}
