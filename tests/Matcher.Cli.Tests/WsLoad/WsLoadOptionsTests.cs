using Matcher.Cli.WsLoad;

namespace Matcher.Cli.Tests.WsLoad;

public sealed class WsLoadOptionsTests
{
    private static (bool Ok, WsLoadOptions Options, string? Error) Parse(params string[] args)
    {
        Assert.That(VerbArguments.TryParse(args, WsLoadOptions.ValueOptions, WsLoadOptions.FlagOptions, out var parsed, out var error),
            Is.True, error);
        var ok = WsLoadOptions.TryCreate(parsed, out var options, out error);
        return (ok, options, error);
    }

    [Test]
    public void TryCreate_Rate_DefaultsToTheDemoKeysAndServer()
    {
        var (ok, options, error) = Parse("--rate", "10000");

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(options.Url, Is.EqualTo(new Uri("ws://127.0.0.1:8080/ws")));
            Assert.That(options.Keys.Select(k => k.Key), Is.EqualTo(new[] { "demo-key-1001", "demo-key-1002", "demo-key-1003" }));
            Assert.That(options.Keys[1].Secret, Is.EqualTo("demo-secret-1002"));
            Assert.That(options.Connections, Is.EqualTo(3));
            Assert.That(options.RatePerSecond, Is.EqualTo(10_000));
            Assert.That(options.ClosedLoop, Is.False);
            Assert.That(options.Seconds, Is.EqualTo(10));
            Assert.That(options.WarmupSeconds, Is.EqualTo(2));
            Assert.That(options.Flow.Symbol, Is.EqualTo("BTC-USD"));
            Assert.That(options.Flow.Price, Is.EqualTo(100m));
            Assert.That(options.Flow.Quantity, Is.EqualTo(0.02m));
            Assert.That(options.Flow.Resting, Is.EqualTo(100));
            Assert.That(options.Flow.RunTag, Does.Match("^L[0-9A-Z]+$"));
        });
    }

    [Test]
    public void TryCreate_MaxWithEverything_ReadsEveryOption()
    {
        var (ok, options, error) = Parse("--url", "ws://10.0.0.1:9000/ws", "--keys", "k1:s1:with:colons, k2:s2", "--connections", "5",
            "--symbol", "ETH-USD", "--price", "2000.5", "--qty", "0.1", "--levels", "3", "--resting", "0", "--max", "--window", "8",
            "--seconds", "1.5", "--warmup", "0", "--run-tag", "R1", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(options.Url.ToString(), Is.EqualTo("ws://10.0.0.1:9000/ws"));
            Assert.That(options.Keys, Is.EqualTo(new[] { new WsApiKey("k1", "s1:with:colons"), new WsApiKey("k2", "s2") }));
            Assert.That(options.Connections, Is.EqualTo(5));
            Assert.That(options.KeyOf(4).Key, Is.EqualTo("k1"));
            Assert.That(options.KeyOf(3).Key, Is.EqualTo("k2"));
            Assert.That(options.ClosedLoop, Is.True);
            Assert.That(options.Window, Is.EqualTo(8));
            Assert.That(options.Seconds, Is.EqualTo(1.5));
            Assert.That(options.WarmupSeconds, Is.Zero);
            Assert.That(options.Json, Is.True);
            Assert.That(options.Flow, Is.EqualTo(new WsOrderFlowSettings("R1", "ETH-USD", 2000.5m, 0.1m, 3, 0)));
            Assert.That(options.Keys[0].ToString(), Is.EqualTo("k1"));
        });
    }

    [TestCase(new[] { "--max", "--rate", "5" }, "exactly one of --rate")]
    [TestCase(new string[0], "exactly one of --rate")]
    [TestCase(new[] { "--rate", "5", "--window", "3" }, "--window is for --max")]
    [TestCase(new[] { "--rate", "5", "--duration", "1", "--seconds", "1" }, "give one")]
    [TestCase(new[] { "--rate", "5", "--url", "http://127.0.0.1/ws" }, "ws:// or wss://")]
    [TestCase(new[] { "--rate", "5", "--keys", "nosecret" }, "key:secret pairs")]
    [TestCase(new[] { "--rate", "5", "--keys", "k:" }, "key:secret pairs")]
    [TestCase(new[] { "--rate", "5", "--connections", "1001" }, "--connections needs a whole number from 1 to 1000")]
    [TestCase(new[] { "--rate", "0" }, "--rate needs")]
    [TestCase(new[] { "--rate", "5", "--qty", "-1" }, "--qty needs a positive")]
    [TestCase(new[] { "--rate", "5", "--run-tag", "bad-tag" }, "run tag")]
    public void TryCreate_BadOptions_SaySo(string[] args, string message)
    {
        var (ok, _, error) = Parse(args);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Does.Contain(message));
        });
    }
}
