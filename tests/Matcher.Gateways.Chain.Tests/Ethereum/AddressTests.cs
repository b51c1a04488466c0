using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

public sealed class AddressTests
{
    // The test cases of EIP-55: all caps, all lower and mixed, each its own checksum form.
    [TestCase("0x52908400098527886E0F7030069857D2E4169EE7")]
    [TestCase("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [TestCase("0xde709f2102306220921060314715629080e2fb77")]
    [TestCase("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [TestCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [TestCase("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [TestCase("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [TestCase("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToChecksumString_Eip55Vector_ReproducesIt(string vector)
    {
        var address = Address.Parse(vector.ToLowerInvariant());

        Assert.That(address.ToChecksumString(), Is.EqualTo(vector));
        Assert.That(Address.Parse(vector), Is.EqualTo(address));
    }

    [Test]
    public void Parse_MixedCaseWithWrongChecksum_Throws()
    {
        // One letter's case flipped in an EIP-55 vector.
        var e = Assert.Throws<FormatException>(() => Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.That(e!.Message, Does.Contain("EIP-55"));
        Assert.That(Address.TryParse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", out _), Is.False);
    }

    [Test]
    public void Parse_AllUpperOrAllLower_AcceptedWithoutChecksum()
    {
        var lower = Address.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var upper = Address.Parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED");

        Assert.That(upper, Is.EqualTo(lower));
        Assert.That(lower.ToString(), Is.EqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
        Assert.That(lower.ToLowerHexString(), Is.EqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
    }

    [TestCase("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [TestCase("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea")]
    [TestCase("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00")]
    [TestCase("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    public void Parse_Malformed_Throws(string input)
    {
        Assert.Throws<FormatException>(() => Address.Parse(input));
        Assert.That(Address.TryParse(input, out _), Is.False);
    }

    [Test]
    public void Equality_SameBytes_EqualAndSameHash()
    {
        var a = Address.Parse("0x3535353535353535353535353535353535353535");
        var b = new Address(Enumerable.Repeat((byte)0x35, 20).ToArray());
        var c = Address.Parse("0x3535353535353535353535353535353535353536");

        Assert.That(a == b, Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a != c, Is.True);
        Assert.That(a.ToArray(), Is.EqualTo(b.ToArray()));
        Assert.That(default(Address).IsZero, Is.True);
    }

    [Test]
    public void FromPublicKey_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => Address.FromPublicKey(new byte[63]));
        Assert.Throws<ArgumentException>(() => Address.FromPublicKey(new byte[65]));
    }

    [Test]
    public void Constructor_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => _ = new Address(new byte[19]));
    }
}
