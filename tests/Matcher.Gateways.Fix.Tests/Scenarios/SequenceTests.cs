using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Scenarios;

public sealed class SequenceTests
{
    [Test]
    public async Task MsgSeqNum_TooHigh_AsksForTheGapAndProcessesInOrderOnceFilled()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendOrderAsync("o5", seqNum: 5);
        var resend = await client.ExpectAsync("2");
        Assert.That((resend.GetLong(FixTags.BeginSeqNo), resend.GetLong(FixTags.EndSeqNo)), Is.EqualTo((2L, 0L)));
        await client.SendOrderAsync("o6", seqNum: 6); // also ahead: kept, no second ResendRequest

        // The client answers: 2 was admin (gap fill to 3), 3 and 4 resent, 5 and 6 again (duplicates by then).
        await client.SendAsync("4", body => body.Add(FixTags.GapFillFlag, (byte)'Y').Add(FixTags.NewSeqNo, 3L), seqNum: 2, possDup: true);
        await client.SendOrderAsync("o3", seqNum: 3, possDup: true);
        await client.SendOrderAsync("o4", seqNum: 4, possDup: true);
        await client.SendOrderAsync("o5", seqNum: 5, possDup: true);
        await client.SendOrderAsync("o6", seqNum: 6, possDup: true);
        client.NextSeqNum = 7;
        await client.SyncAsync();

        Assert.That(harness.Application.Messages(1).Select(m => m.Get(FixTags.ClOrdID)), Is.EqualTo(new[] { "o3", "o4", "o5", "o6" }));
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(8));
    }

    [Test]
    public async Task MsgSeqNum_TooLowWithoutPossDup_LogsOutWithTheExpectedText()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        await client.SendOrderAsync("a", seqNum: 2);

        await client.SendOrderAsync("again", seqNum: 2);

        var logout = await client.ExpectAsync("5");
        Assert.That(logout.Get(FixTags.Text), Is.EqualTo("MsgSeqNum too low, expecting 3 but received 2"));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That((await harness.Application.WaitForAsync("disconnect", 1)).Graceful, Is.False);
        Assert.That(harness.Application.Messages(1).Select(m => m.Get(FixTags.ClOrdID)), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task MsgSeqNum_TooLowWithPossDup_IsIgnored()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        await client.SendOrderAsync("a", seqNum: 2);

        await client.SendOrderAsync("a", seqNum: 2, possDup: true);
        client.NextSeqNum = 3;
        await client.SendOrderAsync("b");
        await client.SyncAsync(); // the Heartbeat comes next: no Reject, no Logout before it

        Assert.That(harness.Application.Messages(1).Select(m => m.Get(FixTags.ClOrdID)), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(harness.Session(1).IsLoggedOn, Is.True);
    }

    [Test]
    public async Task SequenceReset_ResetMode_MovesTheExpectedNumberWhateverItsOwn()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendAsync("4", body => body.Add(FixTags.NewSeqNo, 20L), seqNum: 99);
        client.NextSeqNum = 20;
        await client.SendOrderAsync("at 20");
        await client.SyncAsync();

        Assert.That(harness.Application.Messages(1).Single().Get(FixTags.ClOrdID), Is.EqualTo("at 20"));
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(22));
    }

    [Test]
    public async Task SequenceReset_ResetModeGoingBack_IsRejected()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        client.NextSeqNum = 2;
        await client.SendOrderAsync("a");

        await client.SendAsync("4", body => body.Add(FixTags.NewSeqNo, 2L), seqNum: 3);

        var reject = await client.ExpectAsync("3");
        Assert.That((reject.GetLong(FixTags.SessionRejectReason), reject.GetLong(FixTags.RefTagID)), Is.EqualTo((5L, 36L)));
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(3));
    }

    [Test]
    public async Task GapFill_NewSeqNoNotAhead_IsRejectedAndConsumed()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendAsync("4", body => body.Add(FixTags.GapFillFlag, (byte)'Y').Add(FixTags.NewSeqNo, 2L), seqNum: 2, possDup: true);

        var reject = await client.ExpectAsync("3");
        Assert.That((reject.GetLong(FixTags.RefSeqNum), reject.GetLong(FixTags.SessionRejectReason), reject.GetLong(FixTags.RefTagID)), Is.EqualTo((2L, 5L, 36L)));
        Assert.That(reject.Get(FixTags.Text), Does.StartWith("Attempt to lower sequence number"));
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(3));
    }

    [Test]
    public async Task MsgSeqNum_Missing_LogsOut()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendRawAsync(TestMessages.Frame($"35=D|49=CLIENT1|56=MATCHER|52={FixTestClient.Timestamp(FixTestClient.NowNs())}|11=x|"));

        Assert.That((await client.ExpectAsync("5")).Get(FixTags.Text), Is.EqualTo("MsgSeqNum missing or invalid"));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
    }
}
