using System.Net.Sockets;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Gateways.Fix.Tests.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Scenarios;

/// <summary>Garbage, fuzzing, oversized frames, slow consumers and failing applications: each hurts one connection at most.</summary>
public sealed class RobustnessTests
{
    [Test]
    public async Task Garbage_ThenAGoodMessage_TheGoodMessageIsProcessed()
    {
        await using var harness = AcceptorHarness.Start();
        var client = await harness.LogonAsync(1);
        var garbage = new byte[2000];
        new Random(5).NextBytes(garbage);
        ScrubMessageStarts(garbage);

        await client.SendRawAsync(garbage);
        await client.SendOrderAsync("after garbage");

        Assert.That((await harness.Application.WaitForAsync("message", 1)).Message!.Get(FixTags.ClOrdID), Is.EqualTo("after garbage"));
        Assert.That(Volatile.Read(ref harness.Session(1).Counters.Garbled), Is.GreaterThan(0));
        Assert.That(harness.Session(1).NextTargetSeqNum, Is.EqualTo(3), "garbage does not move the sequence");
    }

    [Test]
    public async Task Garbage_OnOneSession_DoesNotDisturbAnother()
    {
        await using var harness = AcceptorHarness.Start();
        var noisy = await harness.LogonAsync(1);
        var quiet = await harness.LogonAsync(2);
        var random = new Random(11);

        for (var i = 0; i < 50; i++)
        {
            var garbage = new byte[random.Next(1, 500)];
            random.NextBytes(garbage);
            ScrubMessageStarts(garbage);
            await noisy.SendRawAsync(garbage);
            await quiet.SendOrderAsync($"q{i}");
        }

        await quiet.SyncAsync();
        Assert.That(harness.Application.Messages(2).Select(m => m.Get(FixTags.ClOrdID)), Is.EqualTo(Enumerable.Range(0, 50).Select(i => $"q{i}")));
        await noisy.SendOrderAsync("still here");
        await noisy.SyncAsync();
        Assert.That(harness.Application.Messages(1).Single().Get(FixTags.ClOrdID), Is.EqualTo("still here"));
    }

    [Test]
    public async Task MutatedMessages_OverTheSocket_OtherSessionsAndNewConnectionsKeepWorking([Values(1, 2, 3)] int seed)
    {
        await using var harness = AcceptorHarness.Start();
        var fuzzed = await harness.LogonAsync(1);
        var bystander = await harness.LogonAsync(2);
        var random = new Random(seed);
        var bystanderSent = 0;

        for (var i = 0; i < 300 && !fuzzed.IsClosed; i++)
        {
            var valid = fuzzed.Build("D", body => ClientExtensions.OrderBody(body, $"f{i}"));
            var bytes = random.Next(3) switch
            {
                0 => ParserFuzzTests.Mutate(valid, random),
                1 => Reframe(ParserFuzzTests.Mutate(valid, random)),
                _ => valid,
            };
            try
            {
                await fuzzed.SendRawAsync(bytes);
            }
            catch (SocketException)
            {
                break; // the server dropped it: allowed
            }

            if (i % 25 == 0)
            {
                await bystander.SendOrderAsync($"b{i}");
                bystanderSent++;
            }
        }

        await bystander.SendOrderAsync("last");
        await bystander.SyncAsync();
        Assert.That(harness.Application.Messages(2), Has.Count.EqualTo(bystanderSent + 1));
        Assert.That(harness.Session(2).IsLoggedOn, Is.True);

        // Whatever became of the fuzzed connection, the session can be used again from a fresh one.
        await fuzzed.DisposeAsync();
        await harness.WaitUntilFreeAsync(1);
        var fresh = await harness.ConnectAsync(1);
        await fresh.SendLogonAsync(reset: true);
        await fresh.ExpectAsync("A");
        await fresh.SendOrderAsync("fresh");
        await fresh.SyncAsync();
        Assert.That(harness.Application.Messages(1)[^1].Get(FixTags.ClOrdID), Is.EqualTo("fresh"));
    }

    [Test]
    public async Task RandomBytesBeforeLogon_DoNotHurtTheAcceptor()
    {
        await using var harness = AcceptorHarness.Start();
        var random = new Random(17);
        for (var i = 0; i < 20; i++)
        {
            var client = await harness.ConnectAsync(1);
            var bytes = new byte[random.Next(1, 3000)];
            random.NextBytes(bytes);
            if (i % 2 == 0)
            {
                "8=FIX.4.4\u00019=12"u8.CopyTo(bytes);
            }

            await client.SendRawAsync(bytes);
            await client.DisposeAsync();
        }

        var good = await harness.LogonAsync(1);
        await good.SyncAsync();
    }

    [Test]
    public async Task Message_LargerThanTheLimit_Disconnects()
    {
        await using var harness = AcceptorHarness.Start(options: dir => new FixAcceptorOptions { StoreDirectory = dir, FsyncStore = false, MaxMessageBytes = 1024 });
        var client = await harness.LogonAsync(1);

        await client.SendAsync("D", body => body.Add(FixTags.ClOrdID, "big").Add(FixTags.Text, new string('x', 2000)));

        Assert.That(await client.WaitForCloseAsync(), Is.True);
        Assert.That(harness.Application.Messages(1), Is.Empty);
    }

