using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Scenarios;

public sealed class RestartTests
{
    [Test]
    public async Task Restart_SameDirectory_KeepsSequenceNumbersAndResendsMessagesFromBefore()
    {
        await using var harness = AcceptorHarness.Start(options: dir => new FixAcceptorOptions { StoreDirectory = dir, FsyncStore = true });
        var client = await harness.LogonAsync(1);                // ours 1, theirs 1
        ResendTests.Report(harness.Session(1), "before-2");        // ours 2
        ResendTests.Report(harness.Session(1), "before-3");        // ours 3
        var originals = new[] { await client.ExpectAsync("8"), await client.ExpectAsync("8") };
        await client.SendOrderAsync("in-2");                       // theirs 2
        await client.SendOrderAsync("in-3");                       // theirs 3
        await client.SendAsync("5");                               // theirs 4
        await client.ExpectAsync("5");                             // ours 4

        await harness.RestartAsync();

        var session = harness.Session(1);
        Assert.That((session.NextSenderSeqNum, session.NextTargetSeqNum), Is.EqualTo((5L, 5L)));
        var again = await harness.ConnectAsync(1);
        again.NextSeqNum = 5;
        Assert.That((await again.LogonAsync()).SeqNum, Is.EqualTo(5));
        await again.SendAsync("2", body => body.Add(FixTags.BeginSeqNo, 2L).Add(FixTags.EndSeqNo, 3L));
        foreach (var original in originals)
        {
            var resent = await again.ExpectAsync("8");
            Assert.That((resent.SeqNum, resent.Get(FixTags.ClOrdID), resent.Get(FixTags.PossDupFlag)), Is.EqualTo((original.SeqNum, original.Get(FixTags.ClOrdID), "Y")));
            Assert.That(resent.Get(FixTags.OrigSendingTime), Is.EqualTo(original.Get(FixTags.SendingTime)));
        }
    }

    [Test]
    public async Task Restart_AfterMessagesWhileDisconnected_TheyAreStillThere()
    {
        await using var harness = AcceptorHarness.Start();
        ResendTests.Report(harness.Session(1), "offline");          // ours 1, nobody connected

        await harness.RestartAsync();

        Assert.That(harness.Session(1).NextSenderSeqNum, Is.EqualTo(2));
        var client = await harness.ConnectAsync(1);
        await client.LogonAsync();                                  // ours 2: the client asks for 1
        await client.SendAsync("2", body => body.Add(FixTags.BeginSeqNo, 1L).Add(FixTags.EndSeqNo, 0L));
        Assert.That((await client.ExpectAsync("8")).Get(FixTags.ClOrdID), Is.EqualTo("offline"));
    }

    [Test]
    public async Task Send_BeforeStart_IsNumberedAndStoredAtStart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "matcher-fix-tests", Guid.NewGuid().ToString("N"));
        using (var store = FixMessageStore.Open(Path.Combine(directory, "MATCHER-CLIENT1"), fsync: false))
        {
            var body = new FixBodyWriter().Add(FixTags.ClOrdID, "earlier").Written;
            store.AppendMessage(1, FixTestClient.Encode("8", "MATCHER", "CLIENT1", 1, FixTestClient.NowNs(), body)); // ours 1
            store.Commit();
        }

        var application = new RecordingApplication();
        var acceptor = new FixAcceptor(AcceptorHarness.DefaultOptions(directory), [AcceptorHarness.DefaultSettings(1)], application,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await using (acceptor)
        {
            ResendTests.Report(acceptor.Sessions[0], "before start"); // held until Start
            Assert.That(acceptor.Sessions[0].NextSenderSeqNum, Is.EqualTo(1), "not numbered yet");

            acceptor.Start();

            Assert.That(acceptor.Sessions[0].NextSenderSeqNum, Is.EqualTo(3));
            await using var client = await FixTestClient.ConnectAsync(acceptor.LocalEndPoint, "CLIENT1");
            await client.LogonAsync();
            await client.SendAsync("2", body => body.Add(FixTags.BeginSeqNo, 1L).Add(FixTags.EndSeqNo, 0L));
            Assert.That((await client.ExpectAsync("8")).Get(FixTags.ClOrdID), Is.EqualTo("earlier"));
            var held = await client.ExpectAsync("8");
            Assert.That((held.SeqNum, held.Get(FixTags.ClOrdID)), Is.EqualTo((2L, "before start")));
        }

        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public void Start_CorruptStore_FailsWithAClearError()
    {
        var directory = Path.Combine(Path.GetTempPath(), "matcher-fix-tests", Guid.NewGuid().ToString("N"));
        var storeDirectory = Path.Combine(directory, "MATCHER-CLIENT1");
        using (var store = FixMessageStore.Open(storeDirectory, fsync: false))
        {
            store.AppendMessage(1, "one"u8);
            store.AppendMessage(2, "two"u8);
            store.Commit();
        }

        var bytes = File.ReadAllBytes(Path.Combine(storeDirectory, FixMessageStore.FileName));
        bytes[26] ^= 0x20;
        File.WriteAllBytes(Path.Combine(storeDirectory, FixMessageStore.FileName), bytes);

        var exception = Assert.Throws<FixStoreCorruptException>(() => AcceptorHarness.Start(directory: directory));
        Assert.That(exception!.Message, Does.Contain("MATCHER-CLIENT1"));
        Directory.Delete(directory, recursive: true);
    }
}
