using System.Numerics;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

public sealed class Secp256k1SignerTests
{
    private static readonly BigInteger _order =
        BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337");

    [TestCase(TestKeys.Eip155PrivateKey, TestKeys.Eip155Address)]
    [TestCase(TestKeys.AnvilPrivateKey, TestKeys.AnvilAddress)]
    public void Address_KnownKey_MatchesPublishedAddress(string privateKey, string address)
    {
        var signer = Secp256k1Signer.FromHex(privateKey);

        Assert.That(signer.Address.ToChecksumString(), Is.EqualTo(address));
        Assert.That(Address.FromPublicKey(signer.PublicKey), Is.EqualTo(signer.Address));
    }

    [Test]
    public void Sign_Eip155SigningHash_GivesPublishedRAndS()
    {
        var signature = TestKeys.Eip155Signer().Sign(Hash32.Parse("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));

        Assert.That(signature.R, Is.EqualTo(BigInteger.Parse("18515461264373351373200002665853028612451056578545711640558177340181847433846")));
        Assert.That(signature.S, Is.EqualTo(BigInteger.Parse("46948507304638947509940763649030358759909902576025900602547168820602576006531")));
        Assert.That(signature.RecoveryId, Is.Zero, "v = 37 = 1 * 2 + 35 + 0");
    }

    [Test]
    public void Sign_ManyDigests_AlwaysLowSAndRecoversTheSigner()
    {
        var signer = Secp256k1Signer.FromHex(TestKeys.AnvilPrivateKey);
        var sawParity = new bool[2];
        for (var i = 0; i < 64; i++)
        {
            var digest = Keccak256.Hash(BitConverter.GetBytes(i));
            var signature = signer.Sign(digest);

            Assert.That(signature.IsLowS, Is.True, $"digest {i}");
            Assert.That(signature.S, Is.LessThanOrEqualTo(_order / 2));
            Assert.That(Secp256k1Signer.Recover(digest, signature), Is.EqualTo(signer.Address), $"digest {i}");
            sawParity[signature.RecoveryId] = true;
        }

        Assert.That(sawParity, Is.All.True, "both recovery ids occur over 64 digests");
    }

    [Test]
    public void Sign_SameDigestTwice_Deterministic()
    {
        var signer = TestKeys.Eip155Signer();
        var digest = Keccak256.Hash([1, 2, 3]);

        Assert.That(signer.Sign(digest), Is.EqualTo(signer.Sign(digest)));
    }

    [Test]
    public void Recover_HighS_Refused()
    {
        var signer = TestKeys.Eip155Signer();
        var digest = Keccak256.Hash([9]);
        var low = signer.Sign(digest);
        var high = new EcdsaSignature(low.R, _order - low.S, (byte)(1 - low.RecoveryId));

        Assert.That(high.IsLowS, Is.False);
        var e = Assert.Throws<ArgumentException>(() => Secp256k1Signer.Recover(digest, high));
        Assert.That(e!.Message, Does.Contain("EIP-2"));
    }

    [Test]
    public void Recover_OtherRecoveryIdOrDigest_GivesAnotherAddress()
    {
        var signer = TestKeys.Eip155Signer();
        var digest = Keccak256.Hash([7]);
        var signature = signer.Sign(digest);

        var flipped = Secp256k1Signer.Recover(digest, signature.R, signature.S, (byte)(1 - signature.RecoveryId));
        var otherDigest = Secp256k1Signer.Recover(Keccak256.Hash([8]), signature);

        Assert.That(flipped, Is.Not.EqualTo(signer.Address));
        Assert.That(otherDigest, Is.Not.EqualTo(signer.Address));
    }

    [Test]
    public void EcdsaSignature_OutOfRange_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EcdsaSignature(0, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EcdsaSignature(1, _order, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EcdsaSignature(1, 1, 2));
        Assert.Throws<ArgumentException>(() => Secp256k1Signer.Recover(Hash32.Zero, default));
    }

    [Test]
    public void Constructor_InvalidKey_Refused()
    {
        Assert.Throws<ArgumentException>(() => _ = new Secp256k1Signer(new byte[32]));
        Assert.Throws<ArgumentException>(() => _ = new Secp256k1Signer(new byte[31]));
        Assert.Throws<ArgumentException>(() => _ = new Secp256k1Signer(_order.ToByteArray(isUnsigned: true, isBigEndian: true)));
    }

    [Test]
    public void ToStringAndErrors_NeverShowTheKey()
    {
        var signer = TestKeys.Eip155Signer();
        Assert.That(signer.ToString(), Does.Contain(TestKeys.Eip155Address));
        Assert.That(signer.ToString(), Does.Not.Contain("4646"));

        var badKey = "0x46464646464646464646464646464646464646464646464646464646464646zz";
        var e = Assert.Throws<FormatException>(() => Secp256k1Signer.FromHex(badKey));
        Assert.That(e!.Message, Does.Not.Contain("4646"));
    }
}
