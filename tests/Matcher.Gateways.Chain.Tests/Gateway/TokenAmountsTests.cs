using System.Numerics;
using Matcher.Gateways.Chain;

namespace Matcher.Gateways.Chain.Tests.Gateway;

public sealed class TokenAmountsTests
{
    [TestCase("1000000000000000000", 18, 8, true, 100_000_000L)]
    [TestCase("1000000000000000001", 18, 8, false, 0L)]
    [TestCase("1500000", 6, 6, true, 1_500_000L)]
    [TestCase("15", 2, 6, true, 150_000L)]
    [TestCase("0", 18, 8, false, 0L)]
    [TestCase("-5", 6, 6, false, 0L)]
    [TestCase("100000000000000000000000000000", 6, 6, false, 0L)]
    public void Token_amounts_become_units_only_when_exact(string amount, int decimals, int scale, bool ok, long units)
    {
        Assert.That(TokenAmounts.TryToUnits(BigInteger.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), decimals, scale, out var result), Is.EqualTo(ok));
        Assert.That(result, Is.EqualTo(units));
    }

    [TestCase(100_000_000L, 18, 8, true, "1000000000000000000")]
    [TestCase(150_000L, 2, 6, true, "15")]
    [TestCase(150_001L, 2, 6, false, "0")]
    [TestCase(0L, 6, 6, false, "0")]
    public void Units_become_token_amounts_only_when_exact(long units, int decimals, int scale, bool ok, string amount)
    {
        Assert.That(TokenAmounts.TryToTokens(units, decimals, scale, out var result), Is.EqualTo(ok));
        if (ok)
        {
            Assert.That(result.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(amount));
        }
    }
}
