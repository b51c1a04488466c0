using Matcher.Protocol;
using static Matcher.Client.Tests.Frames;

namespace Matcher.Client.Tests;

/// <summary>The hot paths allocate nothing: dispatching received messages, and queuing orders.</summary>
public sealed class AllocationTests
{
    private sealed class CountingHandler : MatcherClientHandler
    {
        public long Reports { get; private set; }

        public long Updates { get; private set; }

        public override void OnExecutionReport(in ExecutionReport message) => Reports += message.LastLots;

        public override void OnBookUpdate(in BookUpdate message) => Updates++;
    }

    [Test]
    public void Dispatch_ExecutionReportsAndBookUpdates_DoNotAllocate()
    {
        var handler = new CountingHandler();
        using var client = new MatcherClient(handler);
        var report = Encode(new ExecutionReport { RequestId = 9, ExecType = (byte)'F', LastLots = 1 });
        var update = Encode(Update(1, 1, Side.Buy, 100, 1));
        client.Dispatch(report, report.Length);
        client.Dispatch(update, update.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            client.Dispatch(report, report.Length);
            client.Dispatch(update, update.Length);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(handler.Reports, Is.EqualTo(10_001));
            Assert.That(client.MessagesReceived, Is.EqualTo(20_002));
        });
    }

    [Test]
    public void Dispatch_SeveralMessagesInOneWebSocketMessage_DoesNotAllocate()
    {
        var handler = new CountingHandler();
        using var client = new MatcherClient(handler);
        byte[] frame = [.. Encode(new ExecutionReport { RequestId = 9, ExecType = (byte)'F', LastLots = 1 }), .. Encode(Update(1, 1, Side.Buy, 100, 1)),
            .. Encode(new ExecutionReport { RequestId = 9, ExecType = (byte)'F', LastLots = 2 })];
        client.Dispatch(frame, frame.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            client.Dispatch(frame, frame.Length);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(handler.Reports, Is.EqualTo(3 * 10_001));
            Assert.That(handler.Updates, Is.EqualTo(10_001));
            Assert.That(client.MessagesReceived, Is.EqualTo(3 * 10_001));
        });
    }

    [Test]
    public async Task PlaceLimitOrder_Connected_DoesNotAllocateOnTheCallingThread()
    {
        await using var session = await ClientSession.StartAsync();
        var client = session.Client;
        var drain = Task.Run(async () =>
        {
            for (var i = 0; i < 2_100; i++)
            {
                await session.Connection.ExpectAsync<PlaceOrder>();
            }
        });
        for (var i = 0; i < 100; i++)
        {
            client.PlaceLimitOrder(1, Side.Buy, 100, 1, "warm-up");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2_000; i++)
        {
            client.PlaceLimitOrder(1, Side.Buy, 100, 1, "measured");
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await drain.WaitAsync(FakeServer.Timeout);
        Assert.That(allocated, Is.Zero);
    }
}
