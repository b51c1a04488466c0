using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Text;
using Matcher.Protocol;

namespace Matcher.Gateways.WebSocket.Tests;

/// <summary>
/// What a cancel request named waits for the cancel's outcome, and no longer: the table stays
/// bounded whatever clients do (cancel, disconnect, repeat).
/// </summary>
public sealed class PendingCancelTests
{
    private static CancelOrder Cancel(ulong requestId) => new()
    {
        RequestId = requestId,
        OrderId = (long)requestId + 100,
        ClOrdId = Chars32.From($"c-{requestId}"),
    };

    private static EngineEvent Cancelled(int connectionId, ulong requestId) => new()
    {
        Type = EventType.OrderCancelled,
        CommandType = CommandType.CancelOrder,
        AccountId = GatewayHarness.AccountA,
        InstrumentId = 1,
        OrderId = (long)requestId + 100,
        Side = Side.Buy,
        PriceTicks = 100,
        QuantityLots = 1,
        CancelReason = CancelReason.User,
        ClientOrderId = ClientOrderId.From($"o-{requestId}"),
        Origin = new Origin(WebSocketGateway.GatewayId, connectionId, (long)requestId),
        OrderOrigin = new Origin(WebSocketGateway.GatewayId, connectionId, 1),
    };

    private static EngineEvent CancelRejected(int connectionId, ulong requestId) => new()
    {
        Type = EventType.Rejected,
        CommandType = CommandType.CancelOrder,
        AccountId = GatewayHarness.AccountA,
        OrderId = (long)requestId + 100,
        RejectReason = RejectReason.UnknownOrder,
        Origin = new Origin(WebSocketGateway.GatewayId, connectionId, (long)requestId),
    };

    [Test]
    public async Task Disconnect_CancelsStillWaitingForTheirOutcomes_LeaveNoEntry()
    {
        using var harness = new GatewayHarness();
        for (var round = 0; round < 3; round++)
        {
            var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
            var published = harness.Published;
            for (ulong request = 1; request <= 4; request++)
            {
                client.Socket.ClientSends(GatewayHarness.Frame(Cancel(request)));
            }

            await GatewayHarness.Until(() => harness.Published == published + 4, "the cancels were published");
            Assert.That(harness.Gateway.PendingCancelCount, Is.EqualTo(4), "each cancel waits for its outcome");

            await client.CloseAsync();
            Assert.That(harness.Gateway.PendingCancelCount, Is.Zero, $"round {round}: the connection's entries went with it");

            // The outcomes arrive after it left: nothing to answer, nothing to keep.
            harness.Deliver(Cancelled(client.ConnectionId, 1));
            harness.Deliver(CancelRejected(client.ConnectionId, 2));
            Assert.That(harness.Gateway.PendingCancelCount, Is.Zero);
        }
    }

    [Test]
    public async Task OnEvent_CancelledAndRejectedOutcomes_RemoveTheirEntriesAndEchoTheIds()
    {
        using var harness = new GatewayHarness();
        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        client.Socket.ClientSends(GatewayHarness.Frame(Cancel(1)));
        client.Socket.ClientSends(GatewayHarness.Frame(Cancel(2)));
        await GatewayHarness.Until(() => harness.Gateway.PendingCancelCount == 2, "both cancels wait");

        harness.Deliver(Cancelled(client.ConnectionId, 1));
        harness.Deliver(CancelRejected(client.ConnectionId, 2));

        Assert.That(harness.Gateway.PendingCancelCount, Is.Zero);
        await GatewayHarness.Until(() => client.Socket.SentOf<ExecutionReport>().Count == 1 && client.Socket.SentOf<CancelReject>().Count == 1, "both answers were sent");
        var report = client.Socket.SentOf<ExecutionReport>()[0];
        var reject = client.Socket.SentOf<CancelReject>()[0];
        Assert.Multiple(() =>
        {
            Assert.That((report.RequestId, (char)report.ExecType), Is.EqualTo((1UL, '4')));
            Assert.That((report.ClOrdId.ToString(), report.OrigClOrdId.ToString()), Is.EqualTo(("c-1", "o-1")));
            Assert.That((reject.RequestId, reject.RejectCode, reject.ClOrdId.ToString()), Is.EqualTo((2UL, (ushort)RejectReason.UnknownOrder, "c-2")));
        });
        await client.CloseAsync();
    }
}
