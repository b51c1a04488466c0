namespace Matcher.Server.Tests.Interop;

/// <summary>
/// QuickFIX C++ — a FIX engine we did not write — against <c>matcher serve</c> as a child
/// process: logon, order entry, fills between two sessions, a drop without Logout and the
/// gap recovered by resend, cancel-on-disconnect, and a server killed and restarted.
/// </summary>
[NonParallelizable]
public class ServerInteropTests : QuickFixServerFixture
{
    [Test]
    public void QuickFix_OrderEntry_NewReplaceCancelMassCancelAndRejects()
    {
        var port = QuickFixTools.FreePort();
        StartServer(port);
        var client = Client(port, "CLIENT1", "client1");

        PlaceLimit(client, "o1", "1", "0.5", "30000");
        var accepted = Find(client, "8", (11, "o1"), (150, "0"));
        Assert.That(accepted[39], Is.EqualTo("0"));
        Assert.That(accepted[151], Is.EqualTo("0.5"));
        Assert.That(accepted[44], Is.EqualTo("30000"));
        var orderId = accepted[37];

        client.SendMessage("G", (11, "o2"), (41, "o1"), (55, "BTC-USD"), (54, "1"), (38, "0.4"), (40, "2"), (44, "29999.5"), (60, Now()));
        var replaced = Find(client, "8", (11, "o2"), (150, "5"));
        Assert.That(replaced[41], Is.EqualTo("o1"));
        Assert.That(replaced[37], Is.EqualTo(orderId), "a replace keeps the order id");
        Assert.That(replaced[38], Is.EqualTo("0.4"));
        Assert.That(replaced[44], Is.EqualTo("29999.5"));

        client.SendMessage("F", (11, "c1"), (41, "o2"), (55, "BTC-USD"), (54, "1"), (60, Now()));
        var cancelled = Find(client, "8", (11, "c1"), (150, "4"));
        Assert.That(cancelled[41], Is.EqualTo("o2"));
        Assert.That(cancelled[39], Is.EqualTo("4"));

        client.SendMessage("F", (11, "c2"), (41, "o2"), (55, "BTC-USD"), (54, "1"), (60, Now()));
        var cancelReject = Find(client, "9", (11, "c2"));
        Assert.That(cancelReject[434], Is.EqualTo("1"));
        Assert.That(cancelReject[102], Is.EqualTo("1"), "unknown order");

        PlaceLimit(client, "o3", "1", "1", "100");
        PlaceLimit(client, "o4", "2", "1", "90000", "BTC-USD");
        PlaceLimit(client, "o5", "1", "2", "100", "ETH-USD");
        Find(client, "8", (11, "o5"), (150, "0"));
        client.SendMessage("q", (11, "m1"), (530, "1"), (55, "BTC-USD"), (60, Now()));
        var massCancel = Find(client, "r", (11, "m1"));
        Assert.That(massCancel[531], Is.EqualTo("1"));
        Assert.That(massCancel[533], Is.EqualTo("2"));
        Find(client, "8", (11, "o3"), (150, "4"));
        Find(client, "8", (11, "o4"), (150, "4"));

        PlaceLimit(client, "bad1", "1", "1", "100", "NOPE-USD");
        Assert.That(Find(client, "8", (11, "bad1"))[103], Is.EqualTo("1"));
        PlaceLimit(client, "bad2", "1", "0.00001", "100");
        Assert.That(Find(client, "8", (11, "bad2"), (150, "8"))[58], Does.Contain("lot size"));
        PlaceLimit(client, "bad3", "1", "1000000", "100000");
        Assert.That(Find(client, "8", (11, "bad3"), (150, "8"))[58], Is.EqualTo("InsufficientFunds"));
        PlaceLimit(client, "o5", "1", "1", "100", "ETH-USD");
        Assert.That(Find(client, "8", (11, "o5"), (150, "8"))[58], Is.EqualTo("DuplicateClientOrderId"));

        client.SendMessage("H", (11, "o5"), (55, "ETH-USD"), (54, "1"));
        var status = Find(client, "8", (11, "o5"), (150, "I"));
        Assert.That(status[39], Is.EqualTo("0"));
        Assert.That(status[151], Is.EqualTo("2"));

        client.SendMessage("x", (320, "s1"), (559, "4"));
        var list = Find(client, "y", (320, "s1"));
        Assert.That(list.Fields.Where(f => f.Key == 55).Select(f => f.Value), Is.EqualTo(new[] { "BTC-USD", "ETH-USD" }));
        Assert.That(list.Fields.Where(f => f.Key == 561).Select(f => f.Value), Is.EqualTo(new[] { "0.0001", "0.001" }));
    }

