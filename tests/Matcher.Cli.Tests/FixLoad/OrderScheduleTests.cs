using Matcher.Cli.FixLoad;

namespace Matcher.Cli.Tests.FixLoad;

public sealed class OrderScheduleTests
{
    private const long Nanoseconds = 1_000_000_000;

    [Test]
    public void TimeOf_EvenRate_SpacesOrdersEqually()
    {
        var schedule = new OrderSchedule(startTimestamp: 5_000, ratePerSecond: 10_000, Nanoseconds);

        Assert.Multiple(() =>
        {
            Assert.That(schedule.TimeOf(0), Is.EqualTo(5_000));
            Assert.That(schedule.TimeOf(1), Is.EqualTo(105_000));
            Assert.That(schedule.TimeOf(10_000), Is.EqualTo(5_000 + Nanoseconds));
        });
    }

    [Test]
    public void TimeOf_AnHourAtAnUnevenRate_DoesNotDrift()
    {
        var schedule = new OrderSchedule(startTimestamp: 0, ratePerSecond: 7, Nanoseconds);

        Assert.That(schedule.TimeOf(7L * 3600), Is.EqualTo(3600 * Nanoseconds));
    }

    [Test]
    public void CountDueBy_BeforeTheStart_IsZero()
    {
        var schedule = new OrderSchedule(startTimestamp: 1_000, ratePerSecond: 100, Nanoseconds);

        Assert.That(schedule.CountDueBy(999), Is.Zero);
    }

    [Test]
    public void CountDueBy_AtEachOrdersTime_CountsThatOrder()
    {
        var schedule = new OrderSchedule(startTimestamp: 1_000, ratePerSecond: 3, Nanoseconds);

        Assert.Multiple(() =>
        {
            Assert.That(schedule.CountDueBy(1_000), Is.EqualTo(1));
            Assert.That(schedule.CountDueBy(schedule.TimeOf(1) - 1), Is.EqualTo(1));
            Assert.That(schedule.CountDueBy(schedule.TimeOf(1)), Is.EqualTo(2));
            Assert.That(schedule.CountDueBy(1_000 + Nanoseconds - 1), Is.EqualTo(3), "3 orders in the first second");
        });
    }

    [Test]
    public void CountDueBy_RandomRatesAndTimes_AgreesWithTimeOf()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 2_000; trial++)
        {
            var frequency = random.Next(2) == 0 ? Nanoseconds : 10_000_000;
            var rate = random.NextInt64(1, 5_000_000);
            var start = random.NextInt64(0, 1L << 50);
            var schedule = new OrderSchedule(start, rate, frequency);
            var timestamp = start + random.NextInt64(0, 100 * frequency);

            var due = schedule.CountDueBy(timestamp);

            Assert.That(due, Is.GreaterThan(0));
            Assert.That(schedule.TimeOf(due - 1), Is.LessThanOrEqualTo(timestamp), $"order {due - 1} is due (rate {rate})");
            Assert.That(schedule.TimeOf(due), Is.GreaterThan(timestamp), $"order {due} is not yet due (rate {rate})");
        }
    }
}
