using System.Text;
using Matcher.Cli.FixLoad;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Cli.Tests.FixLoad;

public sealed class FixClientTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);

    private static string Text(FixMessage message, int tag) => FakeAcceptor.Text(message, tag);

    [Test]
    public async Task LogonAsync_AcceptorAnswers_SentLogonWithCredentialsAndReset()
    {
        var acceptor = new FakeAcceptor();
        await using var client = acceptor.StartClient();

        var logon = client.LogonAsync(_timeout);
        var sent = await acceptor.AcceptLogonAsync();
        await logon;

        Assert.Multiple(() =>
        {
            Assert.That(Text(sent, FixTags.SenderCompID), Is.EqualTo("LOAD1"));
            Assert.That(Text(sent, FixTags.TargetCompID), Is.EqualTo("MATCHER"));
            Assert.That(Text(sent, FixTags.MsgSeqNum), Is.EqualTo("1"));
            Assert.That(Text(sent, FixTags.EncryptMethod), Is.EqualTo("0"));
            Assert.That(Text(sent, FixTags.HeartBtInt), Is.EqualTo("30"));
            Assert.That(Text(sent, FixTags.ResetSeqNumFlag), Is.EqualTo("Y"));
            Assert.That(Text(sent, FixTags.Username), Is.EqualTo("u1"));
            Assert.That(Text(sent, FixTags.Password), Is.EqualTo("pw"));
            Assert.That(client.IsLoggedOn, Is.True);
            Assert.That(client.NextOutgoingSeqNum, Is.EqualTo(2));
            Assert.That(client.ExpectedIncomingSeqNum, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task LogonAsync_NoResetNoCredentials_SendsNeither()
    {
        var acceptor = new FakeAcceptor();
        await using var client = acceptor.StartClient(new FixClientOptions("LOAD1", "MATCHER") { ResetSequenceNumbers = false });

        var logon = client.LogonAsync(_timeout);
        var sent = await acceptor.AcceptLogonAsync();
        await logon;

        Assert.Multiple(() =>
        {
            Assert.That(sent.Has(FixTags.ResetSeqNumFlag), Is.False);
            Assert.That(sent.Has(FixTags.Username), Is.False);
            Assert.That(sent.Has(FixTags.Password), Is.False);
        });
    }

    [Test]
    public async Task LogonAsync_AcceptorLogsOut_ThrowsWithItsTextAndAnswersTheLogout()
    {
        var acceptor = new FakeAcceptor();
        await using var client = acceptor.StartClient();

        var logon = client.LogonAsync(_timeout);
        await acceptor.ExpectAsync("A");
        acceptor.Send("5", [(FixTags.Text, "bad password")]);

        var error = await Assert.ThrowsAsync<FixSessionException>(async () => await logon);
        var answer = await acceptor.ExpectAsync("5");
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("bad password"));
            Assert.That(client.LogoutText, Is.EqualTo("bad password"));
            Assert.That(client.IsLoggedOn, Is.False);
            Assert.That(Text(answer, FixTags.MsgSeqNum), Is.EqualTo("2"));
        });
    }

    [Test]
    public async Task LogonAsync_ConnectionCloses_Throws()
    {
        var acceptor = new FakeAcceptor();
        await using var client = acceptor.StartClient();

        var logon = client.LogonAsync(_timeout);
        await acceptor.ExpectAsync("A");
        acceptor.Close();

        await Assert.ThrowsAsync<FixSessionException>(async () => await logon);
        await client.Closed.WaitAsync(_timeout);
    }

    [Test]
    public async Task TestRequest_AfterLogon_AnsweredByAHeartbeatWithItsId()
    {
        var acceptor = new FakeAcceptor();
        await using var client = await LoggedOnAsync(acceptor);

        acceptor.Send("1", [(FixTags.TestReqID, "ping-7")]);
        var heartbeat = await acceptor.ExpectAsync("0");

        Assert.Multiple(() =>
        {
            Assert.That(Text(heartbeat, FixTags.TestReqID), Is.EqualTo("ping-7"));
            Assert.That(Text(heartbeat, FixTags.MsgSeqNum), Is.EqualTo("2"));
        });
    }

    [Test]
    public async Task ResendRequest_NoStore_AnsweredByAGapFillToTheNextNumber()
    {
        var acceptor = new FakeAcceptor();
        await using var client = await LoggedOnAsync(acceptor);
        var body = new FixBodyWriter();
        body.Add(FixTags.TestReqID, "x");
        client.Send("1"u8, body);
        client.Send("1"u8, body);
        await acceptor.ExpectAsync("1");
        await acceptor.ExpectAsync("1");

        acceptor.Send("2", [(FixTags.BeginSeqNo, "2"), (FixTags.EndSeqNo, "0")]);
        var gapFill = await acceptor.ExpectAsync("4");

        Assert.Multiple(() =>
        {
            Assert.That(Text(gapFill, FixTags.MsgSeqNum), Is.EqualTo("2"));
            Assert.That(Text(gapFill, FixTags.PossDupFlag), Is.EqualTo("Y"));
            Assert.That(gapFill.Has(FixTags.OrigSendingTime), Is.True);
            Assert.That(Text(gapFill, FixTags.GapFillFlag), Is.EqualTo("Y"));
            Assert.That(Text(gapFill, FixTags.NewSeqNo), Is.EqualTo("4"));
            Assert.That(client.NextOutgoingSeqNum, Is.EqualTo(4), "a gap fill takes no new number");
        });
    }

    [Test]
    public async Task Receive_GapInTheAcceptorsNumbers_CountedAndSkipped()
    {
        var acceptor = new FakeAcceptor();
        await using var client = await LoggedOnAsync(acceptor);
        var received = new List<string>();
        var got = new SemaphoreSlim(0);
        client.MessageReceived = m =>
        {
            received.Add(Text(m, FixTags.MsgSeqNum));
            got.Release();
        };

        acceptor.Send("0", [], seq: 5);
        acceptor.Send("4", [(FixTags.NewSeqNo, "10")], seq: 6);
        acceptor.Send("0", [], seq: 10);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await got.WaitAsync(_timeout), Is.True);
        }

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(new[] { "5", "6", "10" }));
            Assert.That(client.SequenceGaps, Is.EqualTo(3), "2, 3 and 4 never came");
            Assert.That(client.ExpectedIncomingSeqNum, Is.EqualTo(11));
        });
    }

    [Test]
    public async Task Send_ApplicationMessage_FramedUnderTheNextNumberAndReportsComeBack()
    {
        var acceptor = new FakeAcceptor();
        await using var client = await LoggedOnAsync(acceptor);
        var reports = new List<string>();
        var got = new SemaphoreSlim(0);
        client.MessageReceived = m =>
        {
            reports.Add(Encoding.ASCII.GetString(m.MsgType) + ":" + Text(m, FixTags.ClOrdID));
            got.Release();
        };
        var body = new FixBodyWriter();
        body.Add(FixTags.ClOrdID, "A1").Add(FixTags.Symbol, "BTC-USD");

        client.Send("D"u8, body);
        var order = await acceptor.ExpectAsync("D");
        acceptor.Send("8", [(FixTags.ClOrdID, "A1"), (FixTags.ExecType, "0")]);
        Assert.That(await got.WaitAsync(_timeout), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(Text(order, FixTags.MsgSeqNum), Is.EqualTo("2"));
            Assert.That(Text(order, FixTags.ClOrdID), Is.EqualTo("A1"));
            Assert.That(reports, Is.EqualTo(new[] { "8:A1" }));
        });
    }

    [Test]
    public async Task Write_FromTheHandler_FlushedOnceTheReadIsHandled()
    {
        var acceptor = new FakeAcceptor();
        await using var client = await LoggedOnAsync(acceptor);
        var body = new FixBodyWriter();
        client.MessageReceived = m =>
        {
            if (m.MsgType.SequenceEqual("8"u8))
            {
                body.Clear();
                body.Add(FixTags.ClOrdID, "next-" + Text(m, FixTags.ClOrdID));
                client.Write("D"u8, body);
            }
        };

        // Two reports in one write: both handled in one read, both answers flushed after it.
        acceptor.SendRaw([.. acceptor.Frame("8", (FixTags.ClOrdID, "1")), .. acceptor.Frame("8", (FixTags.ClOrdID, "2"))]);
        var first = await acceptor.ExpectAsync("D");
        var second = await acceptor.ExpectAsync("D");

        Assert.Multiple(() =>
        {
            Assert.That(Text(first, FixTags.ClOrdID), Is.EqualTo("next-1"));
            Assert.That(Text(second, FixTags.ClOrdID), Is.EqualTo("next-2"));
        });
    }

    [Test]
    public async Task LogoutAsync_AcceptorAnswers_ReturnsTrue()
    {
        var acceptor = new FakeAcceptor();
        await using var client = await LoggedOnAsync(acceptor);

        var logout = client.LogoutAsync(_timeout, "bye");
        var sent = await acceptor.ExpectAsync("5");
        acceptor.Send("5", []);

        Assert.Multiple(async () =>
        {
            Assert.That(await logout, Is.True);
            Assert.That(Text(sent, FixTags.Text), Is.EqualTo("bye"));
            Assert.That(client.IsLoggedOn, Is.False);
        });
    }

    [Test]
    public async Task LogoutAsync_NoAnswer_ReturnsFalseAfterTheTimeout()
    {
        var acceptor = new FakeAcceptor();
        await using var client = await LoggedOnAsync(acceptor);

        var answered = await client.LogoutAsync(TimeSpan.FromMilliseconds(50));

        Assert.That(answered, Is.False);
    }

    [Test]
    public async Task Heartbeat_IdleForHeartBtInt_SendsOne()
    {
        var acceptor = new FakeAcceptor();
        await using var client = acceptor.StartClient(new FixClientOptions("LOAD1", "MATCHER") { HeartbeatSeconds = 1 });
        var logon = client.LogonAsync(_timeout);
        await acceptor.AcceptLogonAsync();
        await logon;

        var heartbeat = await acceptor.ExpectAsync("0");

        Assert.That(heartbeat.Has(FixTags.TestReqID), Is.False);
    }

    [Test]
    public async Task DisposeAsync_AfterLogon_CompletesTheOutputAndTheSession()
    {
        var acceptor = new FakeAcceptor();
        var client = await LoggedOnAsync(acceptor);

        await client.DisposeAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await acceptor.ClientOutputCompletedAsync(), Is.True);
            Assert.That(client.Closed.IsCompletedSuccessfully, Is.True);
        });
    }

    [Test]
    public async Task HandlerThrows_EndsTheSessionWithTheError()
    {
        var acceptor = new FakeAcceptor();
        await using var client = await LoggedOnAsync(acceptor);
        client.MessageReceived = _ => throw new InvalidOperationException("handler failed");

        acceptor.Send("0", []);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await client.Closed.WaitAsync(_timeout));
        Assert.That(error!.Message, Is.EqualTo("handler failed"));
    }

    internal static async Task<FixClient> LoggedOnAsync(FakeAcceptor acceptor, FixClient? client = null)
    {
        client = client is null ? acceptor.StartClient() : acceptor.Start(client);
        var logon = client.LogonAsync(_timeout);
        await acceptor.AcceptLogonAsync();
        await logon;
        return client;
    }
}