    [Test]
    public void QuickFix_MarketData_SnapshotThenIncrementalLevelsAndTrades()
    {
        var port = QuickFixTools.FreePort();
        StartServer(port);
        var watcher = Client(port, "CLIENT1", "client1");
        var trader = Client(port, "CLIENT3", "client3");
        PlaceLimit(trader, "b1", "1", "0.2", "29000");
        PlaceLimit(trader, "a1", "2", "0.3", "31000");
        Find(trader, "8", (11, "a1"), (150, "0"));

        watcher.SendMessage("V", (262, "md1"), (263, "1"), (264, "0"), (267, "3"), (269, "0"), (269, "1"), (269, "2"), (146, "1"), (55, "BTC-USD"));
        var snapshot = Find(watcher, "W", (262, "md1"));
        Assert.That(snapshot[268], Is.EqualTo("2"));
        Assert.That(snapshot.Fields.Where(f => f.Key == 270).Select(f => f.Value), Is.EqualTo(new[] { "29000", "31000" }));

        PlaceLimit(trader, "b2", "1", "0.1", "29500");
        var level = Find(watcher, "X", (270, "29500"));
        Assert.That(level[279], Is.EqualTo("0"));
        Assert.That(level[271], Is.EqualTo("0.1"));

        PlaceLimit(watcher, "t1", "2", "0.1", "29500");
        var trade = Find(watcher, "X", (269, "2"));
        Assert.That(trade[270], Is.EqualTo("29500"));
        Assert.That(trade[271], Is.EqualTo("0.1"));
        Find(watcher, "X", (270, "29500"), (279, "2"));
    }

    [Test]
    public void QuickFix_FillsAcrossSessions_DropWithoutLogout_GapRecoveredByResend()
    {
        var port = QuickFixTools.FreePort();
        StartServer(port);
        var maker = Client(port, "CLIENT1", "client1");
        var taker = Client(port, "CLIENT3", "client3");

        PlaceLimit(maker, "m1", "2", "0.3", "31000");
        PlaceLimit(maker, "m2", "2", "0.5", "31010");
        Find(maker, "8", (11, "m2"), (150, "0"));

        PlaceLimit(taker, "t1", "1", "0.4", "31010");
        var takerFill = Find(taker, "8", (11, "t1"), (150, "F"), (39, "2"));
        Assert.That(takerFill[14], Is.EqualTo("0.4"));
        Assert.That(takerFill[31], Is.EqualTo("31010"));
        Assert.That(takerFill[6], Is.EqualTo("31002.5"), "AvgPx = (0.3 × 31000 + 0.1 × 31010) / 0.4");
        var makerFill = Find(maker, "8", (11, "m1"), (150, "F"));
        Assert.That(makerFill[39], Is.EqualTo("2"));
        Assert.That(makerFill[32], Is.EqualTo("0.3"));
        Assert.That(Find(maker, "8", (11, "m2"), (150, "F"))[151], Is.EqualTo("0.4"));

        // The maker drops without Logout; a fill happens while it is away.
        maker.Drop();
        PlaceLimit(taker, "t2", "1", "0.4", "31010");
        Find(taker, "8", (11, "t2"), (150, "F"), (39, "2"));

        maker.Reconnect();
        var recovered = Find(maker, "8", (11, "m2"), (150, "F"), (39, "2"));
        Assert.That(recovered.Get(43), Is.EqualTo("Y"), "the fill came by resend, as a possible duplicate");
        Assert.That(maker.Transcript, Does.Contain("OUT 2 "), "QuickFIX asked for the gap");
    }

