using System.Net;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Pipeline;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Application;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Gateways.Fix.Tests.Support;
using Matcher.Ring;
using Matcher.Views.Instruments;
using Matcher.Views.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Gateways.Fix.Tests.Application;

/// <summary>
/// The application layer over a real acceptor and socket, with the inbound ring read
/// directly: what a FIX request becomes, what the gateway refuses before the core.
/// </summary>
public class FixGatewayTests
{
    private const int SessionId = GatewayRig.SessionId;
    private const long AccountId = GatewayRig.AccountId;

    private static Action<FixBodyWriter> Order(string clOrdId, string quantity = "0.5", string price = "30000.01", string symbol = "BTC-USD") =>
        body => body.Add(FixTags.ClOrdID, clOrdId).Add(FixTags.Symbol, symbol).Add(FixTags.Side, (byte)'1')
            .Add(FixTags.OrderQty, quantity).Add(FixTags.OrdType, (byte)'2').Add(FixTags.Price, price).Add(FixTags.TimeInForce, (byte)'1');

    [Test]
    public async Task NewOrderSingle_Valid_PublishesPlaceOrderInTicksAndLots()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("o1"));
        await client.SendAsync("0");
        await rig.WaitForPublished(1);

        var command = rig.Published().Single();
        Assert.That(command.Type, Is.EqualTo(CommandType.PlaceOrder));
        Assert.That(command.AccountId, Is.EqualTo(AccountId));
        Assert.That(command.InstrumentId, Is.EqualTo(1));
        Assert.That(command.PriceTicks, Is.EqualTo(3_000_001));
        Assert.That(command.QuantityLots, Is.EqualTo(5_000));
        Assert.That(command.ClientOrderId, Is.EqualTo(ClientOrderId.From("o1")));
        Assert.That(command.Origin, Is.EqualTo(new Origin(FixGateway.GatewayId, SessionId, 2)), "correlation = the request's MsgSeqNum");
    }

    [Test]
    public async Task NewOrderSingle_MarketWithoutTimeInForce_LeavesTheDefaultToTheCore()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", body => body.Add(FixTags.ClOrdID, "m1").Add(FixTags.Symbol, "BTC-USD").Add(FixTags.Side, (byte)'2')
            .Add(FixTags.OrderQty, "0.1").Add(FixTags.OrdType, (byte)'1'));
        await rig.WaitForPublished(1);

        var command = rig.Published().Single();
        Assert.That(command.OrderType, Is.EqualTo(OrderType.Market));
        Assert.That(command.TimeInForce, Is.EqualTo(TimeInForce.None), "the core makes a market order IOC and a limit order GTC");
        Assert.That(command.PriceTicks, Is.Zero);
    }

    [Test]
    public async Task NewOrderSingle_AccountNotTheSessions_Rejected()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", body => Order("o1")(body.Add(FixTags.Account, "ACME")));
        var report = await client.ExpectAsync("8");

        Assert.That(report.Get(FixTags.OrdStatus), Is.EqualTo("8"));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }

    [TestCase("-1")]
    [TestCase("99999999999")]
    [TestCase("x")]
    public async Task MarketDataRequest_BadDepth_RejectedWithReason5(string depth)
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("V", body => body.Add(FixTags.MDReqID, "md1").Add(FixTags.SubscriptionRequestType, (byte)'1')
            .Add(FixTags.MarketDepth, depth).Add(FixTags.NoMDEntryTypes, 1L).Add(FixTags.MDEntryType, (byte)'0')
            .Add(FixTags.NoRelatedSym, 1L).Add(FixTags.Symbol, "BTC-USD"));
        var reject = await client.ExpectAsync("Y");

        Assert.That(reject.Get(FixTags.MDReqID), Is.EqualTo("md1"));
        Assert.That(reject.Get(281), Is.EqualTo("5"));
    }

    [Test]
    public async Task MarketDataRequest_Subscribe_SnapshotOfTheRecoveredBook()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("V", body => body.Add(FixTags.MDReqID, "md1").Add(FixTags.SubscriptionRequestType, (byte)'1')
            .Add(FixTags.MarketDepth, 0L).Add(FixTags.NoMDEntryTypes, 1L).Add(FixTags.MDEntryType, (byte)'0')
            .Add(FixTags.NoRelatedSym, 1L).Add(FixTags.Symbol, "BTC-USD"));
        var snapshot = await client.ExpectAsync("W");

        Assert.That(snapshot.Get(FixTags.Symbol), Is.EqualTo("BTC-USD"));
        Assert.That(snapshot.GetLong(FixTags.NoMDEntries), Is.Zero);
    }

    private static Action<FixBodyWriter> Subscribe(string requestId, string type = "1") =>
        body => body.Add(FixTags.MDReqID, requestId).Add(FixTags.SubscriptionRequestType, type)
            .Add(FixTags.MarketDepth, 0L).Add(FixTags.NoMDEntryTypes, 3L).Add(FixTags.MDEntryType, (byte)'0').Add(FixTags.MDEntryType, (byte)'1')
            .Add(FixTags.MDEntryType, (byte)'2').Add(FixTags.NoRelatedSym, 1L).Add(FixTags.Symbol, "BTC-USD");

    /// <summary>
    /// A snapshot-only request answered: the session handles its messages in order, so every
    /// request before it is done (a W is sent before its subscription is registered).
    /// </summary>
    private static async Task RoundTrip(FixTestClient client)
    {
        await client.SendAsync("V", Subscribe("snap", "0"));
        await client.ExpectAsync("W");
    }

    [Test]
    public async Task MarketDataRequest_Subscribe_HubUpdatesBecomeIncrementalRefreshes_DisconnectUnsubscribes()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();
        await client.SendAsync("V", Subscribe("md1"));
        await client.ExpectAsync("W");
        await client.SendAsync("V", Subscribe("md1"));
        await client.ExpectAsync("W");
        await RoundTrip(client);
        Assert.That(rig.MarketData.SubscriptionCount, Is.EqualTo(1), "a repeated MDReqID replaces its subscription");

        EngineEvent[] events =
        [
            new() { Type = EventType.BookLevelChanged, CommandSequence = 1, InstrumentId = 1, Side = Side.Sell, PriceTicks = 3_000_001, LevelLots = 5_000, LevelOrderCount = 1 },
            new() { Type = EventType.Trade, CommandSequence = 2, InstrumentId = 1, Side = Side.Buy, TradePriceTicks = 3_000_001, TradeLots = 1_000 },
            new() { Type = EventType.BookLevelChanged, CommandSequence = 2, InstrumentId = 1, Side = Side.Sell, PriceTicks = 3_000_001, LevelLots = 4_000, LevelOrderCount = 1 },
            new() { Type = EventType.BookLevelChanged, CommandSequence = 3, InstrumentId = 1, Side = Side.Sell, PriceTicks = 3_000_001, LevelLots = 0, LevelOrderCount = 0 },
        ];
        for (var i = 0; i < events.Length; i++)
        {
            rig.MarketData.OnEvent(ref events[i], i, i == events.Length - 1);
        }

        var added = await client.ExpectAsync("X");
        var trade = await client.ExpectAsync("X");
        var changed = await client.ExpectAsync("X");
        var deleted = await client.ExpectAsync("X");

        Assert.That(added.Get(FixTags.MDReqID), Is.EqualTo("md1"));
        Assert.That(added.Get(FixTags.Symbol), Is.EqualTo("BTC-USD"));
        Assert.That((added.Get(FixTags.MDUpdateAction), added.Get(FixTags.MDEntryType), added.Get(FixTags.MDEntryPx), added.Get(FixTags.MDEntrySize)),
            Is.EqualTo(("0", "1", "30000.01", "0.5")));
        Assert.That((trade.Get(FixTags.MDUpdateAction), trade.Get(FixTags.MDEntryType), trade.Get(FixTags.MDEntryPx), trade.Get(FixTags.MDEntrySize)),
            Is.EqualTo(("0", "2", "30000.01", "0.1")));
        Assert.That((changed.Get(FixTags.MDUpdateAction), changed.Get(FixTags.MDEntrySize)), Is.EqualTo(("1", "0.4")));
        Assert.That((deleted.Get(FixTags.MDUpdateAction), deleted.Get(FixTags.MDEntrySize)), Is.EqualTo(("2", "0")));

        await client.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (rig.MarketData.SubscriptionCount != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.That(rig.MarketData.SubscriptionCount, Is.Zero, "the session's subscriptions end with its connection");
    }

    [Test]
    public async Task MarketDataRequest_SnapshotOnly_SubscribesNothing_UnsubscribeEndsASubscription()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await RoundTrip(client);
        Assert.That(rig.MarketData.SubscriptionCount, Is.Zero);

        await client.SendAsync("V", Subscribe("md2"));
        await client.ExpectAsync("W");
        await RoundTrip(client);
        Assert.That(rig.MarketData.SubscriptionCount, Is.EqualTo(1));
        await client.SendAsync("V", body => body.Add(FixTags.MDReqID, "md2").Add(FixTags.SubscriptionRequestType, (byte)'2'));
        await RoundTrip(client);

        Assert.That(rig.MarketData.SubscriptionCount, Is.Zero);
    }

    [TestCase("0.00005", "30000", 13, "lot size")]
    [TestCase("0.5", "30000.001", 99, "tick size")]
    [TestCase("-1", "30000", 13, "lot size")]
    public async Task NewOrderSingle_OffGrid_RejectedAtTheGateway_NothingPublished(string quantity, string price, int ordRejReason, string text)
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("o1", quantity, price));
        var report = await client.ExpectAsync("8");

        Assert.That(report.Get(FixTags.ExecType), Is.EqualTo("8"));
        Assert.That(report.Get(FixTags.OrdStatus), Is.EqualTo("8"));
        Assert.That(report.GetLong(FixTags.OrdRejReason), Is.EqualTo(ordRejReason));
        Assert.That(report.Get(FixTags.Text), Does.Contain(text));
        Assert.That(report.Get(FixTags.ClOrdID), Is.EqualTo("o1"));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }

    [Test]
    public async Task NewOrderSingle_UnknownSymbol_RejectedWithOrdRejReason1()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("o1", symbol: "NOPE"));
        var report = await client.ExpectAsync("8");

        Assert.That(report.GetLong(FixTags.OrdRejReason), Is.EqualTo(1));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }

    [Test]
    public async Task NewOrderSingle_MissingSide_SessionRejectNamesTheTag()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", body => body.Add(FixTags.ClOrdID, "o1").Add(FixTags.Symbol, "BTC-USD").Add(FixTags.OrderQty, "1").Add(FixTags.OrdType, (byte)'2'));
        var reject = await client.ExpectAsync("3");

        Assert.That(reject.GetLong(FixTags.RefTagID), Is.EqualTo(FixTags.Side));
        Assert.That(reject.GetLong(FixTags.SessionRejectReason), Is.EqualTo(1));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }

    [Test]
    public async Task UnknownApplicationMessage_BusinessMessageReject()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();

        await client.SendAsync("AE", body => body.Add(FixTags.Text, "trade capture"));
        var reject = await client.ExpectAsync("j");

        Assert.That(reject.Get(FixTags.RefMsgType), Is.EqualTo("AE"));
        Assert.That(reject.GetLong(FixTags.BusinessRejectReason), Is.EqualTo(3));
    }

    [Test]
    public async Task PossDupResend_OfARequestAlreadyJournaled_IsAnsweredNotEntered_ALaterOneIsEntered()
    {
        await using var rig = new GatewayRig();

        // Yesterday's numbering reached 50,000, then the client reset to 1: the journal's last request is what counts.
        rig.Gateway.LoadJournaledRequests(
        [
            new Command { Type = CommandType.PlaceOrder, Origin = new Origin(FixGateway.GatewayId, SessionId, 50_000) },
            new Command { Type = CommandType.CancelSessionOrders, Origin = new Origin(FixGateway.GatewayId, SessionId, 0) },
            new Command { Type = CommandType.PlaceOrder, Origin = new Origin(FixGateway.GatewayId, SessionId, 2) },
        ]);
        await using var client = await rig.LogonAsync();

        await client.SendAsync("D", Order("o1"), possDup: true);
        var status = await client.ExpectAsync("8");
        await client.SendAsync("D", Order("o2"), possDup: true);
        await rig.WaitForPublished(1);

        Assert.That(status.Get(FixTags.ExecType), Is.EqualTo("I"), "the duplicate is answered with the order's status");
        Assert.That(status.Get(FixTags.ClOrdID), Is.EqualTo("o1"));
        Assert.That(rig.Published().Select(c => c.ClientOrderId.ToString()), Is.EqualTo(new[] { "o2" }));
        Assert.That(rig.Gateway.DuplicatesDropped, Is.EqualTo(1));
    }

    [Test]
    public async Task RingFull_OrderRejectedAsBusy()
    {
        await using var rig = new GatewayRig();
        await using var client = await rig.LogonAsync();
        for (var i = 0; i < 64; i++)
        {
            await client.SendAsync("D", Order($"f{i}"));
        }

        await rig.WaitForPublished(64);
        await client.SendAsync("D", Order("late"));
        ReceivedMessage report;
        do
        {
            report = await client.ExpectAsync("8");
        }
        while (report.Get(FixTags.ClOrdID) != "late");

        Assert.That(report.Get(FixTags.OrdStatus), Is.EqualTo("8"));
        Assert.That(report.Get(FixTags.Text), Does.StartWith("System busy"));
    }

}
