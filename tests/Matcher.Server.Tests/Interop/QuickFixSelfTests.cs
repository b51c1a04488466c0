using System.Globalization;

namespace Matcher.Server.Tests.Interop;

/// <summary>
/// The QuickFIX C++ scripted initiator against the QuickFIX C++ ack-only acceptor: proves
/// both tools before either is pointed at Matcher. Each test has its own acceptor on a free
/// loopback port and its own store folders. Nothing here measures time; waits are long.
/// </summary>
public class QuickFixSelfTests
{
    private const string Acceptor = "MATCHER";
    private readonly List<IDisposable> _owned = [];
    private string _root = "";

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "matcher-quickfix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void TearDown()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }

    [Test]
    public void Logon_ThenNewOrderSingle_GetsOneNewExecutionReport()
    {
        var port = QuickFixTools.FreePort();
        StartAcceptor(port);
        var client = StartInitiator(port, "LOAD1", username: "trader", password: "secret");

        client.Logon();
        var report = PlaceOrder(client, "ORD-1", "5");
        var next = PlaceOrder(client, "ORD-2", "7");

        var logon = QuickFixMessage.Parse(client.Lines.First(line => line.StartsWith("OUT A ", StringComparison.Ordinal)));
        Assert.Multiple(() =>
        {
            Assert.That(logon.Get(553), Is.EqualTo("trader"), "Username in the Logon");
            Assert.That(logon.Get(554), Is.EqualTo("secret"), "Password in the Logon");
            Assert.That(report[35], Is.EqualTo("8"));
            Assert.That(report[150], Is.EqualTo("0"), "ExecType New");
            Assert.That(report[39], Is.EqualTo("0"), "OrdStatus New");
            Assert.That(report[11], Is.EqualTo("ORD-1"), "ClOrdID echoed");
            Assert.That(report[55], Is.EqualTo("BTC-USD"));
            Assert.That(report[54], Is.EqualTo("1"));
            Assert.That(report[38], Is.EqualTo("5"));
            Assert.That(report[151], Is.EqualTo("5"), "LeavesQty is the whole order");
            Assert.That(report[14], Is.EqualTo("0"));
            Assert.That(report[6], Is.EqualTo("0"));
            Assert.That(report[49], Is.EqualTo(Acceptor));
            Assert.That(report[56], Is.EqualTo("LOAD1"));
            Assert.That(report[37], Is.Not.Empty, "OrderID");
            Assert.That(report[17], Is.Not.Empty, "ExecID");
            Assert.That(report.Get(60), Is.Not.Null, "TransactTime");
            Assert.That(next[37], Is.Not.EqualTo(report[37]), "each order gets its own OrderID");
            Assert.That(next[151], Is.EqualTo("7"));
            // The acceptor answers in order, so a second report for ORD-1 would have come before ORD-2's.
            Assert.That(client.Lines.Count(line => line.StartsWith("IN 8 ", StringComparison.Ordinal)), Is.EqualTo(2), client.Transcript);
        });
    }

