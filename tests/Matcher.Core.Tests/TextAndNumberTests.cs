using Matcher.Core.Numbers;
using Matcher.Core.Text;

namespace Matcher.Core.Tests;

public class TextAndNumberTests
{
    [TestCase("0.01", 1L, 2)]
    [TestCase("30000.010", 3000001L, 2)]
    [TestCase("-1.5", -15L, 1)]
    [TestCase("7", 7L, 0)]
    [TestCase("0.000000000000000001", 1L, 18)]
    public void ScaledDecimal_TryParse_ValidText_Normalises(string text, long mantissa, int scale)
    {
        Assert.That(ScaledDecimal.TryParse(text, out var value), Is.True);
        Assert.That((value.Mantissa, (int)value.Scale), Is.EqualTo((mantissa, scale)));
    }

    [TestCase("")]
    [TestCase("1.")]
    [TestCase(".5")]
    [TestCase("1e5")]
    [TestCase("1,000")]
    [TestCase("--1")]
    [TestCase("99999999999999999999")]
    [TestCase("0.0000000000000000001")]
    public void ScaledDecimal_TryParse_InvalidText_Fails(string text) =>
        Assert.That(ScaledDecimal.TryParse(text, out _), Is.False);

    [TestCase("30000.01", "0.01", true, 3000001L)]
    [TestCase("30000.015", "0.01", false, 0L)]
    [TestCase("0.5", "0.0001", true, 5000L)]
    [TestCase("1", "0.3", false, 0L)]
    public void ScaledDecimal_TryDivideExact_CountsWholeStepsOnly(string value, string step, bool exact, long count)
    {
        Assert.That(ScaledDecimal.Parse(value).TryDivideExact(ScaledDecimal.Parse(step), out var actual), Is.EqualTo(exact));
        Assert.That(actual, Is.EqualTo(count));
    }

    [TestCase("0.01")]
    [TestCase("-3")]
    [TestCase("1234.5678")]
    [TestCase("0")]
    public void ScaledDecimal_ToString_RoundTrips(string text) =>
        Assert.That(ScaledDecimal.Parse(text).ToString(), Is.EqualTo(text));

    [Test]
    public void ClientOrderId_RoundTripsAndCompares()
    {
        var id = ClientOrderId.From("order-42");
        Assert.That(id.ToString(), Is.EqualTo("order-42"));
        Assert.That(id, Is.EqualTo(ClientOrderId.From("order-42")));
        Assert.That(id, Is.Not.EqualTo(ClientOrderId.From("order-43")));
        Assert.That(id.Hash64(), Is.Not.EqualTo(ClientOrderId.From("order-43").Hash64()));
        Assert.That(default(ClientOrderId).IsEmpty, Is.True);
    }

    [Test]
    public void ClientOrderId_TooLongOrNotAscii_IsRefused()
    {
        Assert.That(ClientOrderId.TryCreate(new string('x', 32), out _), Is.True);
        Assert.That(ClientOrderId.TryCreate(new string('x', 33), out _), Is.False);
        Assert.That(ClientOrderId.TryCreate("caf\u00e9", out _), Is.False);
        Assert.That(ClientOrderId.TryCreate("tab\there", out _), Is.False);
    }

    [Test]
    public void Symbol_EmptyIsRefused() => Assert.That(Symbol.TryCreate("", out _), Is.False);
}
