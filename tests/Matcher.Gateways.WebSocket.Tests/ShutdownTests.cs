using Matcher.Protocol;

namespace Matcher.Gateways.WebSocket.Tests;

/// <summary>Connections that arrive while or after the gateway stops: the HTTP endpoint may still accept them.</summary>
public sealed class ShutdownTests
{
    [Test]
    public async Task HandleAsync_AfterDispose_GoodbyeServerStoppingAndNothingRegistered()
    {
        var harness = new GatewayHarness();
        harness.Dispose();

        var late = harness.Connect();
        await late.Run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(late.Run.IsCompletedSuccessfully, Is.True, late.Run.Exception?.ToString());
            Assert.That(late.Socket.SentOf<Goodbye>().Select(g => (RejectCode)g.Code), Is.EqualTo(new[] { RejectCode.ServerStopping }));
            Assert.That(harness.Gateway.ConnectionCount, Is.Zero);
        });
        harness.Dispose();
    }

    [Test]
    public async Task HandleAsync_AfterStopAsync_GoodbyeServerStoppingAndNothingRegistered()
    {
        using var harness = new GatewayHarness();
        var open = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        await harness.Gateway.StopAsync(TimeSpan.FromSeconds(20));
        await open.Run.WaitAsync(TimeSpan.FromSeconds(20));

        var late = harness.Connect();
        late.Socket.ClientSends(GatewayHarness.SignedLogin(GatewayHarness.KeyA, GatewayHarness.SecretA));
        await late.Run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(open.Socket.SentOf<Goodbye>().Select(g => (RejectCode)g.Code), Is.EqualTo(new[] { RejectCode.ServerStopping }));
            Assert.That(late.Socket.SentOf<Goodbye>().Select(g => (RejectCode)g.Code), Is.EqualTo(new[] { RejectCode.ServerStopping }));
            Assert.That(late.Socket.SentOf<LoginAccepted>(), Is.Empty, "a refused connection reads nothing");
            Assert.That(harness.Gateway.ConnectionCount, Is.Zero);
        });
    }
}
