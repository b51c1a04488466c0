using System.Numerics;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A type-2 (EIP-1559) transaction with an empty access list. It signs
/// 0x02 || RLP([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList])
/// and is sent as the same list followed by yParity, r and s.
/// </summary>
public sealed class Eip1559Transaction
{
    /// <summary>The EIP-2718 type byte.</summary>
    public const byte TypeByte = 0x02;

    /// <summary>The chain id.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The sender's transaction count before this one.</summary>
    public required ulong Nonce { get; init; }

    /// <summary>The tip per gas paid to the block producer, in wei.</summary>
    public required BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>The most the sender pays per gas (base fee plus tip), in wei.</summary>
    public required BigInteger MaxFeePerGas { get; init; }

    /// <summary>The most gas the transaction may use.</summary>
    public required ulong GasLimit { get; init; }

    /// <summary>The recipient; <see langword="null"/> creates a contract.</summary>
    public required Address? To { get; init; }

    /// <summary>The wei transferred.</summary>
    public BigInteger Value { get; init; }

    /// <summary>The call data (or init code for a creation).</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The bytes whose Keccak-256 hash is signed: the type byte, then the RLP list of the fields.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A fee or the value is negative or above 2^256-1.</exception>
    /// <exception cref="InvalidOperationException">The tip exceeds the fee cap.</exception>
    public byte[] GetSigningPayload() => Encode(null);

    /// <summary>The digest the sender signs.</summary>
    public Hash32 GetSigningHash() => Keccak256.Hash(GetSigningPayload());

    /// <summary>Signs with <paramref name="signer"/> and encodes the signed transaction.</summary>
    public SignedTransaction Sign(Secp256k1Signer signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = signer.Sign(GetSigningHash());
        return new SignedTransaction(Encode(signature), signature);
    }

    /// <summary>Decodes a signed type-2 transaction and returns its signature.</summary>
    /// <exception cref="RlpException">
    /// Not type 2, malformed or non-canonical RLP, a non-empty access list (not representable
    /// here), or a signature out of range.
    /// </exception>
    public static Eip1559Transaction DecodeSigned(ReadOnlySpan<byte> raw, out EcdsaSignature signature)
    {
        if (raw.IsEmpty || raw[0] != TypeByte)
        {
            throw new RlpException($"not an EIP-1559 transaction: the type byte is {(raw.IsEmpty ? "missing" : $"0x{raw[0]:x2}")}, not 0x02");
        }

        var fields = Rlp.Decode(raw[1..]).ItemsExactly(12, "signed EIP-1559 transaction");
        if (fields[8].Items.Count != 0)
        {
            throw new RlpException("EIP-1559 transaction has a non-empty access list, which this decoder does not represent");
        }

        var yParity = fields[9].ToUInt64();
        if (yParity > 1)
        {
            throw new RlpException($"EIP-1559 yParity must be 0 or 1, got {yParity}");
        }

        signature = ReadSignature(fields[10], fields[11], (byte)yParity);
        return new Eip1559Transaction
        {
            ChainId = fields[0].ToUInt64(),
            Nonce = fields[1].ToUInt64(),
            MaxPriorityFeePerGas = fields[2].ToBigInteger(),
            MaxFeePerGas = fields[3].ToBigInteger(),
            GasLimit = fields[4].ToUInt64(),
            To = ReadTo(fields[5]),
            Value = fields[6].ToBigInteger(),
            Data = fields[7].Bytes,
        };
    }

    /// <summary>Reads r and s as canonical integers and checks the signature's ranges.</summary>
    internal static EcdsaSignature ReadSignature(RlpItem r, RlpItem s, byte recoveryId)
    {
        try
        {
            return new EcdsaSignature(r.ToBigInteger(), s.ToBigInteger(), recoveryId);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new RlpException($"transaction signature out of range: {e.Message}");
        }
    }

    /// <summary>Reads the recipient: empty for a creation, otherwise exactly 20 bytes.</summary>
    internal static Address? ReadTo(RlpItem to) => to.Bytes.IsEmpty ? null : to.ToAddress();

    private byte[] Encode(EcdsaSignature? signature)
    {
        if (MaxPriorityFeePerGas > MaxFeePerGas)
        {
            throw new InvalidOperationException($"the tip ({MaxPriorityFeePerGas}) exceeds the fee cap ({MaxFeePerGas})");
        }

        var count = signature is null ? 9 : 12;
        var fields = new RlpItem[count];
        fields[0] = RlpItem.FromUInt64(ChainId);
        fields[1] = RlpItem.FromUInt64(Nonce);
        fields[2] = RlpItem.FromInteger(MaxPriorityFeePerGas);
        fields[3] = RlpItem.FromInteger(MaxFeePerGas);
        fields[4] = RlpItem.FromUInt64(GasLimit);
        fields[5] = To is { } to ? RlpItem.FromAddress(to) : RlpItem.Empty;
        fields[6] = RlpItem.FromInteger(Value);
        fields[7] = RlpItem.FromMemory(Data.ToArray());
        fields[8] = RlpItem.EmptyList;
        if (signature is { } sig)
        {
            fields[9] = RlpItem.FromUInt64(sig.RecoveryId);
            fields[10] = RlpItem.FromInteger(sig.R);
            fields[11] = RlpItem.FromInteger(sig.S);
        }

        var list = RlpItem.List(fields);
        var output = new byte[1 + list.EncodedLength];
        output[0] = TypeByte;
        Rlp.Encode(list, output.AsSpan(1));
        return output;
    }
}
