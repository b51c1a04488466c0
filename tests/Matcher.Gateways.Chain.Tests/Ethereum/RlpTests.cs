using System.Numerics;
using System.Text;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

public sealed class RlpTests
{
    private const string Lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";

    private static IEnumerable<TestCaseData> SpecVectors()
    {
        // The examples of the RLP specification (Ethereum wiki / ethereum.org).
        yield return new TestCaseData(RlpItem.FromText("dog"), "0x83646f67").SetName("dog");
        yield return new TestCaseData(RlpItem.List(RlpItem.FromText("cat"), RlpItem.FromText("dog")), "0xc88363617483646f67")
            .SetName("cat-dog list");
        yield return new TestCaseData(RlpItem.Empty, "0x80").SetName("empty string");
        yield return new TestCaseData(RlpItem.EmptyList, "0xc0").SetName("empty list");
        yield return new TestCaseData(RlpItem.FromUInt64(0), "0x80").SetName("integer 0");
        yield return new TestCaseData(RlpItem.FromBytes([0x00]), "0x00").SetName("byte 0x00");
        yield return new TestCaseData(RlpItem.FromUInt64(15), "0x0f").SetName("integer 15");
        yield return new TestCaseData(RlpItem.FromUInt64(1024), "0x820400").SetName("integer 1024");
        yield return new TestCaseData(
                RlpItem.List(
                    RlpItem.EmptyList,
                    RlpItem.List(RlpItem.EmptyList),
                    RlpItem.List(RlpItem.EmptyList, RlpItem.List(RlpItem.EmptyList))),
                "0xc7c0c1c0c3c0c1c0")
            .SetName("set theoretical three");
        yield return new TestCaseData(RlpItem.FromText(Lorem), "0xb838" + Convert.ToHexStringLower(Encoding.ASCII.GetBytes(Lorem)))
            .SetName("56-byte string");
    }

    [TestCaseSource(nameof(SpecVectors))]
    public void Encode_SpecVector_Matches(RlpItem item, string expected)
    {
        Assert.That(Hex.Encode(Rlp.Encode(item)), Is.EqualTo(expected));
        Assert.That(item.EncodedLength, Is.EqualTo((expected.Length - 2) / 2));
    }

    [TestCaseSource(nameof(SpecVectors))]
    public void Decode_SpecVector_ReencodesToSameBytes(RlpItem item, string encoded)
    {
        var decoded = Rlp.Decode(Hex.Decode(encoded));

        Assert.That(decoded.ToString(), Is.EqualTo(item.ToString()));
        Assert.That(Hex.Encode(Rlp.Encode(decoded)), Is.EqualTo(encoded));
    }

    [Test]
    public void Decode_CatDog_GivesTheStrings()
    {
        var list = Rlp.Decode(Hex.Decode("0xc88363617483646f67"));

        Assert.That(list.IsList, Is.True);
        Assert.That(list.Items.Select(i => Encoding.ASCII.GetString(i.Bytes.Span)), Is.EqualTo(new[] { "cat", "dog" }));
    }

    [Test]
    public void Encode_LongList_UsesLongFormHeader()
    {
        // 20 three-byte strings, 4 bytes each encoded: an 80-byte payload needs the 0xf8 form.
        var items = Enumerable.Range(0, 20).Select(_ => RlpItem.FromText("abc")).ToArray();
        var encoded = Rlp.Encode(RlpItem.List(items));

        Assert.That(encoded[..2], Is.EqualTo(new byte[] { 0xf8, 80 }));
        Assert.That(encoded.Length, Is.EqualTo(82));
        Assert.That(Rlp.Decode(encoded).Items, Has.Count.EqualTo(20));
    }

    [Test]
    public void Encode_1024ByteString_TwoLengthBytes()
    {
        var encoded = Rlp.Encode(RlpItem.FromBytes(new byte[1024]));

        Assert.That(encoded[..3], Is.EqualTo(new byte[] { 0xb9, 0x04, 0x00 }));
        Assert.That(Rlp.Decode(encoded).Bytes.Length, Is.EqualTo(1024));
    }

    [TestCase("0x8105", "single byte below 0x80")]
    [TestCase("0xb80548656c6c6f", "long form used for a length of 5")]
    [TestCase("0xf80548656c6c6f", "long form used for a length of 5")]
    [TestCase("0x83646f", "truncated")]
    [TestCase("0xb8", "truncated")]
    [TestCase("0xc3836162", "truncated")]
    [TestCase("0x8080", "trailing bytes")]
    [TestCase("0x", "empty")]
    public void Decode_NonCanonicalOrBroken_Refused(string input, string expected)
    {
        var e = Assert.Throws<RlpException>(() => Rlp.Decode(Hex.Decode(input)));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void Decode_LengthWithLeadingZero_Refused()
    {
        var input = new byte[3 + 56];
        input[0] = 0xb9;
        input[1] = 0x00;
        input[2] = 56;

        var e = Assert.Throws<RlpException>(() => Rlp.Decode(input));
        Assert.That(e!.Message, Does.Contain("leading zero"));
    }

    [Test]
    public void Decode_ChildRunningPastItsList_Refused()
    {
        // The list claims 2 payload bytes; its child claims 3. The input holds enough bytes
        // for the child, but they are outside the list.
        var e = Assert.Throws<RlpException>(() => Rlp.Decode(Hex.Decode("0xc283616263")));
        Assert.That(e!.Message, Does.Contain("truncated"));
    }

    [Test]
    public void Decode_NestedTooDeep_Refused()
    {
        var item = RlpItem.EmptyList;
        for (var i = 0; i < Rlp.MaxDepth + 1; i++)
        {
            item = RlpItem.List(item);
        }

        var e = Assert.Throws<RlpException>(() => Rlp.Decode(Rlp.Encode(item)));
        Assert.That(e!.Message, Does.Contain("deeper"));
    }

    [Test]
    public void ToUInt64_LeadingZeroOrTooLong_Refused()
    {
        Assert.That(RlpItem.FromBytes([0x04, 0x00]).ToUInt64(), Is.EqualTo(1024UL));
        Assert.Throws<RlpException>(() => RlpItem.FromBytes([0x00, 0x01]).ToUInt64());
        Assert.Throws<RlpException>(() => RlpItem.FromBytes(new byte[9] { 1, 0, 0, 0, 0, 0, 0, 0, 0 }).ToUInt64());
        Assert.Throws<RlpException>(() => RlpItem.EmptyList.ToUInt64());
    }

    [Test]
    public void FromInteger_RoundTripsAndRefusesOutOfRange()
    {
        var big = BigInteger.Parse("115792089237316195423570985008687907853269984665640564039457584007913129639935");

        Assert.That(RlpItem.FromInteger(big).ToBigInteger(), Is.EqualTo(big));
        Assert.That(RlpItem.FromInteger(BigInteger.Zero).Bytes.Length, Is.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpItem.FromInteger(big + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpItem.FromInteger(BigInteger.MinusOne));
    }

    [Test]
    public void Accessors_WrongShape_Refused()
    {
        Assert.Throws<RlpException>(() => _ = RlpItem.EmptyList.Bytes);
        Assert.Throws<RlpException>(() => _ = RlpItem.Empty.Items);
        Assert.Throws<RlpException>(() => RlpItem.FromBytes(new byte[19]).ToAddress());
        Assert.Throws<RlpException>(() => RlpItem.FromBytes(new byte[31]).ToHash32());
        Assert.Throws<RlpException>(() => RlpItem.List(RlpItem.Empty).ItemsExactly(2, "pair"));
    }
}
