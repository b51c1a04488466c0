using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Scenarios;

public sealed class LogonTests
{
    [Test]
    public async Task Logon_KnownSession_RespondsWithLogonAndCallsOnLogon()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.ConnectAsync(1);

        var response = await client.LogonAsync(heartBtInt: 30);

        Assert.That((response.SeqNum, response.Get(FixTags.HeartBtInt), response.Get(FixTags.EncryptMethod)), Is.EqualTo((1L, "30", "0")));
        Assert.That((response.Get(FixTags.SenderCompID), response.Get(FixTags.TargetCompID)), Is.EqualTo(("MATCHER", "CLIENT1")));
        Assert.That(response.Has(FixTags.ResetSeqNumFlag), Is.False);
        await harness.Application.WaitForAsync("logon", 1);
        var session = harness.Session(1);
        Assert.That(session.IsLoggedOn, Is.True);
        Assert.That((session.NextSenderSeqNum, session.NextTargetSeqNum), Is.EqualTo((2L, 2L)));
        Assert.That(Volatile.Read(ref session.Counters.Logons), Is.EqualTo(1));
        Assert.That(harness.Session(2).IsLoggedOn, Is.False);
    }

    [Test]
    public async Task Logon_WrongPassword_LogsOutWithTextAndDisconnects()
    {
        await using var harness = AcceptorHarness.Start(WithCredentials);
        var client = await harness.ConnectAsync(1);

        await client.SendLogonAsync(username: "mm1", password: "wrong");

        var logout = await client.ExpectAsync("5");
        Assert.That(logout.Get(FixTags.Text), Is.EqualTo("Invalid username or password"));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That(harness.Application.All, Is.Empty);
        Assert.That(harness.Session(1).IsLoggedOn, Is.False);
    }

    [Test]
    public async Task Logon_WrongUsername_LogsOutWithTextAndDisconnects()
    {
        await using var harness = AcceptorHarness.Start(WithCredentials);
        var client = await harness.ConnectAsync(1);

        await client.SendLogonAsync(username: "mm2", password: "right");

        Assert.That((await client.ExpectAsync("5")).Get(FixTags.Text), Is.EqualTo("Invalid username or password"));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
    }

    [Test]
    public async Task Logon_WithPasswords_NeverLogsThemEvenAtTrace()
    {
        var logger = new CapturingLogger();
        await using (var harness = AcceptorHarness.Start(WithCredentials, logger: logger))
        {
            var refused = await harness.ConnectAsync(1);
            await refused.SendLogonAsync(username: "mm1", password: "wrong-secret-1");
            Assert.That(await refused.WaitForCloseAsync(), Is.True);
            await refused.DisposeAsync();
            await harness.WaitUntilFreeAsync(1);
            var accepted = await harness.ConnectAsync(1);
            await accepted.LogonAsync(username: "mm1", password: "right");
        }

        Assert.That(logger.Lines, Has.Some.Contains("554=***"), "messages are logged at Trace, masked");
        Assert.That(logger.Lines, Has.Some.Contains("bad credentials"));
        Assert.That(logger.Lines, Has.None.Contains("wrong-secret-1"));
        Assert.That(logger.Lines, Has.None.Contains("=right"));
    }

    [Test]
    public async Task Logon_RightCredentials_LogsOn()
    {
        await using var harness = AcceptorHarness.Start(WithCredentials);
        var client = await harness.ConnectAsync(1);

        await client.LogonAsync(username: "mm1", password: "right");

        Assert.That((await harness.Application.WaitForAsync("logon", 1)).SessionId, Is.EqualTo(1));
    }

    [Test]
    public async Task Logon_RefusedThenRetried_LogsOnOnTheNextConnection()
    {
        await using var harness = AcceptorHarness.Start(WithCredentials);
        var first = await harness.ConnectAsync(1);
        await first.SendLogonAsync(username: "mm1", password: "wrong");
        Assert.That(await first.WaitForCloseAsync(), Is.True);
        await first.DisposeAsync(); // as a FIX client does on Logout; the server then frees the session at once
        await harness.WaitUntilFreeAsync(1);

        var second = await harness.ConnectAsync(1);
        var response = await second.LogonAsync(username: "mm1", password: "right"); // MsgSeqNum 1 again: a refused Logon is not consumed

        Assert.That(response.SeqNum, Is.EqualTo(2), "our refusing Logout used MsgSeqNum 1");
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(2));
    }

    [TestCase("STRANGER", "MATCHER")]
    [TestCase("CLIENT1", "NOT-US")]
    public async Task Logon_UnknownCompIds_DisconnectsWithoutResponse(string sender, string target)
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.ConnectAsync(1, sender, target);

        await client.SendLogonAsync();

        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That(client.Drain(), Is.Empty);
        Assert.That(harness.Session(1).NextSenderSeqNum, Is.EqualTo(1), "no message was spent on it");
    }

    [Test]
    public async Task FirstMessage_NotLogon_DisconnectsWithoutResponse()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.ConnectAsync(1);

        await client.SendOrderAsync("early");

        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That(client.Drain(), Is.Empty);
        Assert.That(harness.Application.All, Is.Empty);
    }

    [Test]
    public async Task Logon_NoneWithinTheTimeout_Disconnects()
    {
        await using var harness = AcceptorHarness.Start(options: dir => new FixAcceptorOptions
        {
            StoreDirectory = dir,
            FsyncStore = false,
            LogonTimeout = TimeSpan.FromMilliseconds(300),
        });
        var client = await harness.ConnectAsync(1);

        Assert.That(await client.WaitForCloseAsync(), Is.True);
    }

    [Test]
    public async Task Logon_HeartBtIntOutOfRange_LogsOutWithTheRange()
    {
        await using var harness = AcceptorHarness.Start(id => AcceptorHarness.Settings(id, maxHeartBtInt: 60));
        var client = await harness.ConnectAsync(1);

        await client.SendLogonAsync(heartBtInt: 120);

        Assert.That((await client.ExpectAsync("5")).Get(FixTags.Text), Is.EqualTo("HeartBtInt must be between 1 and 60"));
        Assert.That(await client.WaitForCloseAsync(), Is.True);
    }

    [Test]
    public async Task Logon_SecondConnectionWhileLoggedOn_IsDroppedAndTheFirstStays()
    {
        await using var harness = AcceptorHarness.Start();
        var first = await harness.LogonAsync(1);
        var second = await harness.ConnectAsync(1);
        second.NextSeqNum = 2;

        await second.SendLogonAsync();

        Assert.That(await second.WaitForCloseAsync(), Is.True);
        Assert.That(second.Drain(), Is.Empty);
        await first.SyncAsync();
        Assert.That(harness.Session(1).IsLoggedOn, Is.True);
    }

    [Test]
    public async Task Logon_MsgSeqNumTooLow_LogsOutWithTheExpectedNumber()
    {
        await using var harness = AcceptorHarness.Start();
        var first = await harness.LogonAsync(1);
        await first.SendOrderAsync("a");
        await first.SendAsync("5");
        await first.ExpectAsync("5");
        await harness.Application.WaitForAsync("disconnect", 1);
        await harness.WaitUntilFreeAsync(1);

        var second = await harness.ConnectAsync(1);
        await second.SendLogonAsync(); // MsgSeqNum 1 again, no reset

        Assert.That((await second.ExpectAsync("5")).Get(FixTags.Text), Is.EqualTo("MsgSeqNum too low, expecting 4 but received 1"));
        Assert.That(await second.WaitForCloseAsync(), Is.True);
    }

    [Test]
    public async Task Logon_MsgSeqNumTooHigh_LogsOnThenAsksForTheGap()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.ConnectAsync(1);
        client.NextSeqNum = 5;

        await client.LogonAsync();
        var resend = await client.ExpectAsync("2");

        Assert.That((resend.GetLong(FixTags.BeginSeqNo), resend.GetLong(FixTags.EndSeqNo)), Is.EqualTo((1L, 0L)));
        await client.SendAsync("4", body => body.Add(FixTags.GapFillFlag, (byte)'Y').Add(FixTags.NewSeqNo, 6L), seqNum: 1, possDup: true);
        await client.SyncAsync();
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(7));
    }

    [Test]
    public async Task Logon_ResetSeqNumFlag_StartsBothSequencesAgain()
    {
        await using var harness = AcceptorHarness.Start();
        var first = await harness.LogonAsync(1);
        await first.SendOrderAsync("a");
        await first.SendAsync("5");
        await first.ExpectAsync("5");
        await harness.Application.WaitForAsync("disconnect", 1);
        await harness.WaitUntilFreeAsync(1);
        Assert.That(harness.Session(1).NextSenderSeqNum, Is.EqualTo(3));

        var second = await harness.ConnectAsync(1);
        await second.SendLogonAsync(reset: true);
        var response = await second.ExpectAsync("A");

        Assert.That((response.SeqNum, response.Get(FixTags.ResetSeqNumFlag)), Is.EqualTo((1L, "Y")));
        await harness.Application.WaitForAsync("logon", 1);
        Assert.That((harness.Session(1).NextSenderSeqNum, harness.Session(1).NextTargetSeqNum), Is.EqualTo((2L, 2L)));
        await second.SendOrderAsync("after reset");
        await second.SyncAsync();
        Assert.That(harness.Application.Messages(1).Select(m => m.Get(FixTags.ClOrdID)), Is.EqualTo(new[] { "a", "after reset" }));
    }

    private static FixSessionSettings WithCredentials(int sessionId) =>
        AcceptorHarness.Settings(sessionId, username: "mm" + sessionId, passwordHash: FixPasswordHash.Create("right", 1000));
}
