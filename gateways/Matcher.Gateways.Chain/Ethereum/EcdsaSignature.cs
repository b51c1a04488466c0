using System.Numerics;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A secp256k1 ECDSA signature as Ethereum carries it: r, s and the recovery id (the parity
/// of the y coordinate of the point whose x is r), from which the signer's public key, and
/// so its address, can be recovered.
/// </summary>
public readonly struct EcdsaSignature : IEquatable<EcdsaSignature>
{
    /// <summary>Checks the ranges: r and s in [1, n-1], recovery id 0 or 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public EcdsaSignature(BigInteger r, BigInteger s, byte recoveryId)
    {
        if (r.Sign <= 0 || r >= Secp256k1Curve.Order)
        {
            throw new ArgumentOutOfRangeException(nameof(r), "signature r must be in [1, n-1]");
        }

        if (s.Sign <= 0 || s >= Secp256k1Curve.Order)
        {
            throw new ArgumentOutOfRangeException(nameof(s), "signature s must be in [1, n-1]");
        }

        if (recoveryId > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(recoveryId), recoveryId, "recovery id must be 0 or 1");
        }

        R = r;
        S = s;
        RecoveryId = recoveryId;
    }

    /// <summary>The x coordinate of the nonce point, modulo n.</summary>
    public BigInteger R { get; }

    /// <summary>The proof value.</summary>
    public BigInteger S { get; }

    /// <summary>The y parity of the nonce point: 0 or 1 (a type-2 transaction's yParity).</summary>
    public byte RecoveryId { get; }

    /// <summary>Whether s ≤ n/2, the only form Ethereum accepts in transactions (EIP-2).</summary>
    public bool IsLowS => S <= Secp256k1Curve.HalfOrder;

    /// <summary>Equality of r, s and recovery id.</summary>
    public static bool operator ==(EcdsaSignature left, EcdsaSignature right) => left.Equals(right);

    /// <summary>Inequality of r, s or recovery id.</summary>
    public static bool operator !=(EcdsaSignature left, EcdsaSignature right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(EcdsaSignature other) => R == other.R && S == other.S && RecoveryId == other.RecoveryId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EcdsaSignature other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(R, S, RecoveryId);

    /// <summary>r, s and the recovery id in hex.</summary>
    public override string ToString() => $"r={Hex.EncodeQuantity(R)} s={Hex.EncodeQuantity(S)} v={RecoveryId}";
}