    [Test]
    public void Drop_ThenReconnect_ContinuesSequenceNumbersOnBothSides()
    {
        var port = QuickFixTools.FreePort();
        var acceptor = StartAcceptor(port);
        var client = StartInitiator(port, "LOAD1");
        client.Logon();
        PlaceOrder(client, "ORD-1", "5");
        var before = client.SeqNums();

        client.Drop();
        acceptor.WaitFor(line => line == "LOGOUT FIX.4.4:MATCHER->LOAD1", QuickFixInitiator.DefaultTimeout);
        var dropped = client.SeqNums();
        client.Send("reconnect");
        var logon = client.WaitForSent("A");
        var answer = client.WaitForMessage("A");
        client.WaitFor(line => line == "LOGON");
        var report = PlaceOrder(client, "ORD-2", "5");
        var after = client.SeqNums();

        Assert.Multiple(() =>
        {
            Assert.That(before.NextSender, Is.GreaterThan(2), "logon and order were numbered");
            Assert.That(dropped, Is.EqualTo(before), "a drop keeps the sequence numbers");
            Assert.That(client.Lines.Any(line => line.StartsWith("OUT 5 ", StringComparison.Ordinal)), Is.False, "drop sent no Logout");
            Assert.That(logon.GetInt(34), Is.EqualTo(before.NextSender), "our Logon continues our numbering");
            Assert.That(logon.Get(141), Is.Null, "no ResetSeqNumFlag");
            Assert.That(answer.GetInt(34), Is.EqualTo(before.NextTarget), "the acceptor's Logon continues its numbering: it did not reset");
            Assert.That(answer.Get(141), Is.Null, "the acceptor did not reset");
            Assert.That(report.GetInt(34), Is.GreaterThan(before.NextTarget));
            Assert.That(after.NextSender, Is.GreaterThan(before.NextSender));
            Assert.That(after.NextTarget, Is.GreaterThan(before.NextTarget));
            Assert.That(client.Lines.Any(line => line.StartsWith("IN 2 ", StringComparison.Ordinal) || line.StartsWith("OUT 2 ", StringComparison.Ordinal)),
                Is.False, "no gap, so no ResendRequest either way");
        });
    }

    [Test]
    public void Logout_ThenReconnect_ContinuesSequenceNumbers()
    {
        var port = QuickFixTools.FreePort();
        var acceptor = StartAcceptor(port);
        var client = StartInitiator(port, "LOAD1");
        client.Logon();
        PlaceOrder(client, "ORD-1", "5");

        client.Logout();
        acceptor.WaitFor(line => line == "LOGOUT FIX.4.4:MATCHER->LOAD1", QuickFixInitiator.DefaultTimeout);
        var before = client.SeqNums();
        client.Reconnect();
        PlaceOrder(client, "ORD-2", "5");
        var after = client.SeqNums();

        Assert.Multiple(() =>
        {
            Assert.That(client.Lines.Count(line => line.StartsWith("OUT 5 ", StringComparison.Ordinal)), Is.EqualTo(1), "our Logout");
            Assert.That(client.Lines.Count(line => line.StartsWith("IN 5 ", StringComparison.Ordinal)), Is.EqualTo(1), "the acceptor's answer");
            Assert.That(after.NextSender, Is.EqualTo(before.NextSender + 2), "Logon and order, numbered on from before");
            Assert.That(after.NextTarget, Is.EqualTo(before.NextTarget + 2), "Logon and report, numbered on from before");
        });
    }

