using System.Diagnostics;
using System.Net.WebSockets;
using Matcher.Protocol;

namespace Matcher.Gateways.WebSocket.Tests;

/// <summary>What an unauthenticated client can hold: connections (MaxConnections) and messages (the rate limit, Pings included).</summary>
public sealed class ConnectionLimitTests
{
    /// <summary>A clock that stands still for the rate limit (timestamps) and runs for logins (UTC).</summary>
    private sealed class FrozenTimestamps : TimeProvider
    {
        public override long GetTimestamp() => 1_000_000;

        public override long TimestampFrequency => Stopwatch.Frequency;
    }

    [Test]
    public async Task HandleAsync_BeyondMaxConnections_GoodbyeTooManyConnectionsAndClosed()
    {
        using var harness = new GatewayHarness(maxConnections: 2);
        var first = harness.Connect();
        var second = harness.Connect();
        await GatewayHarness.Until(() => harness.Gateway.ConnectionCount == 2, "both connections are open");

        var third = harness.Connect();
        await third.Run.WaitAsync(TimeSpan.FromSeconds(20));

        var goodbyes = third.Socket.SentOf<Goodbye>();
        Assert.Multiple(() =>
        {
            Assert.That(goodbyes.Select(g => (RejectCode)g.Code), Is.EqualTo(new[] { RejectCode.TooManyConnections }));
            Assert.That(third.Socket.Sent(), Has.Length.EqualTo(1), "nothing but the Goodbye");
            Assert.That(third.Socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
            Assert.That(harness.Gateway.ConnectionCount, Is.EqualTo(2));
            Assert.That(harness.Gateway.RefusedConnections, Is.EqualTo(1));
            Assert.That(first.Run.IsCompleted || second.Run.IsCompleted, Is.False, "the open connections are untouched");
        });

        await first.CloseAsync();
        var fourth = harness.Connect();
        fourth.Socket.ClientSends(GatewayHarness.Frame(new Ping { RequestId = 4 }));
        await GatewayHarness.Until(() => fourth.Socket.SentOf<Pong>().Count == 1, "a connection in the freed place is served");
        Assert.That(harness.Gateway.RefusedConnections, Is.EqualTo(1));
        await second.CloseAsync();
        await fourth.CloseAsync();
    }

    [Test]
    public async Task OnMessage_PingsBeyondTheBurst_AreRateLimited()
    {
        using var harness = new GatewayHarness(messagesPerSecond: 1, burst: 2, time: new FrozenTimestamps());
        var client = harness.Connect();
        for (ulong i = 1; i <= 5; i++)
        {
            client.Socket.ClientSends(GatewayHarness.Frame(new Ping { RequestId = i }));
        }

        await GatewayHarness.Until(() => client.Socket.Sent().Length == 5, "every Ping was answered");

        Assert.Multiple(() =>
        {
            Assert.That(client.Socket.SentOf<Pong>().Select(p => p.RequestId), Is.EqualTo(new[] { 1UL, 2UL }), "the burst");
            Assert.That(client.Socket.SentOf<Reject>().Select(r => (r.RequestId, r.RefTemplateId, (RejectCode)r.Code)),
                Is.EqualTo(new[] { 3UL, 4UL, 5UL }.Select(i => (i, TemplateId.Ping, RejectCode.RateLimited))));
            Assert.That(harness.Gateway.RateLimited, Is.EqualTo(3));
        });
        await client.CloseAsync();
    }

    [Test]
    public async Task OnMessage_FirstLoginWithAnEmptyBucket_IsServedButASecondLoginIsCounted()
    {
        using var harness = new GatewayHarness(messagesPerSecond: 1, burst: 1, time: new FrozenTimestamps());
        var client = harness.Connect();
        client.Socket.ClientSends(GatewayHarness.Frame(new Ping { RequestId = 1 }));
        client.Socket.ClientSends(GatewayHarness.SignedLogin(GatewayHarness.KeyA, GatewayHarness.SecretA));
        client.Socket.ClientSends(GatewayHarness.SignedLogin(GatewayHarness.KeyA, GatewayHarness.SecretA));
        await GatewayHarness.Until(() => client.Socket.Sent().Length == 3, "every message was answered");

        Assert.Multiple(() =>
        {
            Assert.That(client.Socket.SentOf<Pong>(), Has.Count.EqualTo(1), "the only token");
            Assert.That(client.Socket.SentOf<LoginAccepted>(), Has.Count.EqualTo(1), "a first Login is free");
            Assert.That(client.Socket.SentOf<Reject>().Select(r => (RejectCode)r.Code), Is.EqualTo(new[] { RejectCode.RateLimited }),
                "a second Login is not: it could be sent without end");
        });
        await client.CloseAsync();
    }
}
