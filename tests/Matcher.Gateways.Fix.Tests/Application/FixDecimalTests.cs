using System.Text;
using Matcher.Core.Numbers;
using Matcher.Gateways.Fix.Application;

namespace Matcher.Gateways.Fix.Tests.Application;

public class FixDecimalTests
{
    [TestCase("30000.01", 3000001, 2)]
    [TestCase("0.5", 5, 1)]
    [TestCase("-1.25", -125, 2)]
    [TestCase("7", 7, 0)]
    public void TryParse_PlainDecimal_GivesMantissaAndScale(string text, long mantissa, int scale)
    {
        Assert.That(FixDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var value), Is.True);
        Assert.That(value, Is.EqualTo(new ScaledDecimal(mantissa, scale)));
    }

    [TestCase("")]
    [TestCase("1e5")]
    [TestCase("+1")]
    [TestCase(".5")]
    [TestCase("1.")]
    [TestCase("1,5")]
    [TestCase("99999999999999999999")]
    public void TryParse_NotAPlainDecimal_Fails(string text) =>
        Assert.That(FixDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _), Is.False);

    [TestCase(3000001, 2, "30000.01")]
    [TestCase(3000000, 2, "30000")]
    [TestCase(50, 2, "0.5")]
    [TestCase(-125, 2, "-1.25")]
    [TestCase(0, 4, "0")]
    [TestCase(1, 8, "0.00000001")]
    public void Format_TrimsTrailingZeros(long mantissa, int scale, string expected)
    {
        Span<byte> bytes = stackalloc byte[64];
        var length = FixDecimal.Format(mantissa, scale, bytes);
        Assert.That(Encoding.ASCII.GetString(bytes[..length]), Is.EqualTo(expected));
    }

    [Test]
    public void FormatMultiple_TicksTimesTickSize_IsThePrice()
    {
        Span<byte> bytes = stackalloc byte[64];
        var length = FixDecimal.FormatMultiple(new ScaledDecimal(1, 2), 3_000_001, bytes);
        Assert.That(Encoding.ASCII.GetString(bytes[..length]), Is.EqualTo("30000.01"));
    }
}
