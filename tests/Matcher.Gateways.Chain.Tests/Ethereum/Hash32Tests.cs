using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

public sealed class Hash32Tests
{
    private const string Sample = "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";

    [Test]
    public void Parse_ToString_RoundTrips()
    {
        var hash = Hash32.Parse(Sample);

        Assert.That(hash.ToString(), Is.EqualTo(Sample));
        Assert.That(Hash32.Parse(Sample.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)), Is.EqualTo(hash));
        Assert.That(hash.ToArray()[0], Is.EqualTo(0xda));
        Assert.That(hash.ToArray()[31], Is.EqualTo(0x53));
    }

    [Test]
    public void Equality_ByValue()
    {
        var a = Hash32.Parse(Sample);
        var b = new Hash32(a.ToArray());
        var bytes = a.ToArray();
        bytes[31] ^= 1;
        var c = new Hash32(bytes);

        Assert.That(a == b, Is.True);
        Assert.That(a.Equals((object)b), Is.True);
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a != c, Is.True);
        Assert.That(Hash32.Zero.IsZero, Is.True);
        Assert.That(a.IsZero, Is.False);
    }

    [TestCase("0xdaf5")]
    [TestCase("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e5300")]
    [TestCase("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e5z")]
    public void Parse_Malformed_Throws(string input)
    {
        Assert.Throws<FormatException>(() => Hash32.Parse(input));
        Assert.That(Hash32.TryParse(input, out _), Is.False);
    }

    [Test]
    public void Constructor_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => _ = new Hash32(new byte[31]));
    }
}