    [Test]
    public void Sigterm_StopsGracefully_LogsSessionsOut_AndKeepsTheOrders()
    {
        var port = QuickFixTools.FreePort();
        var server = StartServer(port);
        var client = Client(port, "CLIENT1", "client1");
        PlaceLimit(client, "g1", "1", "0.1", "100");
        Find(client, "8", (11, "g1"), (150, "0"));

        Assert.That(server.Terminate(), Is.Zero, server.Transcript);

        Find(client, "5");
        Assert.That(server.Transcript, Does.Contain("matcher: stopped"));
        StartServer(port);
        client.WaitFor(line => line == "LOGON", TimeSpan.FromSeconds(60));
        client.SendMessage("H", (11, "g1"), (55, "BTC-USD"), (54, "1"));
        Assert.That(Find(client, "8", (11, "g1"), (150, "I"))[39], Is.EqualTo("0"));
    }

    [Test]
    public void QuickFix_CancelOnDisconnect_CancelsOnlyThatSessionsOrders()
    {
        var port = QuickFixTools.FreePort();
        StartServer(port);
        var cod = Client(port, "CLIENT2", "client2");
        var other = Client(port, "CLIENT1", "client1");
        PlaceLimit(cod, "k1", "1", "0.1", "100");
        PlaceLimit(other, "k2", "1", "0.1", "100");
        Find(cod, "8", (11, "k1"), (150, "0"));
        Find(other, "8", (11, "k2"), (150, "0"));

        cod.Drop();
        cod.Reconnect();

        var cancelled = Find(cod, "8", (11, "k1"), (150, "4"));
        Assert.That(cancelled[58], Is.EqualTo("SessionDisconnected"));
        other.SendMessage("H", (11, "k2"), (55, "BTC-USD"), (54, "1"));
        Assert.That(Find(other, "8", (11, "k2"), (150, "I"))[39], Is.EqualTo("0"), "another session's order stays");
    }

    [Test]
    public void KilledServer_MidStream_RestartKeepsEveryAcknowledgedOrder_AndEntersNoneTwice()
    {
        var port = QuickFixTools.FreePort();
        var server = StartServer(port);
        var client = Client(port, "CLIENT3", "client3");
        const int Orders = 2000;
        for (var i = 0; i < Orders; i++)
        {
            PlaceLimit(client, $"k{i}", "1", "0.01", (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Kill while orders are still in flight: after some acknowledgements, before all.
        Find(client, "8", (11, "k20"), (150, "0"));
        server.Kill();
        var acknowledged = client.Lines
            .Where(l => l.StartsWith("IN 8 ", StringComparison.Ordinal))
            .Select(QuickFixMessage.Parse)
            .Where(m => m.Has(150, "0"))
            .Select(m => m[11])
            .ToHashSet();
        client.WaitFor(line => line == "LOGOUT");
        StartServer(port);
        client.WaitFor(line => line == "LOGON", TimeSpan.FromSeconds(60));

        for (var i = 0; i < Orders; i++)
        {
            client.SendMessage("H", (11, $"k{i}"), (55, "BTC-USD"), (54, "1"));
        }

        Find(client, "8", (11, $"k{Orders - 1}"), (150, "I"));
        var statuses = client.Lines
            .Where(l => l.StartsWith("IN 8 ", StringComparison.Ordinal))
            .Select(QuickFixMessage.Parse)
            .Where(m => m.Has(150, "I"))
            .GroupBy(m => m[11])
            .ToDictionary(g => g.Key, g => g.Last()[39]);
        foreach (var clOrdId in acknowledged)
        {
            Assert.That(statuses[clOrdId], Is.EqualTo("0"), $"order {clOrdId} was acknowledged before the kill");
        }

        // A NewOrderSingle the client resends (PossDup) after the restart that the journal already has is answered with a status report (150=I), not entered again.
        TestContext.Out.WriteLine($"{acknowledged.Count} of {Orders} orders acknowledged before the kill; {client.Lines.Count(l => l.StartsWith("OUT 2 ", StringComparison.Ordinal))} resend requests");
        Assert.That(acknowledged, Has.Count.GreaterThanOrEqualTo(21));
        var rejects = client.Lines.Where(l => l.StartsWith("IN 8 ", StringComparison.Ordinal) && l.Contains("|150=8|", StringComparison.Ordinal)).ToList();
        Assert.That(rejects, Is.Empty, "no order was entered twice (a second entry would be rejected as a duplicate ClOrdID)");
        Assert.That(client.Transcript, Does.Not.Contain("MsgSeqNum too low"));
    }
}
