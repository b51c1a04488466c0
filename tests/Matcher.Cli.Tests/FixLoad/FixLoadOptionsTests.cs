using Matcher.Cli.FixLoad;

namespace Matcher.Cli.Tests.FixLoad;

public sealed class FixLoadOptionsTests
{
    private static (bool Ok, FixLoadOptions Options, string? Error) Parse(params string[] args)
    {
        Assert.That(VerbArguments.TryParse(args, FixLoadOptions.ValueOptions, FixLoadOptions.FlagOptions, out var parsed, out var error),
            Is.True, error);
        var ok = FixLoadOptions.TryCreate(parsed, out var options, out error);
        return (ok, options, error);
    }

    [Test]
    public void TryCreate_PortAndRate_DefaultsTheRest()
    {
        var (ok, options, error) = Parse("--port", "9878", "--rate", "10000");

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(options.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(options.Port, Is.EqualTo(9878));
            Assert.That(options.Sessions, Is.EqualTo(1));
            Assert.That(options.RatePerSecond, Is.EqualTo(10_000));
            Assert.That(options.ClosedLoop, Is.False);
            Assert.That(options.Seconds, Is.EqualTo(10));
            Assert.That(options.WarmupSeconds, Is.EqualTo(2));
            Assert.That(options.Flow.Symbol, Is.EqualTo("BTC-USD"));
            Assert.That(options.Flow.CancelEvery, Is.EqualTo(1000));
            Assert.That(options.Flow.CrossPercent, Is.Zero);
            Assert.That(options.Flow.RunTag, Does.Match("^L[0-9A-Z]+$"));
        });
    }

    [Test]
    public void TryCreate_MaxWithEverything_ReadsEveryOption()
    {
        var (ok, options, error) = Parse("--host", "127.0.0.2", "--port", "1", "--sessions", "16", "--sender-prefix", "LD",
            "--target", "EXCH", "--username-prefix", "user", "--password", "secret", "--symbol", "ETH-USD", "--price", "2000",
            "--tick", "0.5", "--qty", "0.01", "--levels", "3", "--cross-percent", "10", "--cancel-every", "0", "--max",
            "--window", "8", "--seconds", "1.5", "--warmup", "0", "--heartbeat", "5", "--run-tag", "R1", "--json", "--no-reset");

        Assert.That(ok, Is.True, error);
        var client = options.ClientOptions(12);
        Assert.Multiple(() =>
        {
            Assert.That(options.ClosedLoop, Is.True);
            Assert.That(options.Window, Is.EqualTo(8));
            Assert.That(options.Seconds, Is.EqualTo(1.5));
            Assert.That(options.WarmupSeconds, Is.Zero);
            Assert.That(options.Json, Is.True);
            Assert.That(options.Flow, Is.EqualTo(new OrderFlowSettings("R1", "ETH-USD", 2000m, 0.5m, 0.01m, 3, 10, 0)));
            Assert.That(client.SenderCompId, Is.EqualTo("LD12"));
            Assert.That(client.TargetCompId, Is.EqualTo("EXCH"));
            Assert.That(client.Username, Is.EqualTo("user12"));
            Assert.That(client.Password, Is.EqualTo("secret"));
            Assert.That(client.HeartbeatSeconds, Is.EqualTo(5));
            Assert.That(client.ResetSequenceNumbers, Is.False);
        });
    }

    [TestCase(new[] { "--rate", "10" }, "--port is required")]
    [TestCase(new[] { "--port", "1" }, "exactly one of --rate")]
    [TestCase(new[] { "--port", "1", "--rate", "10", "--max" }, "exactly one of --rate")]
    [TestCase(new[] { "--port", "1", "--rate", "10", "--window", "4" }, "--window is for --max")]
    [TestCase(new[] { "--port", "70000", "--rate", "10" }, "--port needs a whole number")]
    [TestCase(new[] { "--port", "1", "--rate", "0" }, "--rate needs a whole number")]
    [TestCase(new[] { "--port", "1", "--max", "--sessions", "0" }, "--sessions needs")]
    [TestCase(new[] { "--port", "1", "--max", "--price", "100.005" }, "not a multiple of --tick")]
    [TestCase(new[] { "--port", "1", "--max", "--qty", "-1" }, "--qty needs a positive")]
    [TestCase(new[] { "--port", "1", "--max", "--seconds", "0" }, "--seconds needs")]
    [TestCase(new[] { "--port", "1", "--max", "--target", "A=B" }, "--target must be")]
    public void TryCreate_BadOptions_SaysWhy(string[] args, string expected)
    {
        var (ok, _, error) = Parse(args);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Does.Contain(expected));
        });
    }

    [Test]
    public void Run_BadOptions_ExitsWithUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = new FixLoadVerb().Run(["--port", "1"], new CliStreams(new StringReader(""), output, error));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(error.ToString(), Does.StartWith("matcher fix-load: give exactly one of --rate"));
        });
    }

    [Test]
    public void Run_Help_WritesTheUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = new FixLoadVerb().Run(["--help"], new CliStreams(new StringReader(""), output, error));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Success));
            Assert.That(output.ToString(), Does.StartWith("Usage: matcher fix-load"));
        });
    }

    [Test]
    public void Run_NothingListening_ExitsWithUsageAndSaysSo()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = new FixLoadVerb().Run(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max"],
            new CliStreams(new StringReader(""), output, error));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
            Assert.That(error.ToString(), Does.StartWith("matcher fix-load: "));
        });
    }

    [Test]
    public void PendingCapacity_OpenLoop_RoomForEveryOrderOfASession()
    {
        var (_, options, _) = Parse("--port", "1", "--rate", "10000", "--sessions", "4", "--seconds", "10", "--warmup", "2");
        var (_, closed, _) = Parse("--port", "1", "--max", "--window", "100");

        Assert.Multiple(() =>
        {
            Assert.That(LoadRunner.PendingCapacity(options), Is.EqualTo(30_002));
            Assert.That(LoadRunner.PendingCapacity(closed), Is.EqualTo(200));
        });
    }
}
