using System.Text;
using Matcher.Gateways.Chain.Ethereum;
using Org.BouncyCastle.Crypto.Digests;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

public sealed class Keccak256Tests
{
    [TestCase("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [TestCase("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [TestCase("Transfer(address,address,uint256)", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")]
    public void Hash_PublishedVector_Matches(string input, string expected)
    {
        Assert.That(Keccak256.Hash(Encoding.ASCII.GetBytes(input)).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Hash_OneMillionLetterA_MatchesPublishedVector()
    {
        // Keccak-256('a' * 1,000,000): thousands of 136-byte blocks and many staging chunks.
        var input = new byte[1_000_000];
        input.AsSpan().Fill((byte)'a');

        Assert.That(
            Keccak256.Hash(input).ToString(),
            Is.EqualTo("0xfadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96"));
    }

    [Test]
    public void Hash_IntoSpan_WritesTheSameBytes()
    {
        var input = Encoding.ASCII.GetBytes("abc");
        var destination = new byte[40];

        Keccak256.Hash(input, destination);

        Assert.That(destination[..32], Is.EqualTo(Keccak256.Hash(input).ToArray()));
        Assert.That(destination[32..], Is.All.EqualTo(0), "bytes after the hash are untouched");
    }

    [Test]
    public void Hash_ShortDestination_Throws()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.Hash([1, 2, 3], new byte[31]));
    }

    [TestCase(135)]
    [TestCase(136)]
    [TestCase(137)]
    [TestCase(1088)]
    [TestCase(1089)]
    [TestCase(5000)]
    public void Hash_AroundRateAndChunkBoundaries_MatchesOneShotDigest(int length)
    {
        var input = new byte[length];
        for (var i = 0; i < length; i++)
        {
            input[i] = (byte)(i * 31);
        }

        var reference = new KeccakDigest(256);
        reference.BlockUpdate(input, 0, input.Length);
        var expected = new byte[32];
        reference.DoFinal(expected, 0);

        Assert.That(Keccak256.Hash(input).ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Hash_AfterFirstCall_AllocatesNothing()
    {
        var input = new byte[3000];
        Span<byte> destination = stackalloc byte[32];
        Keccak256.Hash(input, destination);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Keccak256.Hash(input, destination);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
