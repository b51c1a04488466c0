using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BigInteger = System.Numerics.BigInteger;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>The secp256k1 domain parameters and conversions between the two BigInteger types.</summary>
internal static class Secp256k1Curve
{
    /// <summary>The curve, generator and order as BouncyCastle uses them.</summary>
    public static ECDomainParameters Domain { get; } = CreateDomain();

    /// <summary>The group order n.</summary>
    public static BigInteger Order { get; } = FromBc(Domain.N);

    /// <summary>n / 2: the largest S a low-S (EIP-2) signature may have.</summary>
    public static BigInteger HalfOrder { get; } = Order >> 1;

    /// <summary>Converts a non-negative BCL integer to BouncyCastle's.</summary>
    public static BcBigInteger ToBc(BigInteger value) =>
        new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));

    /// <summary>Converts a non-negative BouncyCastle integer to the BCL's.</summary>
    public static BigInteger FromBc(BcBigInteger value) =>
        new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    private static ECDomainParameters CreateDomain()
    {
        var curve = SecNamedCurves.GetByName("secp256k1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
    }
}
