namespace Matcher.Server.Tests.Interop;

/// <summary>
/// QuickFIX C++ against <c>matcher serve</c> with the orders and messages of issue 9: a stop
/// order triggered by a trade (ExecType L, then the fill), and a market maker's MassQuote (i)
/// answered by a MassQuoteAcknowledgement (b) that QuickFIX parses with its FIX 4.4 data
/// dictionary (nested NoQuoteSets / NoQuoteEntries groups), a quote fill, and QuoteCancel (Z).
/// </summary>
[NonParallelizable]
public class ConditionalOrderInteropTests : QuickFixServerFixture
{
    [Test]
    public void QuickFix_StopOrder_TriggeredByATrade_ExecTypeLThenTheFill()
    {
        var port = QuickFixTools.FreePort();
        StartServer(port);
        var trader = Client(port, "CLIENT1", "client1");
        var maker = Client(port, "CLIENT3", "client3");

        // Before the instrument's first trade any stop price is accepted.
        trader.SendMessage("D", (11, "stop1"), (55, "BTC-USD"), (54, "1"), (38, "0.2"), (40, "3"), (99, "30000"), (59, "1"), (60, Now()));
        var accepted = Find(trader, "8", (11, "stop1"), (150, "0"));
        Assert.That((accepted[39], accepted[40], accepted[99]), Is.EqualTo(("0", "3", "30000")));

        PlaceLimit(maker, "ask1", "2", "1", "30000");
        Find(maker, "8", (11, "ask1"), (150, "0"));
        PlaceLimit(trader, "lift", "1", "0.1", "30000");
        Find(trader, "8", (11, "lift"), (150, "F"), (39, "2"));

        var triggered = Find(trader, "8", (11, "stop1"), (150, "L"));
        Assert.That((triggered[39], triggered[40], triggered[99], triggered[151]), Is.EqualTo(("0", "3", "30000", "0.2")));
        Assert.That(triggered[37], Is.EqualTo(accepted[37]), "the same order");
        var fill = Find(trader, "8", (11, "stop1"), (150, "F"));
        Assert.That((fill[39], fill[32], fill[31], fill[14]), Is.EqualTo(("2", "0.2", "30000", "0.2")));
        Assert.That(IndexOfLine(trader, "|150=L|"), Is.LessThan(IndexOfLine(trader, "|11=stop1|", "|150=F|")), "triggered before filled");
        Assert.That(Find(maker, "8", (11, "ask1"), (150, "F"), (151, "0.7"))[39], Is.EqualTo("1"), "the stop's fill reached the maker too");
    }

    [Test]
    public void QuickFix_MassQuote_AckWithTheRejectedEntry_QuoteFill_QuoteCancel()
    {
        var port = QuickFixTools.FreePort();
        StartServer(port);
        var marketMaker = Client(port, "CLIENT3", "client3");
        var taker = Client(port, "CLIENT1", "client1");

        // Set s1: BTC-USD. Set s2: ETH-USD, then a second ETH-USD entry with bid above offer, which the core refuses (the first stands).
        marketMaker.SendMessage("i", (117, "mq1"), (296, "2"),
            (302, "s1"), (295, "1"), (299, "q1"), (55, "BTC-USD"), (132, "29000"), (133, "31000"), (134, "0.1"), (135, "0.1"),
            (302, "s2"), (295, "2"), (299, "q2"), (55, "ETH-USD"), (132, "1900"), (133, "2100"), (134, "1"), (135, "1"),
            (299, "q3"), (55, "ETH-USD"), (132, "2200"), (133, "2100"), (134, "1"), (135, "1"));
        var ack = Find(marketMaker, "b", (117, "mq1"));
        Assert.That(ack[297], Is.EqualTo("0"), "accepted: two of the three entries stand");
        Assert.That(ack.Fields.SkipWhile(f => f.Key != 296).TakeWhile(f => f.Key != 10).Select(f => (f.Key, f.Value)),
            Is.EqualTo(new[] { (296, "1"), (302, "s2"), (295, "1"), (299, "q3"), (55, "ETH-USD"), (368, "7") }));
        Assert.That(ack[58], Is.EqualTo("q3: InvalidQuote"));
        Assert.That(marketMaker.Transcript, Does.Not.Contain("OUT 3 "), "QuickFIX took the acknowledgement without a Reject");

        PlaceLimit(taker, "hit", "2", "0.04", "29000");
        Find(taker, "8", (11, "hit"), (150, "F"), (39, "2"));
        var quoteFill = Find(marketMaker, "8", (11, "q1"), (150, "F"));
        Assert.That((quoteFill[39], quoteFill[54], quoteFill[32], quoteFill[31], quoteFill[151]), Is.EqualTo(("1", "1", "0.04", "29000", "0.06")));

        marketMaker.SendMessage("Z", (117, "cx1"), (298, "4"));
        var cancelled = Find(marketMaker, "b", (117, "cx1"));
        Assert.That(cancelled[297], Is.EqualTo("4"));
        PlaceLimit(taker, "miss", "2", "0.01", "29000");
        Assert.That(Find(taker, "8", (11, "miss"), (150, "0"))[39], Is.EqualTo("0"), "no bid left to hit: the sell rests");
    }

    /// <summary>The index in the client's transcript of the first line that holds all <paramref name="parts"/>.</summary>
    private static int IndexOfLine(QuickFixInitiator client, params string[] parts)
    {
        var lines = client.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("IN ", StringComparison.Ordinal) && parts.All(p => lines[i].Contains(p, StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
