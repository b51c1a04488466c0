using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Tests.Support;

/// <summary>Application messages the scenario tests send: a NewOrderSingle-shaped <c>D</c> identified by ClOrdID.</summary>
internal static class ClientExtensions
{
    public static Task SendOrderAsync(this FixTestClient client, string clOrdId, long? seqNum = null, bool possDup = false) =>
        client.SendAsync("D", body => OrderBody(body, clOrdId), seqNum, possDup);

    public static void OrderBody(FixBodyWriter body, string clOrdId) =>
        body.Add(FixTags.ClOrdID, clOrdId).Add(FixTags.Symbol, "BTC-USD").Add(FixTags.Side, (byte)'1')
            .Add(FixTags.OrderQty, 1L).Add(FixTags.OrdType, (byte)'2').Add(FixTags.Price, "100");

    /// <summary>Sends a TestRequest and waits for its Heartbeat: everything sent before it has been processed.</summary>
    public static async Task SyncAsync(this FixTestClient client, string id = "sync")
    {
        await client.SendAsync("1", body => body.Add(FixTags.TestReqID, id));
        while (true)
        {
            var message = await client.ReceiveAsync();
            if (message.MsgType == "0" && message.Get(FixTags.TestReqID) == id)
            {
                return;
            }

            Assert.That(message.MsgType, Is.EqualTo("0"), $"unexpected {message} while waiting for the Heartbeat to {id}");
        }
    }
}
