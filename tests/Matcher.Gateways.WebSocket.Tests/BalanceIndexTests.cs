using Matcher.Core.Events;
using Matcher.Protocol;

namespace Matcher.Gateways.WebSocket.Tests;

/// <summary>Balances reach the connections of their account through the account index, without allocating on the outbound thread.</summary>
public sealed class BalanceIndexTests
{
    private static EngineEvent Balance(long accountId, long available) => new()
    {
        Type = EventType.BalanceChanged,
        AccountId = accountId,
        AssetId = 2,
        Available = available,
        Locked = 7,
    };

    [Test]
    public async Task OnEvent_BalanceChanged_ReachesEveryConnectionOfItsAccountAndNoOther()
    {
        using var harness = new GatewayHarness();
        var a1 = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var a2 = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var b = await harness.LoginAsync(GatewayHarness.KeyB, GatewayHarness.SecretB);
        var anonymous = harness.Connect();

        harness.Deliver(Balance(GatewayHarness.AccountA, 100));
        harness.Deliver(Balance(GatewayHarness.AccountB, 200));
        harness.Deliver(Balance(9999, 300));
        await GatewayHarness.Until(() => a1.Socket.SentOf<BalanceUpdate>().Count == 1 && a2.Socket.SentOf<BalanceUpdate>().Count == 1
            && b.Socket.SentOf<BalanceUpdate>().Count == 1, "the balances were sent");

        Assert.Multiple(() =>
        {
            var update = a1.Socket.SentOf<BalanceUpdate>()[0];
            Assert.That((update.AccountId, update.AssetId, update.Available, update.Locked), Is.EqualTo((GatewayHarness.AccountA, 2, 100L, 7L)));
            Assert.That(a2.Socket.SentOf<BalanceUpdate>()[0].Available, Is.EqualTo(100));
            Assert.That(b.Socket.SentOf<BalanceUpdate>()[0].Available, Is.EqualTo(200));
            Assert.That(anonymous.Socket.SentOf<BalanceUpdate>(), Is.Empty, "not logged in");
            Assert.That(harness.Gateway.IndexedAccountCount, Is.EqualTo(2));
        });

        await a1.CloseAsync();
        harness.Deliver(Balance(GatewayHarness.AccountA, 150));
        await GatewayHarness.Until(() => a2.Socket.SentOf<BalanceUpdate>().Count == 2, "the second balance reached the connection left");
        Assert.That(a2.Socket.SentOf<BalanceUpdate>()[1].Available, Is.EqualTo(150));

        await a2.CloseAsync();
        await b.CloseAsync();
        await anonymous.CloseAsync();
        Assert.That(harness.Gateway.IndexedAccountCount, Is.Zero, "the index holds nothing of closed connections");
    }

    [Test]
    public async Task OnEvent_BalanceChanged_AllocatesNothing()
    {
        using var harness = new GatewayHarness();
        var a = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var others = new List<GatewayHarness.Client>();
        for (var i = 0; i < 20; i++)
        {
            others.Add(await harness.LoginAsync(GatewayHarness.KeyB, GatewayHarness.SecretB));
        }

        // The client stops reading: its writer is stuck in a send, so queuing wakes nothing.
        a.Socket.Stalled = true;
        harness.Deliver(Balance(GatewayHarness.AccountA, 1));
        await GatewayHarness.Until(() => a.Socket.SentOf<BalanceUpdate>().Count == 0 && harness.Gateway.IndexedAccountCount == 2, "settled");
        await Task.Delay(100);
        var mine = Balance(GatewayHarness.AccountA, 2);
        var nobodys = Balance(9999, 3);
        for (var i = 0; i < 1000; i++)
        {
            harness.Gateway.OnEvent(ref mine, i, true);
            harness.Gateway.OnEvent(ref nobodys, i, true);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            harness.Gateway.OnEvent(ref mine, i, true);
            harness.Gateway.OnEvent(ref nobodys, i, true);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero, "a balance for an account with a connection, and for one without, while 20 other connections are open");
        a.Socket.Stalled = false;
        foreach (var client in others.Append(a))
        {
            await client.CloseAsync();
        }
    }
}
