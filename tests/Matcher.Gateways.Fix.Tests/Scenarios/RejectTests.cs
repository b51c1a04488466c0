using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Scenarios;

public sealed class RejectTests
{
    [Test]
    public async Task EmptyValue_IsRejectedWithItsTagAndTheSequenceMovesOn()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        var now = FixTestClient.Timestamp(FixTestClient.NowNs());

        await client.SendRawAsync(TestMessages.Frame($"35=D|49=CLIENT1|56=MATCHER|34=2|52={now}|11=x|44=|"));

        var reject = await client.ExpectAsync("3");
        Assert.That(
            (reject.GetLong(FixTags.RefSeqNum), reject.GetLong(FixTags.RefTagID), reject.Get(FixTags.RefMsgType), reject.GetLong(FixTags.SessionRejectReason)),
            Is.EqualTo((2L, 44L, "D", 4L)));
        client.NextSeqNum = 3;
        await client.SendOrderAsync("next");
        Assert.That((await harness.Application.WaitForAsync("message", 1)).Message!.Get(FixTags.ClOrdID), Is.EqualTo("next"));
        Assert.That(harness.Application.Messages(1), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task InvalidTagNumber_IsRejected()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        var now = FixTestClient.Timestamp(FixTestClient.NowNs());

        await client.SendRawAsync(TestMessages.Frame($"35=D|49=CLIENT1|56=MATCHER|34=2|52={now}|11=x|abc=1|"));

        var reject = await client.ExpectAsync("3");
        Assert.That((reject.GetLong(FixTags.SessionRejectReason), reject.Has(FixTags.RefTagID)), Is.EqualTo((0L, false)));
    }

    [Test]
    public async Task InvalidMsgType_IsRejected()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendAsync("D$D");

        Assert.That((await client.ExpectAsync("3")).GetLong(FixTags.SessionRejectReason), Is.EqualTo(11));
    }

    [Test]
    public async Task UnknownButWellFormedMsgType_GoesToTheApplication()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendAsync("ZZ", body => body.Add(FixTags.Text, "custom"));

        Assert.That((await harness.Application.WaitForAsync("message", 1)).Message!.MsgType, Is.EqualTo("ZZ"));
    }

    [Test]
    public async Task CompIdMismatch_IsRejectedThenLoggedOut()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendAsync("D", body => ClientExtensions.OrderBody(body, "x"), senderCompId: "CLIENT2");

        var reject = await client.ExpectAsync("3");
        Assert.That((reject.GetLong(FixTags.SessionRejectReason), reject.GetLong(FixTags.RefTagID)), Is.EqualTo((9L, 49L)));
        Assert.That((await client.ExpectAsync("5")).Get(FixTags.Text), Is.EqualTo("CompID problem"));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That(harness.Application.Messages(1), Is.Empty);
    }

    [Test]
    public async Task SendingTimeOutsideTheSkew_IsRejectedThenLoggedOut()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendAsync("D", body => ClientExtensions.OrderBody(body, "old"), sendingTimeNs: FixTestClient.NowNs() - 600_000_000_000);

        var reject = await client.ExpectAsync("3");
        Assert.That((reject.GetLong(FixTags.SessionRejectReason), reject.GetLong(FixTags.RefTagID), reject.GetLong(FixTags.RefSeqNum)), Is.EqualTo((10L, 52L, 2L)));
        Assert.That((await client.ExpectAsync("5")).Get(FixTags.Text), Is.EqualTo("SendingTime accuracy problem"));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That(harness.Application.Messages(1), Is.Empty);
    }

    [Test]
    public async Task Logon_SendingTimeOutsideTheSkew_IsRejectedThenLoggedOut()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.ConnectAsync(1);

        await client.SendAsync("A", body => body.Add(FixTags.EncryptMethod, 0L).Add(FixTags.HeartBtInt, 30L), sendingTimeNs: FixTestClient.NowNs() + 600_000_000_000);

        Assert.That((await client.ExpectAsync("3")).GetLong(FixTags.SessionRejectReason), Is.EqualTo(10));
        Assert.That((await client.ExpectAsync("5")).Get(FixTags.Text), Is.EqualTo("SendingTime accuracy problem"));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That(harness.Application.All, Is.Empty);
    }

    [Test]
    public async Task PossDupWithoutOrigSendingTime_IsRejected()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        var now = FixTestClient.Timestamp(FixTestClient.NowNs());

        await client.SendRawAsync(TestMessages.Frame($"35=D|49=CLIENT1|56=MATCHER|34=2|43=Y|52={now}|11=x|"));

        var reject = await client.ExpectAsync("3");
        Assert.That((reject.GetLong(FixTags.SessionRejectReason), reject.GetLong(FixTags.RefTagID)), Is.EqualTo((1L, 122L)));
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(3));
    }
}
