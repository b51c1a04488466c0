using System.Globalization;
using Matcher.Core.Commands;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Application;

/// <summary>
/// MassQuote (i) → one core <c>Quote</c> per entry → one MassQuoteAcknowledgement (b);
/// QuoteCancel (Z); quote fills; market-maker protection. The rig runs the real core on BTC-USD
/// and ETH-USD; account 8 trades against the quotes straight in the core.
/// </summary>
public class FixMassQuoteTests
{
    private const int QuoteID = 117, NoQuoteEntries = 295, NoQuoteSets = 296, QuoteStatus = 297, QuoteCancelType = 298, QuoteEntryID = 299,
        QuoteRejectReason = 300, QuoteSetID = 302, QuoteEntryRejectReason = 368, BidPx = 132, OfferPx = 133, BidSize = 134, OfferSize = 135;

    /// <summary>One quote entry: id, symbol, bid price and size, offer price and size (null: left out).</summary>
    private sealed record Entry(string Id, string Symbol, string? Bid, string? BidQty, string? Offer, string? OfferQty);

    private static Action<FixBodyWriter> MassQuote(string quoteId, params (string SetId, Entry[] Entries)[] sets) => body =>
    {
        body.Add(QuoteID, quoteId).Add(NoQuoteSets, sets.Length);
        foreach (var (setId, entries) in sets)
        {
            body.Add(QuoteSetID, setId).Add(NoQuoteEntries, entries.Length);
            foreach (var entry in entries)
            {
                body.Add(QuoteEntryID, entry.Id).Add(FixTags.Symbol, entry.Symbol);
                AddIf(body, BidPx, entry.Bid);
                AddIf(body, OfferPx, entry.Offer);
                AddIf(body, BidSize, entry.BidQty);
                AddIf(body, OfferSize, entry.OfferQty);
            }
        }
    };

    private static void AddIf(FixBodyWriter body, int tag, string? value)
    {
        if (value is not null)
        {
            body.Add(tag, value);
        }
    }

    private static Entry Btc(string id = "b1", string bid = "29990", string offer = "30010", string size = "0.5") => new(id, "BTC-USD", bid, size, offer, size);

    private static Entry Eth(string id = "e1", string bid = "1990", string offer = "2010", string size = "2") => new(id, "ETH-USD", bid, size, offer, size);

    /// <summary>A rig with ETH-USD, and the session's account and account 8 funded.</summary>
    private static GatewayRig StartRig()
    {
        var rig = new GatewayRig();
        rig.AddEthUsd();
        rig.FundAccounts(8);
        return rig;
    }

    [Test]
    public async Task MassQuote_TwoSetsTwoInstruments_OneQuoteCommandPerEntry_AcceptedAck()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("i", MassQuote("mq1", ("s1", [Btc()]), ("s2", [Eth()])));
        await rig.RunCoreAsync(2);
        var ack = await client.ExpectAsync("b");

        var quotes = rig.Published();
        Assert.That(quotes.Select(c => c.Type), Is.All.EqualTo(CommandType.Quote));
        Assert.That(quotes.Select(c => (c.InstrumentId, c.ClientOrderId.ToString())), Is.EqualTo(new[] { (GatewayRig.BtcUsd, "b1"), (GatewayRig.EthUsd, "e1") }));
        Assert.That((quotes[0].PriceTicks, quotes[0].QuantityLots, quotes[0].AskPriceTicks, quotes[0].AskQuantityLots),
            Is.EqualTo((2_999_000L, 5_000L, 3_001_000L, 5_000L)));
        Assert.That((quotes[1].PriceTicks, quotes[1].QuantityLots, quotes[1].AskPriceTicks, quotes[1].AskQuantityLots),
            Is.EqualTo((199_000L, 2_000L, 201_000L, 2_000L)));
        Assert.That(quotes.Select(c => c.AccountId), Is.All.EqualTo(GatewayRig.AccountId));

