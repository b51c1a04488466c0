using System.Numerics;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

public sealed class HexTests
{
    [Test]
    public void Encode_Bytes_LowercaseWithPrefix()
    {
        Assert.That(Hex.Encode([0x00, 0xAB, 0x0F]), Is.EqualTo("0x00ab0f"));
        Assert.That(Hex.Encode([]), Is.EqualTo("0x"));
    }

    [Test]
    public void Decode_EitherCase_RoundTrips()
    {
        Assert.That(Hex.Decode("0x00aB0f"), Is.EqualTo(new byte[] { 0x00, 0xAB, 0x0F }));
        Assert.That(Hex.Decode("0x"), Is.Empty);
    }

    [TestCase("00ab", "must start with 0x")]
    [TestCase("0X00ab", "must start with 0x")]
    [TestCase("0x0ab", "odd number of digits")]
    [TestCase("0x0g", "not a hex digit 'g'")]
    [TestCase("0x 0", "not a hex digit ' '")]
    public void Decode_Malformed_ThrowsClearFormatException(string input, string expected)
    {
        var e = Assert.Throws<FormatException>(() => Hex.Decode(input));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void DecodeExact_WrongLength_Throws()
    {
        var e = Assert.Throws<FormatException>(() => Hex.DecodeExact("0x0102", new byte[3]));
        Assert.That(e!.Message, Does.Contain("expected 3 bytes"));
    }

    [TestCase(0UL, "0x0")]
    [TestCase(1UL, "0x1")]
    [TestCase(0x400UL, "0x400")]
    [TestCase(ulong.MaxValue, "0xffffffffffffffff")]
    public void EncodeQuantity_UInt64_HasNoLeadingZeros(ulong value, string expected)
    {
        Assert.That(Hex.EncodeQuantity(value), Is.EqualTo(expected));
        Assert.That(Hex.EncodeQuantity(new BigInteger(value)), Is.EqualTo(expected));
        Assert.That(Hex.DecodeQuantityUInt64(expected), Is.EqualTo(value));
    }

    [Test]
    public void EncodeQuantity_BigInteger_LeadingNibbleBelowSixteen()
    {
        Assert.That(Hex.EncodeQuantity(BigInteger.Parse("1000000000000000000")), Is.EqualTo("0xde0b6b3a7640000"));
        Assert.That(Hex.EncodeQuantity(UInt256.MaxValue), Is.EqualTo("0x" + new string('f', 64)));
    }

    [Test]
    public void EncodeQuantity_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hex.EncodeQuantity(BigInteger.MinusOne));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hex.EncodeQuantity(UInt256.MaxValue + 1));
    }

    [Test]
    public void DecodeQuantity_LeadingZeros_ToleratedWithSameValue()
    {
        Assert.That(Hex.DecodeQuantityUInt64("0x0400"), Is.EqualTo(0x400UL));
        Assert.That(Hex.DecodeQuantity("0x00"), Is.EqualTo(BigInteger.Zero));
    }

    [TestCase("0x", "no digits")]
    [TestCase("400", "must start with 0x")]
    [TestCase("0x1z", "not a hex digit")]
    [TestCase("0x10000000000000000", "does not fit in 64 bits")]
    public void DecodeQuantityUInt64_Malformed_Throws(string input, string expected)
    {
        var e = Assert.Throws<FormatException>(() => Hex.DecodeQuantityUInt64(input));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void DecodeQuantity_Above256Bits_Throws()
    {
        Assert.That(Hex.DecodeQuantity("0x" + new string('f', 64)), Is.EqualTo(UInt256.MaxValue));
        var e = Assert.Throws<FormatException>(() => Hex.DecodeQuantity("0x1" + new string('0', 64)));
        Assert.That(e!.Message, Does.Contain("256 bits"));
    }

    [Test]
    public void DecodeQuantity_OddDigitCount_Parses()
    {
        Assert.That(Hex.DecodeQuantity("0xabc"), Is.EqualTo(new BigInteger(0xabc)));
    }
}
