using System.Numerics;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

public sealed class TransactionTests
{
    private static readonly LegacyTransaction _eip155Example = new()
    {
        Nonce = 9,
        GasPrice = 20_000_000_000,
        GasLimit = 21000,
        To = Address.Parse("0x3535353535353535353535353535353535353535"),
        Value = BigInteger.Pow(10, 18),
        ChainId = 1,
    };

    [Test]
    public void LegacyEip155Example_SigningPayloadAndHash_MatchPublished()
    {
        Assert.That(
            Hex.Encode(_eip155Example.GetSigningPayload()),
            Is.EqualTo("0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080"));
        Assert.That(
            _eip155Example.GetSigningHash().ToString(),
            Is.EqualTo("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));
    }

    [Test]
    public void LegacyEip155Example_Signed_MatchesPublishedRawTransaction()
    {
        var signed = _eip155Example.Sign(TestKeys.Eip155Signer());

        Assert.That(signed.ToHex(), Is.EqualTo(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"));
        Assert.That(signed.Hash, Is.EqualTo(Keccak256.Hash(signed.Raw.Span)));
        Assert.That(signed.Signature.IsLowS, Is.True);
    }

    [Test]
    public void LegacyDecodeSigned_Eip155Example_RoundTripsAndRecoversSender()
    {
        var raw = _eip155Example.Sign(TestKeys.Eip155Signer()).Raw;

        var decoded = LegacyTransaction.DecodeSigned(raw.Span, out var signature);

        Assert.That(decoded.ChainId, Is.EqualTo(1UL));
        Assert.That(decoded.Nonce, Is.EqualTo(9UL));
        Assert.That(decoded.GasPrice, Is.EqualTo(new BigInteger(20_000_000_000)));
        Assert.That(decoded.To, Is.EqualTo(_eip155Example.To));
        Assert.That(decoded.Value, Is.EqualTo(_eip155Example.Value));
        Assert.That(
            Secp256k1Signer.Recover(decoded.GetSigningHash(), signature).ToChecksumString(),
            Is.EqualTo(TestKeys.Eip155Address));
    }

    [Test]
    public void LegacyDecodeSigned_PreEip155V_Refused()
    {
        // The EIP-155 example re-encoded with v = 27.
        var fields = Rlp.Decode(_eip155Example.Sign(TestKeys.Eip155Signer()).Raw).Items.ToArray();
        fields[6] = RlpItem.FromUInt64(27);

        var e = Assert.Throws<RlpException>(() => LegacyTransaction.DecodeSigned(Rlp.Encode(RlpItem.List(fields)), out _));
        Assert.That(e!.Message, Does.Contain("EIP-155"));
    }

    // Vectors of ethereumjs (packages/tx/test/json/eip1559.json): chain id 7822, to 0x…aaaa,
    // empty data and access list. Their file wraps each transaction in an RLP byte string
    // (the b87x prefix); the raw typed transaction starts at 02.
    [TestCase(819UL, 43203529L, 35552UL, 75853L, 121212L,
        "0x02f870821e8e8203338301284d8301d97c828ae094000000000000000000000000000000000000aaaa8402933bc980c080a0d067f2167008c59219652f91cbf8788dbca5f771f6e91e2b7657e85b78b472e0a01d305af9fe81fdba43f0dfcd400ed24dcace0a7e30d4e85701dcaaf484cd079e")]
    [TestCase(353UL, 61901619L, 32593UL, 38850L, 136295L,
        "0x02f86f821e8e8201618297c283021467827f5194000000000000000000000000000000000000aaaa8403b08b3380c001a004205678f13fc1d7b10feea6513dfa76e24418b6e08097d95c6f93a3b64e536da01d45ad61bfece43862de2cce7d2575a8c1d08c26c87f3cb5f26d7b0be54a91b2")]
    [TestCase(985UL, 32531825L, 68541UL, 66377L, 136097L,
        "0x02f871821e8e8203d983010349830213a183010bbd94000000000000000000000000000000000000aaaa8401f0657180c001a0e6d23c5ecc0f388a4d41a9523c3ad171e98083a61288c340b968dfe0903a6741a07319e8d54a4fd8f0c081d3ce093d869f9df598481991c8534bfd8f2c163884b4")]
    [TestCase(119UL, 65456115L, 62341UL, 24721L, 107729L,
        "0x02f86d821e8e778260918301a4d182f38594000000000000000000000000000000000000aaaa8403e6c7f380c001a0e38e239770801eb995498c821e55ac9c19ae09184bb27b34be105e02fe3b7615a067c64ca6bd6d9107e85fd581ab2e70a14b637eb36505bb40861ef9d6e800cab6")]
    public void Eip1559_EthereumJsVector_SignsByteForByte(
        ulong nonce, long value, ulong gasLimit, long maxPriorityFee, long maxFee, string expectedRaw)
    {
        var transaction = new Eip1559Transaction
        {
            ChainId = 7822,
            Nonce = nonce,
            MaxPriorityFeePerGas = maxPriorityFee,
            MaxFeePerGas = maxFee,
            GasLimit = gasLimit,
            To = Address.Parse("0x000000000000000000000000000000000000aaaa"),
            Value = value,
        };

        var signed = transaction.Sign(Secp256k1Signer.FromHex(TestKeys.EthereumJsPrivateKey));

        Assert.That(signed.ToHex(), Is.EqualTo(expectedRaw));
    }

    [Test]
    public void Eip1559_SignedThenDecoded_RoundTripsAndRecoversSender()
    {
        var signer = Secp256k1Signer.FromHex(TestKeys.AnvilPrivateKey);
        var transaction = new Eip1559Transaction
        {
            ChainId = 31337,
            Nonce = 3,
            MaxPriorityFeePerGas = 1_000_000_000,
            MaxFeePerGas = 30_000_000_000,
            GasLimit = 100_000,
            To = Address.Parse(TestKeys.Eip155Address),
            Value = BigInteger.Parse("123456789000000000000"),
            Data = Abi.EncodeCall("transfer(address,uint256)", AbiValue.FromAddress(signer.Address), AbiValue.FromUInt64(5)),
        };

        var signed = transaction.Sign(signer);
        var decoded = Eip1559Transaction.DecodeSigned(signed.Raw.Span, out var signature);

        Assert.That(signed.Raw.Span[0], Is.EqualTo(0x02));
        Assert.That(signature, Is.EqualTo(signed.Signature));
        Assert.That(decoded.ChainId, Is.EqualTo(transaction.ChainId));
        Assert.That(decoded.Nonce, Is.EqualTo(transaction.Nonce));
        Assert.That(decoded.MaxPriorityFeePerGas, Is.EqualTo(transaction.MaxPriorityFeePerGas));
        Assert.That(decoded.MaxFeePerGas, Is.EqualTo(transaction.MaxFeePerGas));
        Assert.That(decoded.GasLimit, Is.EqualTo(transaction.GasLimit));
        Assert.That(decoded.To, Is.EqualTo(transaction.To));
        Assert.That(decoded.Value, Is.EqualTo(transaction.Value));
        Assert.That(decoded.Data.ToArray(), Is.EqualTo(transaction.Data.ToArray()));
        Assert.That(decoded.GetSigningHash(), Is.EqualTo(transaction.GetSigningHash()));
        Assert.That(Secp256k1Signer.Recover(decoded.GetSigningHash(), signature), Is.EqualTo(signer.Address));
    }

    [Test]
    public void Eip1559_ContractCreation_EncodesEmptyTo()
    {
        var transaction = new Eip1559Transaction
        {
            ChainId = 1,
            Nonce = 0,
            MaxPriorityFeePerGas = 1,
            MaxFeePerGas = 2,
            GasLimit = 500_000,
            To = null,
            Data = new byte[] { 0x60, 0x00 },
        };

        var signed = transaction.Sign(TestKeys.Eip155Signer());
        var decoded = Eip1559Transaction.DecodeSigned(signed.Raw.Span, out _);

        Assert.That(Rlp.Decode(signed.Raw[1..]).Items[5].Bytes.Length, Is.Zero);
        Assert.That(decoded.To, Is.Null);
    }

    [Test]
    public void Eip1559_TipAboveFeeCap_Refused()
    {
        var transaction = new Eip1559Transaction
        {
            ChainId = 1,
            Nonce = 0,
            MaxPriorityFeePerGas = 3,
            MaxFeePerGas = 2,
            GasLimit = 21000,
            To = Address.Zero,
        };

        Assert.Throws<InvalidOperationException>(() => transaction.GetSigningPayload());
    }

    [Test]
    public void Eip1559DecodeSigned_Malformed_Refused()
    {
        var raw = new Eip1559Transaction
        {
            ChainId = 1,
            Nonce = 0,
            MaxPriorityFeePerGas = 1,
            MaxFeePerGas = 2,
            GasLimit = 21000,
            To = Address.Zero,
        }.Sign(TestKeys.Eip155Signer()).Raw.ToArray();

        Assert.That(Assert.Throws<RlpException>(() => Eip1559Transaction.DecodeSigned(raw.AsSpan(1), out _))!.Message, Does.Contain("type byte"));
        Assert.That(Assert.Throws<RlpException>(() => Eip1559Transaction.DecodeSigned([.. raw, 0x00], out _))!.Message, Does.Contain("trailing"));

        var fields = Rlp.Decode(raw.AsMemory(1)).Items.ToArray();
        var withAccessList = (RlpItem[])fields.Clone();
        withAccessList[8] = RlpItem.List(RlpItem.List(RlpItem.FromAddress(Address.Zero), RlpItem.EmptyList));
        Assert.That(
            Assert.Throws<RlpException>(() => Eip1559Transaction.DecodeSigned([0x02, .. Rlp.Encode(RlpItem.List(withAccessList))], out _))!.Message,
            Does.Contain("access list"));

        var badParity = (RlpItem[])fields.Clone();
        badParity[9] = RlpItem.FromUInt64(2);
        Assert.That(
            Assert.Throws<RlpException>(() => Eip1559Transaction.DecodeSigned([0x02, .. Rlp.Encode(RlpItem.List(badParity))], out _))!.Message,
            Does.Contain("yParity"));

        var zeroR = (RlpItem[])fields.Clone();
        zeroR[10] = RlpItem.Empty;
        Assert.That(
            Assert.Throws<RlpException>(() => Eip1559Transaction.DecodeSigned([0x02, .. Rlp.Encode(RlpItem.List(zeroR))], out _))!.Message,
            Does.Contain("out of range"));
    }
}