        Assert.That((ack.Get(QuoteID), ack.GetLong(QuoteStatus)), Is.EqualTo(("mq1", 0L)));
        Assert.That(ack.Has(NoQuoteSets) || ack.Has(QuoteRejectReason), Is.False, "nothing rejected, nothing listed");
        Assert.That(rig.Engine.EnumerateOrders().Count(), Is.EqualTo(4), "both legs of both quotes rest");
        Assert.That(client.Drain().Where(m => m.MsgType == "8"), Is.Empty, "legs are acknowledged by the ack, not by ExecutionReports");
        Assert.That(rig.Gateway.PendingQuoteRequests, Is.Zero);
    }

    [Test]
    public async Task MassQuote_OneEntryRejectedByTheCore_AckAcceptedListsTheRejectedEntry()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("i", MassQuote("mq1", ("s1", [Btc()]), ("s2", [Eth(bid: "2010", offer: "2000")])));
        await rig.RunCoreAsync(2);
        var ack = await client.ExpectAsync("b");

        Assert.That(ack.GetLong(QuoteStatus), Is.EqualTo(0), "accepted: at least one entry stands");
        Assert.That(ack.Has(QuoteRejectReason), Is.False);
        Assert.That(ack.Fields().SkipWhile(f => f.Tag != NoQuoteSets).Where(f => f.Tag is NoQuoteSets or QuoteSetID or NoQuoteEntries or QuoteEntryID
                or FixTags.Symbol or QuoteEntryRejectReason),
            Is.EqualTo(new[] { (NoQuoteSets, "1"), (QuoteSetID, "s2"), (NoQuoteEntries, "1"), (QuoteEntryID, "e1"), (FixTags.Symbol, "ETH-USD"), (QuoteEntryRejectReason, "7") }));
        Assert.That(ack.Get(FixTags.Text), Is.EqualTo("e1: InvalidQuote"));
        Assert.That(rig.Engine.EnumerateOrders().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task MassQuote_EntriesRefusedAtTheGateway_NotPublished_ListedInTheAck()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("i", MassQuote("mq1", ("s1", [Btc(), new Entry("x1", "NOPE", "1", "1", "2", "1"), Btc("b2", bid: "29990.001")])));
        await rig.RunCoreAsync(1);
        var ack = await client.ExpectAsync("b");

        Assert.That(rig.Published().Select(c => c.ClientOrderId.ToString()), Is.EqualTo(new[] { "b1" }));
        Assert.That(ack.GetLong(QuoteStatus), Is.EqualTo(0));
        Assert.That(ack.All(QuoteEntryID), Is.EqualTo(new[] { "x1", "b2" }));
        Assert.That(ack.All(QuoteEntryRejectReason), Is.EqualTo(new[] { "1", "8" }), "unknown symbol, invalid price");
        Assert.That(ack.Get(FixTags.Text), Does.Contain("x1: Unknown symbol").And.Contain("b2: BidPx (132) must be a positive multiple of the tick size"));
        Assert.That(rig.Gateway.GatewayRejects, Is.EqualTo(2));
    }

    [Test]
    public async Task MassQuote_EveryEntryRejected_AckRejectedWithTheReason()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        // 1,000 BTC at 30,000 is more than the account's 10,000,000 USD.
        await client.SendAsync("i", MassQuote("mq1", ("s1", [Btc(size: "1000"), Btc("b2", size: "2000")])));
        await rig.RunCoreAsync(2);
        var ack = await client.ExpectAsync("b");

        Assert.That((ack.Get(QuoteID), ack.GetLong(QuoteStatus), ack.GetLong(QuoteRejectReason)), Is.EqualTo(("mq1", 5L, 3L)));
        Assert.That(ack.All(QuoteEntryRejectReason), Is.EqualTo(new[] { "3", "3" }));
        Assert.That(ack.Get(FixTags.Text), Is.EqualTo("b1: InsufficientFunds; b2: InsufficientFunds"));
        Assert.That(rig.Engine.EnumerateOrders(), Is.Empty);
    }

    [Test]
    public async Task MassQuote_AccountNotTheSessions_RejectedAtOnce_NothingPublished()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("i", body => MassQuote("mq1", ("s1", [Btc()]))(body.Add(FixTags.Account, "99")));
        var ack = await client.ExpectAsync("b");

        Assert.That((ack.GetLong(QuoteStatus), ack.GetLong(QuoteRejectReason)), Is.EqualTo((5L, 9L)));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }

    [Test]
    public async Task MassQuote_Requote_ReplacesTheLegsWithoutReports_AndAFillIsReportedToTheMaker()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("i", MassQuote("mq1", ("s1", [Btc()])));
        await rig.RunCoreAsync(1);
        await client.ExpectAsync("b");
        await client.SendAsync("i", MassQuote("mq2", ("s1", [Btc("b2", bid: "29995", offer: "30005")])));
        await rig.RunCoreAsync(2);
        var second = await client.ExpectAsync("b");
        rig.Admin(GatewayRig.OtherOrder(8, Side.Sell, 2_999_500, 2_000, TimeInForce.ImmediateOrCancel));
        var fill = await client.ExpectAsync("8");

        Assert.That((second.Get(QuoteID), second.GetLong(QuoteStatus)), Is.EqualTo(("mq2", 0L)));
        Assert.That(rig.Engine.EnumerateOrders().Select(o => o.PriceTicks).Order(), Is.EqualTo(new[] { 2_999_500L, 3_000_500L }), "the first quote's legs are gone");
        Assert.That((fill.Get(FixTags.ExecType), fill.Get(FixTags.OrdStatus), fill.Get(FixTags.ClOrdID), fill.Get(FixTags.Side)), Is.EqualTo(("F", "1", "b2", "1")));
        Assert.That(decimal.Parse(fill.Get(FixTags.LastQty)!, CultureInfo.InvariantCulture), Is.EqualTo(0.2m));
    }

    [Test]
    public async Task QuoteCancel_ForASymbol_WithdrawsThatQuote_AckQuoteStatus1()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();
        await client.SendAsync("i", MassQuote("mq1", ("s1", [Btc(), Eth()])));
        await rig.RunCoreAsync(2);
        await client.ExpectAsync("b");

        await client.SendAsync("Z", body => body.Add(QuoteID, "cx1").Add(QuoteCancelType, (byte)'1').Add(NoQuoteEntries, 1L).Add(FixTags.Symbol, "BTC-USD"));
        await rig.RunCoreAsync(3);
        var ack = await client.ExpectAsync("b");

        var withdraw = rig.Published()[2];
        Assert.That((withdraw.Type, withdraw.InstrumentId, withdraw.QuantityLots, withdraw.AskQuantityLots), Is.EqualTo((CommandType.Quote, GatewayRig.BtcUsd, 0L, 0L)));
        Assert.That((ack.Get(QuoteID), ack.GetLong(QuoteStatus)), Is.EqualTo(("cx1", 1L)));
        Assert.That(rig.Engine.EnumerateOrders().Select(o => o.InstrumentId), Is.All.EqualTo(GatewayRig.EthUsd));
        Assert.That(client.Drain().Where(m => m.MsgType == "8"), Is.Empty, "withdrawn legs are answered by the ack");
    }

    [Test]
    public async Task QuoteCancel_All_WithdrawsEveryQuote_AckQuoteStatus4()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();
        await client.SendAsync("i", MassQuote("mq1", ("s1", [Btc(), Eth()])));
        await rig.RunCoreAsync(2);
        await client.ExpectAsync("b");

        await client.SendAsync("Z", body => body.Add(QuoteID, "cx1").Add(QuoteCancelType, (byte)'4'));
        await rig.RunCoreAsync(4);
        var ack = await client.ExpectAsync("b");

        Assert.That((ack.Get(QuoteID), ack.GetLong(QuoteStatus)), Is.EqualTo(("cx1", 4L)));
        Assert.That(rig.Engine.EnumerateOrders(), Is.Empty);
    }

    [Test]
    public async Task QuoteCancel_AccountNotTheSessions_RejectedAtOnce_NothingPublished()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("Z", body => body.Add(FixTags.Account, "99").Add(QuoteID, "cx1").Add(QuoteCancelType, (byte)'4'));
        var ack = await client.ExpectAsync("b");

        Assert.That((ack.Get(QuoteID), ack.GetLong(QuoteStatus), ack.GetLong(QuoteRejectReason)), Is.EqualTo(("cx1", 5L, 9L)));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }

    [Test]
    public async Task MarketMakerProtection_Trips_UnsolicitedAckAndLegCancels_ThenNewQuotesRejected()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();
        rig.Admin(new Command { Type = CommandType.SetMarketMakerProtection, AccountId = GatewayRig.AccountId, WindowNs = 60_000_000_000, MaxFills = 1 });
        await client.SendAsync("i", MassQuote("mq1", ("s1", [Btc()])));
        await rig.RunCoreAsync(1);
        await client.ExpectAsync("b");

        // Two fills against the bid: the second exceeds the one allowed.
        var sell = GatewayRig.OtherOrder(8, Side.Sell, 2_999_000, 1_000, TimeInForce.ImmediateOrCancel);
        rig.Admin(sell);
        rig.Admin(sell);
        var messages = new List<ReceivedMessage>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add(await client.ReceiveAsync());
        }

        await client.SendAsync("i", MassQuote("mq2", ("s1", [Btc()])));
        await rig.RunCoreAsync(2);
        var refused = await client.ExpectAsync("b");

        Assert.That(messages.Select(m => (m.MsgType, m.Get(FixTags.ExecType))),
            Is.EqualTo(new[] { ("8", "F"), ("8", "F"), ("b", null), ("8", "4"), ("8", "4") }), "two fills, the trip, both legs cancelled");
        var tripped = messages[2];
        Assert.That((tripped.GetLong(QuoteStatus), tripped.Has(QuoteID)), Is.EqualTo((4L, false)));
        Assert.That(tripped.Get(FixTags.Text), Does.StartWith("MarketMakerProtection"));
        Assert.That(messages.Skip(3).Select(m => m.Get(FixTags.Text)), Is.All.EqualTo("MarketMakerProtection"));
        Assert.That((refused.Get(QuoteID), refused.GetLong(QuoteStatus), refused.GetLong(QuoteRejectReason)), Is.EqualTo(("mq2", 5L, 3L)));
        Assert.That(refused.Get(FixTags.Text), Is.EqualTo("b1: MarketMakerProtection"));
    }

    /// <summary>Malformed quote groups: a session Reject naming the group's count tag.</summary>
    private static IEnumerable<TestCaseData> MalformedMassQuotes()
    {
        yield return new TestCaseData(new Action<FixBodyWriter>(body => body.Add(QuoteID, "mq1")), NoQuoteSets, 1L).SetName("NoQuoteSetsMissing_RequiredTagMissing");
        yield return new TestCaseData(new Action<FixBodyWriter>(body => body.Add(QuoteID, "mq1").Add(NoQuoteSets, 1L).Add(QuoteSetID, "s1")
                .Add(NoQuoteEntries, 3L).Add(QuoteEntryID, "b1").Add(FixTags.Symbol, "BTC-USD").Add(BidPx, "1").Add(BidSize, "1")), NoQuoteEntries, 16L)
            .SetName("EntryCountWrong_IncorrectNumInGroup");
        yield return new TestCaseData(new Action<FixBodyWriter>(body => body.Add(QuoteID, "mq1").Add(NoQuoteSets, 1L).Add(QuoteSetID, "s1")
                .Add(NoQuoteEntries, 1L).Add(FixTags.Symbol, "BTC-USD").Add(QuoteEntryID, "b1")), NoQuoteEntries, 15L)
            .SetName("EntryNotStartingWithQuoteEntryID_DelimiterNotFirst");
    }

    [TestCaseSource(nameof(MalformedMassQuotes))]
    public async Task MassQuote_Malformed_SessionReject_NothingPublished(Action<FixBodyWriter> message, int refTag, long reason)
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("i", message);
        var reject = await client.ExpectAsync("3");

        Assert.That((reject.GetLong(FixTags.RefTagID), reject.GetLong(FixTags.SessionRejectReason)), Is.EqualTo((refTag, reason)));
        Assert.That(rig.Ring.Cursor.Value, Is.EqualTo(-1));
    }

    [Test]
    public async Task MassQuote_OneSidedEntry_QuotesOnlyThatSide()
    {
        await using var rig = StartRig();
        var client = await rig.LogonAsync();

        await client.SendAsync("i", MassQuote("mq1", ("s1", [new Entry("b1", "BTC-USD", "29990", "0.5", null, null)])));
        await rig.RunCoreAsync(1);
        var ack = await client.ExpectAsync("b");

        var quote = rig.Published().Single();
        Assert.That((quote.PriceTicks, quote.QuantityLots, quote.AskPriceTicks, quote.AskQuantityLots), Is.EqualTo((2_999_000L, 5_000L, 0L, 0L)));
        Assert.That(ack.GetLong(QuoteStatus), Is.Zero);
        Assert.That(rig.Engine.EnumerateOrders().Single().Side, Is.EqualTo(Side.Buy));
        Assert.That(rig.Engine.EnumerateOrders().Single().ClientOrderId, Is.EqualTo(ClientOrderId.From("b1")));
    }
}