    [Test]
    public void RestartedInitiator_WithTheSameFileStore_ContinuesSequenceNumbers()
    {
        var port = QuickFixTools.FreePort();
        var acceptor = StartAcceptor(port);
        var first = StartInitiator(port, "LOAD1");
        first.Logon();
        PlaceOrder(first, "ORD-1", "5");
        var before = first.SeqNums();
        first.Dispose(); // killed: no Logout
        acceptor.WaitFor(line => line == "LOGOUT FIX.4.4:MATCHER->LOAD1", QuickFixInitiator.DefaultTimeout);

        var second = StartInitiator(port, "LOAD1");
        var loaded = second.SeqNums();
        second.Send("logon");
        var logon = second.WaitForSent("A");
        var answer = second.WaitForMessage("A");
        second.WaitFor(line => line == "LOGON");
        var report = PlaceOrder(second, "ORD-2", "5");

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.EqualTo(before), "the new process reads the numbers from the FileStore");
            Assert.That(logon.GetInt(34), Is.EqualTo(before.NextSender));
            Assert.That(answer.GetInt(34), Is.EqualTo(before.NextTarget), "the acceptor did not reset");
            Assert.That(report[11], Is.EqualTo("ORD-2"));
        });
    }

    [Test]
    public void RestartedAcceptor_WithItsFileStore_ContinuesSequenceNumbers()
    {
        var port = QuickFixTools.FreePort();
        var store = Path.Combine(_root, "acceptor-store");
        var acceptor = StartAcceptor(port, storeDirectory: store);
        var client = StartInitiator(port, "LOAD1");
        client.Logon();
        PlaceOrder(client, "ORD-1", "5");
        var before = client.SeqNums();

        acceptor.Dispose(); // killed; the initiator keeps trying to reconnect every second
        client.WaitFor(line => line == "LOGOUT");
        StartAcceptor(port, storeDirectory: store);
        var logon = client.WaitForSent("A");
        var answer = client.WaitForMessage("A");
        client.WaitFor(line => line == "LOGON");
        var report = PlaceOrder(client, "ORD-2", "5");

        Assert.Multiple(() =>
        {
            Assert.That(logon.GetInt(34), Is.EqualTo(before.NextSender));
            Assert.That(answer.GetInt(34), Is.EqualTo(before.NextTarget), "the restarted acceptor read its numbers from its FileStore");
            Assert.That(report.GetInt(34), Is.EqualTo(before.NextTarget + 1));
        });
    }

    [Test]
    public void ResetOnLogon_StartsBothSidesAtOne()
    {
        var port = QuickFixTools.FreePort();
        var acceptor = StartAcceptor(port);
        var first = StartInitiator(port, "LOAD1");
        first.Logon();
        PlaceOrder(first, "ORD-1", "5");
        first.Logout();
        first.Dispose();
        acceptor.WaitFor(line => line == "LOGOUT FIX.4.4:MATCHER->LOAD1", QuickFixInitiator.DefaultTimeout);

        var second = StartInitiator(port, "LOAD1", resetOnLogon: true);
        second.Send("logon");
        var logon = second.WaitForSent("A");
        var answer = second.WaitForMessage("A");
        second.WaitFor(line => line == "LOGON");
        var afterLogon = second.SeqNums();
        var report = PlaceOrder(second, "ORD-2", "5");

        Assert.Multiple(() =>
        {
            Assert.That(logon.Get(141), Is.EqualTo("Y"));
            Assert.That(logon.GetInt(34), Is.EqualTo(1));
            Assert.That(answer.Get(141), Is.EqualTo("Y"), "the acceptor reset too");
            Assert.That(answer.GetInt(34), Is.EqualTo(1));
            Assert.That(afterLogon, Is.EqualTo((2, 2)));
            Assert.That(report.GetInt(34), Is.EqualTo(2));
        });
    }

    [Test]
    public void IncompleteOrderAndBadCommands_AreReported_AndTheSessionGoesOn()
    {
        var port = QuickFixTools.FreePort();
        StartAcceptor(port);
        var client = StartInitiator(port, "LOAD1");
        client.Logon();

        client.SendMessage("D", (11, "BAD-1"));
        var sent = client.WaitForSent("D");
        var reject = client.WaitForMessage("j", (372, "D"));
        client.Send("send D 55");
        var badField = client.WaitFor(line => line.StartsWith("ERROR ", StringComparison.Ordinal));
        client.Send("fly");
        var badCommand = client.WaitFor(line => line.StartsWith("ERROR ", StringComparison.Ordinal));
        var report = PlaceOrder(client, "GOOD-1", "5");

        Assert.Multiple(() =>
        {
            Assert.That(reject[45], Is.EqualTo(sent[34]), "the BusinessMessageReject names our order");
            Assert.That(reject[380], Is.EqualTo("5"), "BusinessRejectReason: conditionally required field missing");
            Assert.That(badField, Does.Contain("55"));
            Assert.That(badCommand, Does.Contain("fly"));
            Assert.That(report[11], Is.EqualTo("GOOD-1"), "the process and the session survived");
        });
    }

    [Test]
    public void TwoSessions_EachGetsItsOwnReports()
    {
        var port = QuickFixTools.FreePort();
        StartAcceptor(port, sessions: 2);
        var one = StartInitiator(port, "LOAD1");
        var two = StartInitiator(port, "LOAD2");
        one.Logon();
        two.Logon();

        var first = PlaceOrder(one, "A-1", "1");
        var second = PlaceOrder(two, "B-1", "2");

        Assert.Multiple(() =>
        {
            Assert.That(first[56], Is.EqualTo("LOAD1"));
            Assert.That(second[56], Is.EqualTo("LOAD2"));
            Assert.That(second[37], Is.Not.EqualTo(first[37]), "OrderIDs are unique across sessions");
            Assert.That(one.Lines.Any(line => line.Contains("11=B-1", StringComparison.Ordinal)), Is.False, "no report crosses sessions");
        });
    }

    [Test]
    public void RepeatingGroup_IsSentAsAGroup_AndTakenByADictionaryAcceptor()
    {
        var port = QuickFixTools.FreePort();
        StartAcceptor(port, dictionary: QuickFixTools.DictionaryPath);
        var client = StartInitiator(port, "LOAD1");
        client.Logon();

        var now = DateTime.UtcNow.ToString("yyyyMMdd-HH:mm:ss.fff", CultureInfo.InvariantCulture);
        client.SendMessage("D", (11, "GRP-1"), (453, "2"), (448, "TRADER-A"), (447, "D"), (452, "11"), (448, "DESK-B"), (447, "D"), (452, "3"),
            (55, "BTC-USD"), (54, "2"), (38, "3"), (40, "2"), (44, "101"), (60, now));
        var sent = client.WaitForSent("D");
        var report = client.WaitForMessage("8", (11, "GRP-1"));

        Assert.Multiple(() =>
        {
            Assert.That(sent.Raw, Does.Contain("|453=2|448=TRADER-A|447=D|452=11|448=DESK-B|447=D|452=3|"), "both entries, in order");
            Assert.That(report[150], Is.EqualTo("0"), "the acceptor parsed and validated the order with its groups");
            Assert.That(client.Lines.Any(line => line.StartsWith("IN 3 ", StringComparison.Ordinal) || line.StartsWith("IN j ", StringComparison.Ordinal)),
                Is.False, "nothing was rejected");
        });
    }

    [Test]
    public void Logon_WithACompIdTheAcceptorDoesNotKnow_IsRefused()
    {
        var port = QuickFixTools.FreePort();
        StartAcceptor(port, sessions: 1);
        var stranger = StartInitiator(port, "LOAD9");

        var refused = Assert.Throws<InvalidOperationException>(stranger.Logon);

        Assert.That(refused!.Message, Does.Contain("LOGOUT"));
    }

    private static QuickFixMessage PlaceOrder(QuickFixInitiator client, string clOrdId, string quantity)
    {
        var now = DateTime.UtcNow.ToString("yyyyMMdd-HH:mm:ss.fff", CultureInfo.InvariantCulture);
        client.SendMessage("D", (11, clOrdId), (55, "BTC-USD"), (54, "1"), (38, quantity), (40, "2"), (44, "100"), (60, now));
        return client.WaitForMessage("8", (11, clOrdId));
    }

    private QuickFixProcess StartAcceptor(int port, int sessions = 1, string? storeDirectory = null, string? dictionary = null)
    {
        var acceptor = QuickFixTools.StartAcceptor(port, sessions, Acceptor, "LOAD", storeDirectory, dictionary);
        _owned.Add(acceptor);
        return acceptor;
    }

    private QuickFixInitiator StartInitiator(
        int port, string sender, string? username = null, string? password = null, bool resetOnLogon = false)
    {
        var options = new QuickFixInitiatorOptions(port, Path.Combine(_root, sender, "store"), Path.Combine(_root, sender, "log"))
        {
            SenderCompId = sender,
            TargetCompId = Acceptor,
            Username = username,
            Password = password,
            ResetOnLogon = resetOnLogon,
        };
        var initiator = new QuickFixInitiator(options);
        _owned.Add(initiator);
        return initiator;
    }
}
