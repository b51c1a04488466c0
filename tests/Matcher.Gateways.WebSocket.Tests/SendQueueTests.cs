using System.Runtime.CompilerServices;
using Matcher.Protocol;

namespace Matcher.Gateways.WebSocket.Tests;

public sealed class SendQueueTests
{
    private static Pong Pong(ulong id) => new() { RequestId = id };

    [Test]
    public async Task Messages_come_out_in_order_in_one_batch()
    {
        using var queue = new SendQueue(1 << 16);
        for (ulong i = 1; i <= 3; i++)
        {
            var pong = Pong(i);
            Assert.That(queue.Enqueue(ref pong, droppable: false), Is.EqualTo(EnqueueResult.Queued));
        }

        var batch = new StrongBox<byte[]>(new byte[16]);
        var length = await queue.TakeAsync(batch, CancellationToken.None);

        Assert.That(length, Is.EqualTo(3 * Protocol.Pong.FixedLength));
        var ids = new List<ulong>();
        for (var at = 0; at < length; at += SendQueue.NextMessageLength(batch.Value.AsSpan(at)))
        {
            Codec.TryRead<Pong>(batch.Value.AsSpan(at, Protocol.Pong.FixedLength), out var pong);
            ids.Add(pong.RequestId);
        }

        Assert.That(ids, Is.EqualTo(new ulong[] { 1, 2, 3 }));
        Assert.That(queue.QueuedBytes, Is.EqualTo(length), "taken but not yet sent still counts");
        queue.Sent();
        Assert.That(queue.QueuedBytes, Is.Zero);
    }

    [Test]
    public void Market_data_is_dropped_past_half_and_private_messages_overflow_past_all()
    {
        using var queue = new SendQueue(240);
        var pong = Pong(1);
        var bbo = new Bbo();
        Assert.That(queue.Enqueue(ref bbo, droppable: true), Is.EqualTo(EnqueueResult.Queued));
        Assert.That(queue.Enqueue(ref bbo, droppable: true), Is.EqualTo(EnqueueResult.Queued));
        Assert.That(queue.Enqueue(ref bbo, droppable: true), Is.EqualTo(EnqueueResult.Dropped), "168 bytes is past half of 240");
        Assert.That(queue.Dropped, Is.EqualTo(1));
        for (var i = 0; i < 5; i++)
        {
            Assert.That(queue.Enqueue(ref pong, droppable: false), Is.EqualTo(EnqueueResult.Queued), "private messages go past half");
        }

        Assert.That(queue.Enqueue(ref pong, droppable: false), Is.EqualTo(EnqueueResult.Overflow), "232 + 24 > 240");
        Assert.That(queue.QueuedBytes, Is.EqualTo(112 + (5 * 24)));
    }

    [Test]
    public async Task A_final_message_can_replace_everything_queued_and_closes_the_queue()
    {
        using var queue = new SendQueue(1 << 16);
        var pong = Pong(1);
        queue.Enqueue(ref pong, droppable: false);
        var goodbye = new Goodbye { Code = (ushort)RejectCode.SlowConsumer };

        queue.EnqueueFinal(ref goodbye, discardQueued: true);

        Assert.That(queue.Enqueue(ref pong, droppable: false), Is.EqualTo(EnqueueResult.Closed));
        var batch = new StrongBox<byte[]>(new byte[16]);
        Assert.That(await queue.TakeAsync(batch, CancellationToken.None), Is.EqualTo(Goodbye.FixedLength));
        Assert.That(await queue.TakeAsync(batch, CancellationToken.None), Is.Zero, "closed and empty");
    }

    [Test]
    public async Task The_writer_waits_until_something_is_queued()
    {
        using var queue = new SendQueue(1 << 16);
        var batch = new StrongBox<byte[]>(new byte[16]);
        var take = queue.TakeAsync(batch, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.That(take.IsCompleted, Is.False);

        var pong = Pong(9);
        queue.Enqueue(ref pong, droppable: false);

        Assert.That(await take.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(Protocol.Pong.FixedLength));
    }

    [Test]
    public async Task Producers_on_many_threads_lose_nothing()
    {
        using var queue = new SendQueue(64 << 20);
        const int PerThread = 20_000;
        var producers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var pong = Pong(((ulong)t << 32) | (uint)i);
                Assert.That(queue.Enqueue(ref pong, droppable: false), Is.EqualTo(EnqueueResult.Queued));
            }
        })).ToArray();

        var seen = new ulong[4];
        var batch = new StrongBox<byte[]>(new byte[16]);
        var total = 0;
        var consumer = Task.Run(async () =>
        {
            while (total < 4 * PerThread)
            {
                var length = await queue.TakeAsync(batch, CancellationToken.None);
                for (var at = 0; at < length; at += Protocol.Pong.FixedLength)
                {
                    Codec.TryRead<Pong>(batch.Value.AsSpan(at, Protocol.Pong.FixedLength), out var pong);
                    var thread = (int)(pong.RequestId >> 32);
                    Assert.That((uint)pong.RequestId, Is.EqualTo(seen[thread]), "in order per producer");
                    seen[thread]++;
                    total++;
                }

                queue.Sent();
            }
        });

        await Task.WhenAll(producers);
        await consumer.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(seen, Is.All.EqualTo((ulong)PerThread));
    }
}
