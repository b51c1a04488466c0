using System.Numerics;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

public sealed class AbiTests
{
    private static readonly Address _recipient = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

    [TestCase("transfer(address,uint256)", "0xa9059cbb")]
    [TestCase("balanceOf(address)", "0x70a08231")]
    [TestCase("approve(address,uint256)", "0x095ea7b3")]
    [TestCase("transferFrom(address,address,uint256)", "0x23b872dd")]
    [TestCase("totalSupply()", "0x18160ddd")]
    public void Selector_KnownFunction_Matches(string signature, string expected)
    {
        Assert.That(Hex.Encode(Abi.Selector(signature)), Is.EqualTo(expected));
    }

    [TestCase("Transfer(address,address,uint256)", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")]
    [TestCase("Approval(address,address,uint256)", "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925")]
    public void EventTopic_KnownEvent_Matches(string signature, string expected)
    {
        Assert.That(Abi.EventTopic(signature).ToString(), Is.EqualTo(expected));
        Assert.That(AbiEvent.Parse(signature).Topic0.ToString(), Is.EqualTo(expected));
    }

    [TestCase("transfer(address, uint256)", "spaces")]
    [TestCase("transfer(address,uint)", "uint256")]
    [TestCase("transfer", "name(type")]
    [TestCase("(address)", "name(type")]
    [TestCase("1transfer(address)", "identifier")]
    [TestCase("f((address)", "unbalanced")]
    [TestCase("f(address))", "after its closing")]
    public void Selector_NonCanonicalSignature_Refused(string signature, string expected)
    {
        var e = Assert.Throws<FormatException>(() => Abi.Selector(signature));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void EncodeCall_Transfer_SelectorThenTwoWords()
    {
        var data = Abi.EncodeCall(
            "transfer(address,uint256)",
            AbiValue.FromAddress(_recipient),
            AbiValue.FromUInt256(BigInteger.Parse("1000000000000000000")));

        Assert.That(Hex.Encode(data), Is.EqualTo(
            "0xa9059cbb"
            + "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
            + "0000000000000000000000000000000000000000000000000de0b6b3a7640000"));
    }

    [Test]
    public void EncodeCall_AllSupportedKinds_OneWordEach()
    {
        var function = AbiFunction.Parse("f(uint64,bytes32,bool,bytes4)");
        var tag = Hash32.Parse("0x" + new string('a', 64));

        var data = function.EncodeCall(
            AbiValue.FromUInt64(ulong.MaxValue),
            AbiValue.FromBytes32(tag),
            AbiValue.FromBool(true),
            AbiValue.FromFixedBytes([0xde, 0xad, 0xbe, 0xef]));

        Assert.That(data, Has.Length.EqualTo(4 + (4 * 32)));
        Assert.That(Hex.Encode(data.AsSpan(4, 32)), Is.EqualTo("0x" + new string('0', 48) + new string('f', 16)));
        Assert.That(Hex.Encode(data.AsSpan(36, 32)), Is.EqualTo(tag.ToString()));
        Assert.That(data[4 + 95], Is.EqualTo(1));
        Assert.That(Hex.Encode(data.AsSpan(100, 32)), Is.EqualTo("0xdeadbeef" + new string('0', 56)));
        Assert.That(function.Selector.ToArray(), Is.EqualTo(Abi.Selector("f(uint64,bytes32,bool,bytes4)")));
    }

    [Test]
    public void EncodeCall_WrongArgumentCount_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Abi.EncodeCall("transfer(address,uint256)", AbiValue.FromAddress(_recipient)));
        Assert.That(e!.Message, Does.Contain("takes 2 arguments, got 1"));
    }

    [Test]
    public void EncodeCall_WrongKind_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Abi.EncodeCall("transfer(address,uint256)", AbiValue.FromUInt64(1), AbiValue.FromUInt64(1)));
        Assert.That(e!.Message, Does.Contain("argument 0 is address"));
    }

    [Test]
    public void EncodeCall_ValueTooLargeForItsType_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Abi.EncodeCall("f(uint64)", AbiValue.FromUInt256(new BigInteger(ulong.MaxValue) + 1)));
        Assert.That(e!.Message, Does.Contain("does not fit in uint64"));
        Assert.Throws<ArgumentException>(() => Abi.EncodeCall("f(bytes4)", AbiValue.FromFixedBytes([1, 2, 3, 4, 5])));
    }

    [TestCase("f(string)")]
    [TestCase("f(uint7)")]
    [TestCase("f(uint264)")]
    [TestCase("f(bytes)")]
    [TestCase("f(bytes33)")]
    [TestCase("f(int256)")]
    [TestCase("f(address[])")]
    public void AbiFunctionParse_UnsupportedType_Refused(string signature)
    {
        var e = Assert.Throws<FormatException>(() => AbiFunction.Parse(signature));
        Assert.That(e!.Message, Does.Contain("unsupported ABI type"));
    }

    [Test]
    public void DecodeUInt256_OneWord_Decodes()
    {
        var word = new byte[32];
        word[30] = 0x04;

        Assert.That(Abi.DecodeUInt256(word), Is.EqualTo(new BigInteger(1024)));
    }

    [TestCase(0)]
    [TestCase(31)]
    [TestCase(33)]
    [TestCase(64)]
    public void DecodeUInt256_WrongLength_Refused(int length)
    {
        var e = Assert.Throws<FormatException>(() => Abi.DecodeUInt256(new byte[length]));
        Assert.That(e!.Message, Does.Contain("must be 32 bytes"));
    }

    [Test]
    public void DecodeBool_OnlyZeroOrOne()
    {
        var word = new byte[32];
        Assert.That(Abi.DecodeBool(word), Is.False);
        word[31] = 1;
        Assert.That(Abi.DecodeBool(word), Is.True);
        word[31] = 2;
        Assert.Throws<FormatException>(() => Abi.DecodeBool(word));
        word[31] = 1;
        word[0] = 1;
        Assert.Throws<FormatException>(() => Abi.DecodeBool(word));
    }

    [Test]
    public void DecodeAddress_DirtyUpperBytes_Refused()
    {
        var word = new byte[32];
        _recipient.CopyTo(word.AsSpan(12));
        Assert.That(Abi.DecodeAddress(word), Is.EqualTo(_recipient));

        word[11] = 1;
        var e = Assert.Throws<FormatException>(() => Abi.DecodeAddress(word));
        Assert.That(e!.Message, Does.Contain("upper 12 bytes"));
    }

    [Test]
    public void DecodeStatic_SeveralWords_InOrder()
    {
        var data = new byte[96];
        data[31] = 7;
        data[63] = 1;
        _recipient.CopyTo(data.AsSpan(76));

        var values = Abi.DecodeStatic(data, "uint8", "bool", "address");

        Assert.That(values[0].AsUInt64(), Is.EqualTo(7UL));
        Assert.That(values[1].AsBool(), Is.True);
        Assert.That(values[2].AsAddress(), Is.EqualTo(_recipient));
        Assert.Throws<InvalidOperationException>(() => values[0].AsAddress());
    }

    [Test]
    public void AbiEventDecode_TransferLog_IndexedFromTopicsValueFromData()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed,address indexed,uint256)");
        var from = Address.Parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
        var topics = new[] { transfer.Topic0, AbiValue.FromAddress(from).Word, AbiValue.FromAddress(_recipient).Word };
        var data = AbiValue.FromUInt256(12345).Word.ToArray();

        var values = transfer.Decode(topics, data);

        Assert.That(transfer.Signature, Is.EqualTo("Transfer(address,address,uint256)"));
        Assert.That(transfer.IndexedCount, Is.EqualTo(2));
        Assert.That(values[0].AsAddress(), Is.EqualTo(from));
        Assert.That(values[1].AsAddress(), Is.EqualTo(_recipient));
        Assert.That(values[2].AsBigInteger(), Is.EqualTo(new BigInteger(12345)));
    }

    [Test]
    public void AbiEventDecode_MixedOrder_KeepsDeclarationOrder()
    {
        var deposit = AbiEvent.Parse("Deposit(uint64,address indexed,bytes32,uint256 indexed)");
        var account = AbiValue.FromAddress(_recipient).Word;
        var amount = AbiValue.FromUInt256(99).Word;
        var data = new byte[64];
        AbiValue.FromUInt64(5).Word.CopyTo(data);
        data.AsSpan(32).Fill(0xab);

        var values = deposit.Decode([deposit.Topic0, account, amount], data);

        Assert.That(deposit.Signature, Is.EqualTo("Deposit(uint64,address,bytes32,uint256)"));
        Assert.That(values.Select(v => v.Kind), Is.EqualTo(new[] { AbiKind.UnsignedInteger, AbiKind.Address, AbiKind.FixedBytes, AbiKind.UnsignedInteger }));
        Assert.That(values[0].AsUInt64(), Is.EqualTo(5UL));
        Assert.That(values[1].AsAddress(), Is.EqualTo(_recipient));
        Assert.That(values[2].AsBytes32().ToString(), Is.EqualTo("0x" + string.Concat(Enumerable.Repeat("ab", 32))));
        Assert.That(values[3].AsBigInteger(), Is.EqualTo(new BigInteger(99)));
    }

    [Test]
    public void AbiEventDecode_WrongShape_Refused()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed,address indexed,uint256)");
        var approval = Abi.EventTopic("Approval(address,address,uint256)");
        var word = AbiValue.FromAddress(_recipient).Word;
        var data = new byte[32];

        Assert.That(Assert.Throws<FormatException>(() => transfer.Decode([approval, word, word], data))!.Message, Does.Contain("not a Transfer"));
        Assert.That(Assert.Throws<FormatException>(() => transfer.Decode([transfer.Topic0, word], data))!.Message, Does.Contain("3 topics"));
        Assert.That(Assert.Throws<FormatException>(() => transfer.Decode([transfer.Topic0, word, word], new byte[64]))!.Message, Does.Contain("32 bytes"));
        Assert.That(Assert.Throws<FormatException>(() => transfer.Decode([], data))!.Message, Does.Contain("missing"));
        Assert.That(Assert.Throws<FormatException>(() => transfer.Decode([transfer.Topic0, transfer.Topic0, word], data))!.Message, Does.Contain("upper 12 bytes"));
    }

    [Test]
    public void AbiEventParse_FourIndexed_Refused()
    {
        Assert.Throws<FormatException>(() => AbiEvent.Parse("E(uint8 indexed,uint8 indexed,uint8 indexed,uint8 indexed)"));
    }
}
