using System.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Scenarios;

public sealed class ResendTests
{
    [Test]
    public async Task ResendRequest_MixedHistory_GapFillsAdminRunsAndResendsApplicationMessagesAsPossDup()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);              // ours: 1 Logon
        var session = harness.Session(1);
        var originals = new List<ReceivedMessage>();
        Report(session, "r2");                                 // 2
        Report(session, "r3");                                 // 3
        originals.Add(await client.ExpectAsync("8"));
        originals.Add(await client.ExpectAsync("8"));
        await client.SyncAsync("t1");                          // 4 Heartbeat
        await client.SyncAsync("t2");                          // 5 Heartbeat
        Report(session, "r6");                                 // 6
        originals.Add(await client.ExpectAsync("8"));

        await client.SendAsync("2", body => body.Add(FixTags.BeginSeqNo, 1L).Add(FixTags.EndSeqNo, 0L));

        var logonGap = await client.ExpectAsync("4");
        Assert.That((logonGap.SeqNum, logonGap.GetLong(FixTags.NewSeqNo), logonGap.Get(FixTags.GapFillFlag), logonGap.Get(FixTags.PossDupFlag)), Is.EqualTo((1L, 2L, "Y", "Y")));
        Assert.That(logonGap.Has(FixTags.OrigSendingTime), Is.True);
        foreach (var expected in originals.Take(2))
        {
            AssertResent(await client.ExpectAsync("8"), expected);
        }

        var heartbeatGap = await client.ExpectAsync("4");
        Assert.That((heartbeatGap.SeqNum, heartbeatGap.GetLong(FixTags.NewSeqNo)), Is.EqualTo((4L, 6L)), "two Heartbeats in one gap fill");
        AssertResent(await client.ExpectAsync("8"), originals[2]);
        Assert.That(Volatile.Read(ref session.Counters.ResendRequestsServed), Is.EqualTo(1));
    }

    [Test]
    public async Task ResendRequest_BoundedRange_ResendsOnlyThatRange()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        var session = harness.Session(1);
        for (var i = 2; i <= 5; i++)
        {
            Report(session, $"r{i}");
            await client.ExpectAsync("8");
        }

        await client.SendAsync("2", body => body.Add(FixTags.BeginSeqNo, 3L).Add(FixTags.EndSeqNo, 4L));
        Assert.That((await client.ExpectAsync("8")).Get(FixTags.ClOrdID), Is.EqualTo("r3"));
        Assert.That((await client.ExpectAsync("8")).Get(FixTags.ClOrdID), Is.EqualTo("r4"));
        await client.SyncAsync(); // next is the Heartbeat: nothing more was resent
    }

    [Test]
    public async Task ResendRequest_AheadOfTheExpectedNumber_IsAnsweredBeforeOurOwnRequest()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        Report(harness.Session(1), "r2");
        await client.ExpectAsync("8");

        await client.SendAsync("2", body => body.Add(FixTags.BeginSeqNo, 2L).Add(FixTags.EndSeqNo, 0L), seqNum: 5);

        Assert.That((await client.ExpectAsync("8")).Get(FixTags.PossDupFlag), Is.EqualTo("Y"));
        Assert.That((await client.ExpectAsync("2")).GetLong(FixTags.BeginSeqNo), Is.EqualTo(2));
    }

    [Test]
    public async Task Send_WhileDisconnected_IsDeliveredByResendAfterTheNextLogon()
    {
        await using var harness = AcceptorHarness.Start();
        var session = harness.Session(1);
        var first = await harness.LogonAsync(1);                // ours: 1 Logon
        await first.SendAsync("5");
        await first.ExpectAsync("5");                             // 2 Logout
        await harness.Application.WaitForAsync("disconnect", 1);
        await harness.WaitUntilFreeAsync(1);
        Assert.That(session.IsLoggedOn, Is.False);

        Report(session, "while away");                          // 3, stored only
        Assert.That(session.NextSenderSeqNum, Is.EqualTo(4));

        var second = await harness.ConnectAsync(1);
        second.NextSeqNum = 3;
        var logon = await second.LogonAsync();                   // 4 Logon
        Assert.That(logon.SeqNum, Is.EqualTo(4), "the client sees the gap");
        await second.SendAsync("2", body => body.Add(FixTags.BeginSeqNo, 3L).Add(FixTags.EndSeqNo, 0L));

        var resent = await second.ExpectAsync("8");
        Assert.That((resent.SeqNum, resent.Get(FixTags.ClOrdID), resent.Get(FixTags.PossDupFlag)), Is.EqualTo((3L, "while away", "Y")));
        var gap = await second.ExpectAsync("4");
        Assert.That((gap.SeqNum, gap.GetLong(FixTags.NewSeqNo)), Is.EqualTo((4L, 5L)));
    }

    [Test]
    public async Task Send_FromManyThreads_ArrivesWithConsecutiveSequenceNumbers()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        var session = harness.Session(1);
        const int Threads = 4;
        const int PerThread = 250;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            var body = new FixBodyWriter();
            for (var i = 0; i < PerThread; i++)
            {
                body.Clear();
                body.Add(FixTags.ClOrdID, $"t{t}-{i}").Add(FixTags.ExecType, (byte)'0');
                session.Send("8"u8, body);
            }
        })));

        var sequences = new List<long>();
        for (var i = 0; i < Threads * PerThread; i++)
        {
            sequences.Add((await client.ExpectAsync("8")).SeqNum);
        }

        Assert.That(sequences, Is.EqualTo(Enumerable.Range(2, Threads * PerThread).Select(i => (long)i)));
    }

    [Test]
    public async Task Send_BadMsgType_Throws()
    {
        await using var harness = AcceptorHarness.Start();
        var body = new FixBodyWriter().Add(FixTags.Text, "x");
        Assert.Throws<ArgumentException>(() => harness.Session(1).Send(""u8, body));
        Assert.Throws<ArgumentException>(() => harness.Session(1).Send("8\u0001"u8, body));
        Assert.That(harness.Session(1).NextSenderSeqNum, Is.EqualTo(1));
    }

    internal static void Report(Matcher.Gateways.Fix.Session.FixSession session, string clOrdId)
    {
        var body = new FixBodyWriter();
        body.Add(FixTags.OrderID, "1").Add(FixTags.ClOrdID, clOrdId).Add(FixTags.ExecType, (byte)'0').Add(FixTags.OrdStatus, (byte)'0');
        session.Send("8"u8, body);
    }

    private static void AssertResent(ReceivedMessage resent, ReceivedMessage original)
    {
        Assert.That(resent.SeqNum, Is.EqualTo(original.SeqNum));
        Assert.That(resent.Get(FixTags.PossDupFlag), Is.EqualTo("Y"));
        Assert.That(resent.Get(FixTags.OrigSendingTime), Is.EqualTo(original.Get(FixTags.SendingTime)));
        Assert.That(Body(resent), Is.EqualTo(Body(original)));
    }

    /// <summary>The fields after the header, before the trailer.</summary>
    private static string Body(ReceivedMessage message)
    {
        var fields = new StringBuilder();
        for (var i = 0; i < message.Message.FieldCount; i++)
        {
            var tag = message.Message.TagAt(i);
            if (tag is not (8 or 9 or 35 or 49 or 56 or 34 or 52 or 43 or 122 or 10))
            {
                fields.Append(tag).Append('=').Append(Encoding.ASCII.GetString(message.Message.ValueAt(i))).Append('|');
            }
        }

        return fields.ToString();
    }
}
