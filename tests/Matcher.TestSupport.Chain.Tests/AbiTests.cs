using System.Numerics;

namespace Matcher.TestSupport.Chain.Tests;

/// <summary>Keccak-256 and the hand-written ABI encoding against known values.</summary>
public sealed class AbiTests
{
    [TestCase("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [TestCase("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Keccak256_KnownInput_GivesKnownDigest(string input, string digest)
    {
        Assert.That(Convert.ToHexStringLower(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(input))), Is.EqualTo(digest));
    }

    // Around the 136-byte rate: one block short, exactly one block (padding takes a second), and two blocks.
    [TestCase(135, "34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446")]
    [TestCase(136, "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e")]
    [TestCase(200, "96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d")]
    public void Keccak256_InputsAroundTheRate_GiveKnownDigests(int length, string digest)
    {
        var input = new byte[length];
        Array.Fill(input, (byte)'a');

        Assert.That(Convert.ToHexStringLower(Keccak256.Hash(input)), Is.EqualTo(digest));
    }

    [Test]
    public void SelectorAndTopic_Erc20Signatures_AreTheWellKnownOnes()
    {
        Assert.That(Abi.Selector("transfer(address,uint256)"), Is.EqualTo("0xa9059cbb"));
        Assert.That(Abi.Selector("approve(address,uint256)"), Is.EqualTo("0x095ea7b3"));
        Assert.That(Abi.Topic("Transfer(address,address,uint256)"),
            Is.EqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"));
    }

    [Test]
    public void EncodeCall_AddressAndUint_PadsEachToAWord()
    {
        var data = Abi.EncodeCall("transfer(address,uint256)", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", new BigInteger(1000));

        Assert.That(data, Is.EqualTo(
            "0xa9059cbb" +
            "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8" +
            "00000000000000000000000000000000000000000000000000000000000003e8"));
    }

    [Test]
    public void EncodeArguments_Strings_PutOffsetsInTheHeadAndPaddedBytesInTheTail()
    {
        var data = Abi.EncodeArguments(["string", "string", "uint8"], "Test USD", "TUSD", (byte)6);

        Assert.That(data, Is.EqualTo(
            "0x" +
            "0000000000000000000000000000000000000000000000000000000000000060" +
            "00000000000000000000000000000000000000000000000000000000000000a0" +
            "0000000000000000000000000000000000000000000000000000000000000006" +
            "0000000000000000000000000000000000000000000000000000000000000008" +
            "5465737420555344000000000000000000000000000000000000000000000000" +
            "0000000000000000000000000000000000000000000000000000000000000004" +
            "5455534400000000000000000000000000000000000000000000000000000000"));
    }

    [Test]
    public void EncodeCall_ValueTooWideForTheType_Throws()
    {
        Assert.That(() => Abi.EncodeCall("withdrawn(uint64)", BigInteger.One << 64), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Abi.EncodeCall("withdrawn(uint64)", -1L), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Abi.EncodeCall("f(address)", "0x1234"), Throws.InstanceOf<FormatException>());
        Assert.That(() => Abi.EncodeCall("f(uint256,uint256)", 1), Throws.ArgumentException);
        Assert.That(() => Abi.EncodeCall("f(bytes32)", 1), Throws.InstanceOf<NotSupportedException>());
    }

    [Test]
    public void Decode_Words_ReadUintAddressAndBool()
    {
        const string Data =
            "0x" +
            "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8" +
            "0000000000000000000000000000000000000000000000000de0b6b3a7640000" +
            "0000000000000000000000000000000000000000000000000000000000000001";

        Assert.That(Abi.DecodeAddress(Data), Is.EqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"));
        Assert.That(Abi.DecodeUint(Data, 1), Is.EqualTo(BigInteger.Pow(10, 18)));
        Assert.That(Abi.DecodeBool(Data, 2), Is.True);
        Assert.That(() => Abi.DecodeUint(Data, 3), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase(0, "0x0")]
    [TestCase(26, "0x1a")]
    [TestCase(256, "0x100")]
    public void Quantity_RoundTrips(long value, string hex)
    {
        Assert.That(Hex.Quantity(value), Is.EqualTo(hex));
        Assert.That(Hex.ParseLong(hex), Is.EqualTo(value));
    }
}