    [Test]
    public async Task Frame_ClaimingAHugeBodyLength_DisconnectsOnceOverTheLimit()
    {
        await using var harness = AcceptorHarness.Start(options: dir => new FixAcceptorOptions { StoreDirectory = dir, FsyncStore = false, MaxMessageBytes = 4096 });
        var client = await harness.LogonAsync(1);

        await client.SendRawAsync(TestMessages.Ascii("8=FIX.4.4|9=9000000|35=D|"));
        await client.SendRawAsync(new byte[5000]);

        Assert.That(await client.WaitForCloseAsync(), Is.True);
    }

    [Test]
    public async Task SlowConsumer_OverTheOutboundLimit_IsDisconnectedAndMessagesStayStored()
    {
        await using var harness = AcceptorHarness.Start(options: dir => new FixAcceptorOptions
        {
            StoreDirectory = dir,
            FsyncStore = false,
            MaxOutboundBufferBytes = 64 << 10,
            SocketSendBufferBytes = 4096,
        });
        var session = harness.Session(1);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(harness.Acceptor.LocalEndPoint);
        var logon = FixTestClient.Encode("A", "CLIENT1", "MATCHER", 1, FixTestClient.NowNs(), new FixBodyWriter().Add(FixTags.EncryptMethod, 0L).Add(FixTags.HeartBtInt, 30L).Written);
        await socket.SendAsync(logon, SocketFlags.None);
        await harness.Application.WaitForAsync("logon", 1);

        // The client never reads: the kernel buffers fill, then the outbound pipe, then it is dropped.
        var body = new FixBodyWriter();
        var sent = 0;
        while (session.IsLoggedOn && sent < 100_000)
        {
            body.Clear();
            body.Add(FixTags.ClOrdID, $"r{sent}").Add(FixTags.Text, new string('x', 1000));
            session.Send("8"u8, body);
            sent++;
            if (sent % 100 == 0)
            {
                await Task.Delay(1);
            }
        }

        Assert.That((await harness.Application.WaitForAsync("disconnect", 1)).Graceful, Is.False);
        Assert.That(session.NextSenderSeqNum, Is.EqualTo(sent + 2), "every message got its number and was stored");
    }

    [Test]
    public async Task Application_Throwing_DoesNotHurtTheSession()
    {
        await using var harness = AcceptorHarness.Start();
        harness.Application.OnMessageCallback = (_, message) =>
        {
            if (message.TryGet(FixTags.ClOrdID, out var id) && id.SequenceEqual("boom"u8))
            {
                throw new InvalidOperationException("application bug");
            }
        };
        var client = await harness.LogonAsync(1);

        await client.SendOrderAsync("boom");
        await client.SendOrderAsync("fine");
        await client.SyncAsync();

        Assert.That(harness.Application.Messages(1).Select(m => m.Get(FixTags.ClOrdID)), Is.EqualTo(new[] { "boom", "fine" }));
        Assert.That(harness.Session(1).IsLoggedOn, Is.True);
    }

    [Test]
    public async Task Send_FromOnMessage_ReachesTheClient()
    {
        await using var harness = AcceptorHarness.Start();
        var reply = new FixBodyWriter();
        harness.Application.OnMessageCallback = (session, message) =>
        {
            message.TryGet(FixTags.ClOrdID, out var id);
            reply.Clear();
            reply.Add(FixTags.ClOrdID, id).Add(FixTags.ExecType, (byte)'0');
            session.Send("8"u8, reply);
        };
        var client = await harness.LogonAsync(1);

        await client.SendOrderAsync("echo me");

        var report = await client.ExpectAsync("8");
        Assert.That((report.Get(FixTags.ClOrdID), report.SeqNum), Is.EqualTo(("echo me", 2L)));
    }

    private static byte[] Reframe(byte[] mutated)
    {
        // Keep whatever lies between the BodyLength field and the trailer and frame it again: well framed, odd inside.
        var text = System.Text.Encoding.Latin1.GetString(mutated);
        var start = text.IndexOf("\u00019=", StringComparison.Ordinal);
        var bodyStart = start < 0 ? -1 : text.IndexOf('\u0001', start + 1);
        var end = text.LastIndexOf("\u000110=", StringComparison.Ordinal);
        if (bodyStart < 0 || end <= bodyStart)
        {
            return mutated;
        }

        var body = text[(bodyStart + 1)..(end + 1)];
        var head = System.Text.Encoding.Latin1.GetBytes($"8=FIX.4.4\u00019={body.Length}\u0001");
        var message = head.Concat(System.Text.Encoding.Latin1.GetBytes(body)).ToArray();
        return [.. message, .. System.Text.Encoding.ASCII.GetBytes($"10={FixParser.Checksum(message):D3}\u0001")];
    }

    /// <summary>Random garbage could contain "8=FIX" only by a miracle; make sure it does not.</summary>
    private static void ScrubMessageStarts(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '8')
            {
                bytes[i] = (byte)'7';
            }
        }
    }
}
