using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Scenarios;

/// <summary>On a manual clock: the bucket refills only when the test moves time.</summary>
public sealed class ThrottleTests
{
    [Test]
    public async Task ApplicationMessages_OverTheLimit_GetBusinessRejectAndAreNotDelivered()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = AcceptorHarness.Start(id => AcceptorHarness.Settings(id, throttle: 3), time: time);
        var client = await harness.LogonAsync(1);

        for (var i = 0; i < 5; i++)
        {
            await client.SendOrderAsync($"o{i}");
        }

        var first = await client.ExpectAsync("j");
        var second = await client.ExpectAsync("j");
        Assert.That(
            (first.GetLong(FixTags.RefSeqNum), first.Get(FixTags.RefMsgType), first.Get(FixTags.BusinessRejectRefID), first.GetLong(FixTags.BusinessRejectReason)),
            Is.EqualTo((5L, "D", "o3", 99L)));
        Assert.That(first.Get(FixTags.Text), Is.EqualTo("Throttle limit exceeded: 3 messages/s"));
        Assert.That(second.Get(FixTags.BusinessRejectRefID), Is.EqualTo("o4"));
        Assert.That(harness.Application.Messages(1).Select(m => m.Get(FixTags.ClOrdID)), Is.EqualTo(new[] { "o0", "o1", "o2" }));
        Assert.That(Volatile.Read(ref harness.Session(1).Counters.Throttled), Is.EqualTo(2));
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(7), "throttled messages are consumed");

        time.Advance(TimeSpan.FromSeconds(1));
        await client.SendOrderAsync("later");
        await client.SyncAsync();
        Assert.That(harness.Application.Messages(1)[^1].Get(FixTags.ClOrdID), Is.EqualTo("later"));
    }

    [Test]
    public async Task AdminMessages_AreNotThrottled()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = AcceptorHarness.Start(id => AcceptorHarness.Settings(id, throttle: 1), time: time);
        var client = await harness.LogonAsync(1);

        for (var i = 0; i < 5; i++)
        {
            await client.SyncAsync($"t{i}");
        }

        Assert.That(Volatile.Read(ref harness.Session(1).Counters.Throttled), Is.Zero);
    }
}
