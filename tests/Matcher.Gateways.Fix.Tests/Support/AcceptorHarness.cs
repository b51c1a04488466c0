using Matcher.Gateways.Fix.Session;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Gateways.Fix.Tests.Support;

/// <summary>
/// A started acceptor over a temporary store directory with sessions 1 (MATCHER/CLIENT1) and 2
/// (MATCHER/CLIENT2), a recording application, and helpers to connect test clients and restart.
/// </summary>
internal sealed class AcceptorHarness : IAsyncDisposable
{
    private readonly Func<int, FixSessionSettings> _settings;
    private readonly Func<string, FixAcceptorOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<FixTestClient> _clients = [];

    private AcceptorHarness(string directory, Func<int, FixSessionSettings> settings, Func<string, FixAcceptorOptions> options, TimeProvider time, ILogger logger)
    {
        StoreDirectory = directory;
        _settings = settings;
        _options = options;
        _time = time;
        _logger = logger;
        Acceptor = CreateAcceptor();
    }

    public string StoreDirectory { get; }

    public FixAcceptor Acceptor { get; private set; }

    public RecordingApplication Application { get; private set; } = new();

    public static AcceptorHarness Start(Func<int, FixSessionSettings>? settings = null, Func<string, FixAcceptorOptions>? options = null,
        TimeProvider? time = null, string? directory = null, ILogger? logger = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "matcher-fix-tests", Guid.NewGuid().ToString("N"));
        var harness = new AcceptorHarness(directory, settings ?? DefaultSettings, options ?? DefaultOptions, time ?? TimeProvider.System, logger ?? DefaultLogger());
        harness.Acceptor.Start();
        return harness;
    }

    public static FixSessionSettings DefaultSettings(int sessionId) => Settings(sessionId);

    /// <summary>Silent, unless FIX_TEST_LOG is set (then every event, Trace included, goes to the test output).</summary>
    private static ILogger DefaultLogger() => Environment.GetEnvironmentVariable("FIX_TEST_LOG") is { Length: > 0 }
        ? LoggerFactory.Create(builder => builder.AddSimpleConsole().SetMinimumLevel(LogLevel.Trace)).CreateLogger("fix")
        : NullLogger.Instance;

    /// <summary>Session <paramref name="sessionId"/> (MATCHER/CLIENT&lt;id&gt;) with the given options.</summary>
    public static FixSessionSettings Settings(int sessionId, int maxHeartBtInt = 300, int throttle = 0, string? username = null,
        string? passwordHash = null) => new()
        {
            SessionId = sessionId,
            SenderCompId = "MATCHER",
            TargetCompId = $"CLIENT{sessionId}",
            AccountId = 100 + sessionId,
            MaxHeartBtInt = maxHeartBtInt,
            ThrottleMessagesPerSecond = throttle,
            Username = username,
            PasswordHash = passwordHash,
        };

    public static FixAcceptorOptions DefaultOptions(string directory) => new() { StoreDirectory = directory, FsyncStore = false };

    public FixSession Session(int sessionId = 1) => Acceptor.FindSession(sessionId) ?? throw new AssertionException($"no session {sessionId}");

    public async Task<FixTestClient> ConnectAsync(int sessionId = 1, string? senderCompId = null, string targetCompId = "MATCHER")
    {
        var client = await FixTestClient.ConnectAsync(Acceptor.LocalEndPoint, senderCompId ?? $"CLIENT{sessionId}", targetCompId);
        _clients.Add(client);
        return client;
    }

    /// <summary>Connects and logs on; the client's next MsgSeqNum continues from <paramref name="nextSeqNum"/>.</summary>
    public async Task<FixTestClient> LogonAsync(int sessionId = 1, int heartBtInt = 30, long nextSeqNum = 1)
    {
        var client = await ConnectAsync(sessionId);
        client.NextSeqNum = nextSeqNum;
        await client.LogonAsync(heartBtInt);
        await Application.WaitForAsync("logon", sessionId);
        return client;
    }

    /// <summary>
    /// Waits until no connection holds session <paramref name="sessionId"/> (the last one's loop has ended), so a
    /// new connection can log on; OnDisconnect comes just before that.
    /// </summary>
    public async Task WaitUntilFreeAsync(int sessionId = 1)
    {
        for (var i = 0; i < 1000 && Session(sessionId).BoundConnection is not null; i++)
        {
            await Task.Delay(10);
        }

        Assert.That(Session(sessionId).BoundConnection, Is.Null, $"session {sessionId} still held after 10 s");
    }

    /// <summary>Stops the acceptor and starts a new one on the same directory (and a new recording application).</summary>
    public async Task RestartAsync()
    {
        await DisposeClientsAsync();
        await Acceptor.StopAsync(TimeSpan.FromSeconds(2));
        Application = new RecordingApplication();
        Acceptor = CreateAcceptor();
        Acceptor.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeClientsAsync();
        await Acceptor.StopAsync(TimeSpan.FromSeconds(2));
        try
        {
            Directory.Delete(StoreDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
    }

    private FixAcceptor CreateAcceptor() =>
        new(_options(StoreDirectory), [_settings(1), _settings(2)], Application, _time, _logger);

    private async Task DisposeClientsAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        _clients.Clear();
    }
}
