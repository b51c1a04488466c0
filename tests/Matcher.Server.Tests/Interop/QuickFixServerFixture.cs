namespace Matcher.Server.Tests.Interop;

/// <summary>
/// What the interop tests against <c>matcher serve</c> share: a data folder, the server as a
/// child process, QuickFIX C++ initiators logged on as the demo sessions (CLIENT1..3,
/// accounts 1001..1003, funded by demo/setup.json), and a wait for a received message.
/// </summary>
public abstract class QuickFixServerFixture
{
    /// <summary>The demo sessions' password (appsettings.json holds its hash).</summary>
    protected const string DemoPassword = "demo";

    private readonly List<IDisposable> _owned = [];
    private string _data = "";

    [SetUp]
    public void SetUp()
    {
        _ = QuickFixTools.InitiatorPath;
        var data = Own(new TempDirectory());
        _data = data.Path;
    }

    [TearDown]
    public void TearDown()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
    }

    private protected ServerProcess StartServer(int fixPort) =>
        Own(ServerProcess.Start(_data, $"Fix:Port={fixPort}", "ExpireOrdersEveryMs=0"));

    protected QuickFixInitiator Client(int port, string compId, string username)
    {
        var store = Path.Combine(_data, "qf-" + compId);
        var client = Own(new QuickFixInitiator(new QuickFixInitiatorOptions(port, store, store + "-log")
        {
            SenderCompId = compId,
            Username = username,
            Password = DemoPassword,
        }));
        client.Logon();
        return client;
    }

    protected T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    protected static void PlaceLimit(QuickFixInitiator client, string clOrdId, string side, string quantity, string price, string symbol = "BTC-USD") =>
        client.SendMessage("D", (11, clOrdId), (55, symbol), (54, side), (38, quantity), (40, "2"), (44, price), (59, "1"), (60, Now()));

    /// <summary>
    /// Waits until the client has received a message of <paramref name="msgType"/> with these
    /// fields, searching everything received so far (the order of arrival does not matter).
    /// </summary>
    protected static QuickFixMessage Find(QuickFixInitiator client, string msgType, params (int Tag, string Value)[] fields)
    {
        var prefix = "IN " + msgType + " ";
        var deadline = DateTime.UtcNow + QuickFixInitiator.DefaultTimeout;
        while (true)
        {
            foreach (var line in client.Lines)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal) && QuickFixMessage.TryParse(line, out var message)
                    && fields.All(f => message.Has(f.Tag, f.Value)))
                {
                    return message;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"no {msgType} with {string.Join(", ", fields.Select(f => $"{f.Tag}={f.Value}"))}:\n{client.Transcript}");
            }

            Thread.Sleep(20);
        }
    }

    protected static string Now() => DateTime.UtcNow.ToString("yyyyMMdd-HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}
