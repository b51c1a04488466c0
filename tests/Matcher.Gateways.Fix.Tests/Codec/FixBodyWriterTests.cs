using System.Text;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Tests.Codec;

public sealed class FixBodyWriterTests
{
    [Test]
    public void Add_EveryKind_WritesTagValueSoh()
    {
        var writer = new FixBodyWriter(8);
        writer.Add(11, "abc").Add(38, 1234L).Add(39, (byte)'2').Add(55, "ETH"u8).Add(14, -5L).AddTimestamp(60, 1_709_646_310_123_456_789);

        Assert.That(Text(writer), Is.EqualTo("11=abc|38=1234|39=2|55=ETH|14=-5|60=20240305-13:45:10.123|"));
    }

    [TestCase(12345L, 2, "123.45")]
    [TestCase(5L, 3, "0.005")]
    [TestCase(-7L, 0, "-7")]
    [TestCase(-12L, 3, "-0.012")]
    [TestCase(100L, 2, "1.00")]
    [TestCase(0L, 2, "0.00")]
    [TestCase(long.MinValue, 0, "-9223372036854775808")]
    public void AddDecimal_ScaledInteger_WritesExactDecimal(long unscaled, int scale, string expected)
    {
        var writer = new FixBodyWriter();
        writer.AddDecimal(44, unscaled, scale);
        Assert.That(Text(writer), Is.EqualTo($"44={expected}|"));
    }

    [Test]
    public void Clear_AfterWriting_StartsEmpty()
    {
        var writer = new FixBodyWriter();
        writer.Add(58, "x");
        writer.Clear();
        writer.Add(58, "y");
        Assert.That(Text(writer), Is.EqualTo("58=y|"));
    }

    [Test]
    public void Add_ManyFields_GrowsTheBuffer()
    {
        var writer = new FixBodyWriter(4);
        for (var i = 0; i < 1000; i++)
        {
            writer.Add(58, "0123456789");
        }

        Assert.That(writer.Written.Length, Is.EqualTo(1000 * 14));
    }

    [Test]
    public void Add_BadValues_ThrowAndLeaveTheWriterUnchanged()
    {
        var writer = new FixBodyWriter();
        writer.Add(11, "ok");
        Assert.Throws<ArgumentException>(() => writer.Add(58, ""));
        Assert.Throws<ArgumentException>(() => writer.Add(58, "a\u0001b"));
        Assert.Throws<ArgumentException>(() => writer.Add(58, "caf\u00e9"));
        Assert.Throws<ArgumentException>(() => writer.Add(58, "a\u0001"u8));
        Assert.Throws<ArgumentException>(() => writer.Add(58, ReadOnlySpan<byte>.Empty));
        Assert.Throws<ArgumentException>(() => writer.Add(39, (byte)1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add(0, "x"));
        Assert.That(Text(writer), Is.EqualTo("11=ok|"));
    }

    private static string Text(FixBodyWriter writer) => Encoding.ASCII.GetString(writer.Written).Replace('\u0001', '|');
}
