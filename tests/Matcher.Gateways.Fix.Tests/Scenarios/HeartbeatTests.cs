using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Scenarios;

/// <summary>HeartBtInt=1 on the real clock: the waits are generous, nothing asserts how long anything took.</summary>
public sealed class HeartbeatTests
{
    [Test]
    public async Task SilentClient_GetsHeartbeatThenTestRequestThenIsDisconnected()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1, heartBtInt: 1);

        var heartbeat = await client.ReceiveAsync();
        Assert.That((heartbeat.MsgType, heartbeat.Has(FixTags.TestReqID)), Is.EqualTo(("0", false)));
        ReceivedMessage testRequest;
        do
        {
            testRequest = await client.ReceiveAsync();
        }
        while (testRequest.MsgType == "0");

        Assert.That(testRequest.MsgType, Is.EqualTo("1"));
        Assert.That(testRequest.Get(FixTags.TestReqID), Is.Not.Empty);
        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That((await harness.Application.WaitForAsync("disconnect", 1)).Graceful, Is.False);
        Assert.That(harness.Session(1).IsLoggedOn, Is.False);
    }

    [Test]
    public async Task ClientAnsweringTestRequests_StaysLoggedOn()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1, heartBtInt: 1);

        for (var answered = 0; answered < 2;)
        {
            var message = await client.ReceiveAsync();
            if (message.MsgType == "1")
            {
                await client.SendAsync("0", body => body.Add(FixTags.TestReqID, message.Get(FixTags.TestReqID)!));
                answered++;
            }
        }

        await client.SyncAsync();
        Assert.That(harness.Session(1).IsLoggedOn, Is.True);
        Assert.That(client.IsClosed, Is.False);
    }

    [Test]
    public async Task TestRequest_FromClient_IsAnsweredWithItsTestReqId()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendAsync("1", body => body.Add(FixTags.TestReqID, "ping-42"));

        var heartbeat = await client.ExpectAsync("0");
        Assert.That(heartbeat.Get(FixTags.TestReqID), Is.EqualTo("ping-42"));
    }

    [Test]
    public async Task TestRequest_WithoutTestReqId_IsRejected()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendAsync("1");

        var reject = await client.ExpectAsync("3");
        Assert.That((reject.GetLong(FixTags.SessionRejectReason), reject.GetLong(FixTags.RefTagID), reject.Get(FixTags.RefMsgType)), Is.EqualTo((1L, 112L, "1")));
    }
}
