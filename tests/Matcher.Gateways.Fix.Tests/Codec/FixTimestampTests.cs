using System.Text;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Tests.Codec;

public sealed class FixTimestampTests
{
    [Test]
    public void Write_KnownTime_WritesMilliseconds()
    {
        var buffer = new byte[FixTimestamp.Length];
        FixTimestamp.Write(buffer, 1_709_646_310_123_999_999);
        Assert.That(Encoding.ASCII.GetString(buffer), Is.EqualTo("20240305-13:45:10.123"));
    }

    [TestCase("20240305-13:45:10", 1_709_646_310_000_000_000)]
    [TestCase("20240305-13:45:10.123", 1_709_646_310_123_000_000)]
    [TestCase("20240305-13:45:10.123456", 1_709_646_310_123_456_000)]
    [TestCase("20240305-13:45:10.123456789", 1_709_646_310_123_456_789)]
    [TestCase("19700101-00:00:00.000", 0)]
    [TestCase("20240229-23:59:59.999", 1_709_251_199_999_000_000)]
    public void TryParse_ValidShapes_ReadsNanoseconds(string text, long expected)
    {
        Assert.That(FixTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("2024030513:45:10")]
    [TestCase("20240230-13:45:10")]
    [TestCase("20231301-13:45:10")]
    [TestCase("20240305-24:00:00")]
    [TestCase("20240305-13:60:00")]
    [TestCase("20240305-13:45:10.12")]
    [TestCase("20240305-13:45:10,123")]
    [TestCase("2024030a-13:45:10")]
    [TestCase("19691231-23:59:59")]
    public void TryParse_BadShapes_IsFalse(string text) =>
        Assert.That(FixTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out _), Is.False);

    [Test]
    public void WriteThenParse_RoundTripsToTheMillisecond()
    {
        var random = new Random(3);
        var buffer = new byte[FixTimestamp.Length];
        for (var i = 0; i < 1000; i++)
        {
            var ns = random.NextInt64(0, 4_000_000_000_000_000_000);
            FixTimestamp.Write(buffer, ns);
            Assert.That(FixTimestamp.TryParse(buffer, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(ns / 1_000_000 * 1_000_000));
        }
    }
}
