using Matcher.Cli.Sim;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;

namespace Matcher.Cli.Tests;

/// <summary>The pieces of the formats: enum names, times and decimal strings.</summary>
public sealed class FormatTests
{
    [Test]
    public void EnumNames_EveryMemberOfEveryCoreEnum_RoundTripsUnderAUniqueName()
    {
        Assert.Multiple(() =>
        {
            RoundTrips<CommandType>();
            RoundTrips<EventType>();
            RoundTrips<RejectReason>();
            RoundTrips<CancelReason>();
            RoundTrips<WithdrawalState>();
            RoundTrips<Side>();
            RoundTrips<OrderType>();
            RoundTrips<TimeInForce>();
            RoundTrips<SelfTradePrevention>();
            RoundTrips<InstrumentStatus>();
        });
    }

    [TestCase(TimeInForce.GoodTillCancel, "gtc")]
    [TestCase(TimeInForce.ImmediateOrCancel, "ioc")]
    [TestCase(TimeInForce.FillOrKill, "fok")]
    [TestCase(TimeInForce.GoodTillDate, "gtd")]
    public void EnumNames_TimeInForce_UsesShortCodes(TimeInForce value, string expected) =>
        Assert.That(EnumNames<TimeInForce>.Name(value), Is.EqualTo(expected));

    [Test]
    public void EnumNames_PascalCaseMembers_AreSnakeCase()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EnumNames<RejectReason>.Name(RejectReason.PostOnlyWouldTake), Is.EqualTo("post_only_would_take"));
            Assert.That(EnumNames<CancelReason>.Name(CancelReason.ImmediateOrCancel), Is.EqualTo("immediate_or_cancel"));
            Assert.That(EnumNames<SelfTradePrevention>.Name(SelfTradePrevention.DecrementAndCancel), Is.EqualTo("decrement_and_cancel"));
            Assert.That(EnumNames<CommandType>.Name(CommandType.QueryStateHash), Is.EqualTo("query_state_hash"));
            Assert.That(EnumNames<EventType>.Name((EventType)999), Is.EqualTo("999"), "an unknown value prints as its number");
        });
    }

    [TestCase("2024-01-01T00:00:00Z", 1_704_067_200_000_000_000L)]
    [TestCase("2024-01-01T00:00:00.5Z", 1_704_067_200_500_000_000L)]
    [TestCase("2024-01-01T00:00:00.000000001Z", 1_704_067_200_000_000_001L)]
    [TestCase("2024-01-01T00:00:00.123456789+00:00", 1_704_067_200_123_456_789L)]
    [TestCase("1970-01-01T00:00:00Z", 0L)]
    [TestCase("2262-04-11T23:47:16.854775807Z", long.MaxValue)]
    public void Timestamps_TryParse_ReadsNanoseconds(string text, long expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Timestamps.TryParse(text, out var nanoseconds), Is.True);
            Assert.That(nanoseconds, Is.EqualTo(expected));
        });
    }

    [TestCase("2024-01-01T00:00:00")]
    [TestCase("2024-01-01T00:00:00+01:00")]
    [TestCase("2024-01-01 00:00:00Z")]
    [TestCase("2024-01-01T00:00:00.Z")]
    [TestCase("2024-01-01T00:00:00.1234567891Z")]
    [TestCase("2024-01-01T00:00:00.12a4Z")]
    [TestCase("1969-12-31T23:59:59Z")]
    [TestCase("2262-04-11T23:47:16.854775808Z")]
    [TestCase("2024-02-30T00:00:00Z")]
    public void Timestamps_TryParse_RefusesOtherForms(string text) =>
        Assert.That(Timestamps.TryParse(text, out _), Is.False);

    [TestCase(0L, "1970-01-01T00:00:00.000000000Z")]
    [TestCase(1_704_067_200_000_000_001L, "2024-01-01T00:00:00.000000001Z")]
    [TestCase(long.MaxValue, "2262-04-11T23:47:16.854775807Z")]
    public void Timestamps_Format_WritesNineFractionalDigits(long nanoseconds, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Timestamps.Format(nanoseconds), Is.EqualTo(expected));
            Assert.That(Timestamps.TryParse(expected, out var back) ? back : -1, Is.EqualTo(nanoseconds));
        });
    }

    [TestCase("0.01", 3_000_001L, "30000.01")]
    [TestCase("0.01", 100L, "1")]
    [TestCase("0.5", 3L, "1.5")]
    [TestCase("25", 4L, "100")]
    [TestCase("0.00000001", 1L, "0.00000001")]
    [TestCase("0.01", 0L, "0")]
    [TestCase("0.01", -150L, "-1.5")]
    public void DecimalText_Multiple_MatchesScaledDecimalAndHasOneSpelling(string step, long count, string expected)
    {
        var size = ScaledDecimal.Parse(step);
        Assert.Multiple(() =>
        {
            Assert.That(DecimalText.Multiple(size, count), Is.EqualTo(expected));
            Assert.That(size.TryMultiply(count, out var product) ? product.ToString() : null, Is.EqualTo(expected), "same text as the core's PriceOf");
        });
    }

    [Test]
    public void DecimalText_Multiple_BeyondSixtyFourBits_DoesNotThrow() =>
        Assert.That(DecimalText.Multiple(ScaledDecimal.Parse("0.05"), long.MaxValue), Is.EqualTo("461168601842738790.35"));

    [TestCase("30000.015", "0.01", false)]
    [TestCase("30000.01", "0.01", true)]
    [TestCase("1.5", "0.5", true)]
    [TestCase("1.25", "0.5", false)]
    [TestCase("0", "0.5", true)]
    public void Conversions_IsMultiple_IsExact(string value, string step, bool expected) =>
        Assert.That(Conversions.IsMultiple(ScaledDecimal.Parse(value), ScaledDecimal.Parse(step)), Is.EqualTo(expected));

    private static void RoundTrips<T>()
        where T : struct, Enum
    {
        var names = new HashSet<string>();
        foreach (var value in Enum.GetValues<T>())
        {
            var name = EnumNames<T>.Name(value);
            Assert.That(names.Add(name), Is.True, $"{typeof(T).Name}.{value} has a unique name");
            Assert.That(name, Does.Match("^[a-z0-9_]+$"), $"{typeof(T).Name}.{value}");
            Assert.That(EnumNames<T>.TryParse(name, out var back) ? back : default(T?), Is.EqualTo(value), $"{typeof(T).Name}.{value}");
        }
    }
}
