using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Scenarios;

public sealed class LogoutTests
{
    [Test]
    public async Task Logout_FromClient_IsAnsweredThenTheConnectionClosesGracefully()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await client.SendAsync("5");

        Assert.That((await client.ExpectAsync("5")).SeqNum, Is.EqualTo(2));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That((await harness.Application.WaitForAsync("disconnect", 1)).Graceful, Is.True);
        var counters = harness.Session(1).Counters;
        Assert.That((Volatile.Read(ref counters.Logons), Volatile.Read(ref counters.Disconnects)), Is.EqualTo((1L, 1L)));
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(3));
    }

    [Test]
    public async Task StopAsync_ClientAnswersLogout_HandshakeIsGraceful()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        var stop = harness.Acceptor.StopAsync(TimeSpan.FromSeconds(10));
        var logout = await client.ExpectAsync("5");
        Assert.That(logout.Get(FixTags.Text), Is.EqualTo("Acceptor stopping"));
        await client.SendAsync("5");
        await stop;

        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That((await harness.Application.WaitForAsync("disconnect", 1)).Graceful, Is.True);
    }

    [Test]
    public async Task StopAsync_ClientNeverAnswers_ClosesAfterTheTimeout()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);

        await harness.Acceptor.StopAsync(TimeSpan.FromMilliseconds(500));

        Assert.That((await client.ExpectAsync("5")).MsgType, Is.EqualTo("5"));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That((await harness.Application.WaitForAsync("disconnect", 1)).Graceful, Is.False);
    }

    [Test]
    public async Task Send_AfterStop_IsDroppedWithoutThrowing()
    {
        await using var harness = AcceptorHarness.Start();
        var session = harness.Session(1);
        await harness.Acceptor.StopAsync(TimeSpan.FromSeconds(1));

        Assert.DoesNotThrow(() => ResendTests.Report(session, "late"));
        Assert.That(session.NextSenderSeqNum, Is.EqualTo(1));
    }
}
