using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BigInteger = System.Numerics.BigInteger;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// Holds a secp256k1 private key and signs 32-byte digests the way Ethereum nodes do:
/// deterministic nonces (RFC 6979, HMAC-SHA256), low S (EIP-2) and a recovery id.
/// </summary>
/// <remarks>
/// The key never leaves this object: <see cref="ToString"/> shows only the address, and no
/// member returns the key. BouncyCastle keeps it in an immutable integer that cannot be
/// wiped, so the key lives in memory until the garbage collector reuses it. Instances are
/// safe to share between threads: each <see cref="Sign"/> uses its own signer.
/// </remarks>
public sealed class Secp256k1Signer
{
    /// <summary>The size of a private key in bytes.</summary>
    public const int PrivateKeySize = 32;

    private readonly ECPrivateKeyParameters _privateKey;
    private readonly ECPoint _publicPoint;
    private readonly byte[] _publicKey;

    /// <summary>Takes a 32-byte big-endian private key in [1, n-1].</summary>
    /// <exception cref="ArgumentException">Not 32 bytes, zero, or not below the curve order.</exception>
    public Secp256k1Signer(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize)
        {
            throw new ArgumentException($"a secp256k1 private key is {PrivateKeySize} bytes, got {privateKey.Length}", nameof(privateKey));
        }

        var d = new BcBigInteger(1, privateKey.ToArray());
        if (d.SignValue == 0 || d.CompareTo(Secp256k1Curve.Domain.N) >= 0)
        {
            throw new ArgumentException("a secp256k1 private key must be in [1, n-1]", nameof(privateKey));
        }

        _privateKey = new ECPrivateKeyParameters(d, Secp256k1Curve.Domain);
        _publicPoint = Secp256k1Curve.Domain.G.Multiply(d).Normalize();
        _publicKey = _publicPoint.GetEncoded(false)[1..];
        Address = Address.FromPublicKey(_publicKey);
    }

    /// <summary>The account address of this key.</summary>
    public Address Address { get; }

    /// <summary>The uncompressed public key: x || y, 64 bytes, without the 0x04 prefix.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>Takes a private key as 0x followed by 64 hex digits.</summary>
    /// <exception cref="FormatException">Malformed hex.</exception>
    /// <exception cref="ArgumentException">Not a valid key.</exception>
    public static Secp256k1Signer FromHex(string privateKeyHex)
    {
        Span<byte> key = stackalloc byte[PrivateKeySize];
        try
        {
            Hex.DecodeExact(privateKeyHex, key);
        }
        catch (FormatException)
        {
            // The message of DecodeExact quotes its input; a private key must not reach a log.
            throw new FormatException("a private key must be 0x followed by 64 hex digits");
        }

        var signer = new Secp256k1Signer(key);
        key.Clear();
        return signer;
    }

    /// <summary>Signs a 32-byte digest: deterministic (RFC 6979), low S, with its recovery id.</summary>
    public EcdsaSignature Sign(Hash32 digest)
    {
        var hash = digest.ToArray();
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, _privateKey);
        var rs = signer.GenerateSignature(hash);
        var r = rs[0];
        var s = rs[1];
        var n = Secp256k1Curve.Domain.N;
        if (Secp256k1Curve.FromBc(s) > Secp256k1Curve.HalfOrder)
        {
            // (r, n - s) is as valid as (r, s); Ethereum accepts only the lower one (EIP-2).
            // It flips the y parity of R, which the recovery below finds by itself.
            s = n.Subtract(s);
        }

        for (byte recoveryId = 0; recoveryId <= 1; recoveryId++)
        {
            var point = RecoverPoint(hash, r, s, recoveryId);
            if (point is not null && point.Equals(_publicPoint))
            {
                return new EcdsaSignature(Secp256k1Curve.FromBc(r), Secp256k1Curve.FromBc(s), recoveryId);
            }
        }

        // Only when R's x is at least n (probability about 2^-128): Ethereum cannot express
        // that recovery id, so refuse rather than emit an unrecoverable signature.
        throw new InvalidOperationException("no recovery id 0 or 1 reproduces the public key for this digest");
    }

    /// <summary>The address whose key made <paramref name="signature"/> over <paramref name="digest"/>.</summary>
    /// <exception cref="ArgumentException">A high-S signature (refused, as Ethereum does), or one that recovers no key.</exception>
    public static Address Recover(Hash32 digest, EcdsaSignature signature)
    {
        if (signature.R.IsZero)
        {
            throw new ArgumentException("the signature is empty (default value)", nameof(signature));
        }

        if (!signature.IsLowS)
        {
            throw new ArgumentException("signature s is above n/2 (EIP-2 requires low S)", nameof(signature));
        }

        var point = RecoverPoint(digest.ToArray(), Secp256k1Curve.ToBc(signature.R), Secp256k1Curve.ToBc(signature.S), signature.RecoveryId)
            ?? throw new ArgumentException("the signature does not recover to a public key", nameof(signature));
        return Address.FromPublicKey(point.GetEncoded(false));
    }

    /// <summary>Recovers like <see cref="Recover(Hash32, EcdsaSignature)"/> from the three parts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">r or s outside [1, n-1], or a recovery id other than 0 or 1.</exception>
    /// <exception cref="ArgumentException">A high-S signature, or one that recovers no key.</exception>
    public static Address Recover(Hash32 digest, BigInteger r, BigInteger s, byte recoveryId) =>
        Recover(digest, new EcdsaSignature(r, s, recoveryId));

    /// <summary>Shows the address only, never the key.</summary>
    public override string ToString() => $"Secp256k1Signer({Address})";

    /// <summary>
    /// Q = r⁻¹(sR − eG), where R is the curve point with x = r (plus n for ids 2 and 3, which
    /// Ethereum does not use) and the y parity given by the recovery id (SEC 1, section 4.1.6).
    /// </summary>
    private static ECPoint? RecoverPoint(byte[] hash, BcBigInteger r, BcBigInteger s, int recoveryId)
    {
        var domain = Secp256k1Curve.Domain;
        var n = domain.N;
        var x = r.Add(n.Multiply(BcBigInteger.ValueOf(recoveryId / 2)));
        if (x.CompareTo(domain.Curve.Field.Characteristic) >= 0)
        {
            return null;
        }

        var compressed = new byte[33];
        compressed[0] = (byte)((recoveryId & 1) == 0 ? 0x02 : 0x03);
        var xBytes = x.ToByteArrayUnsigned();
        xBytes.CopyTo(compressed, 33 - xBytes.Length);
        ECPoint rPoint;
        try
        {
            rPoint = domain.Curve.DecodePoint(compressed);
        }
        catch (ArgumentException)
        {
            return null; // x is not the coordinate of any curve point
        }

        var e = new BcBigInteger(1, hash);
        var rInverse = r.ModInverse(n);
        var minusEOverR = rInverse.Multiply(n.Subtract(e.Mod(n))).Mod(n);
        var sOverR = rInverse.Multiply(s).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(domain.G, minusEOverR, rPoint, sOverR).Normalize();
        return q.IsInfinity ? null : q;
    }
}
