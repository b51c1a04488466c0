using System.Net;
using Matcher.Cli.Serve;
using Matcher.Core.Commands;
using Matcher.Server.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Server.Tests;

/// <summary>The server wired in-process: recovery, setup on the first start only, the HTTP endpoints, graceful stop.</summary>
public class InProcessServerTests
{
    private static ServerOptions Options(string data) => new()
    {
        DataDirectory = data,
        Http = new HttpSettings { Url = "http://127.0.0.1:0" },
        Fix = new FixSettings { Port = 0, Sessions = [new FixSessionConfig { SessionId = 1, TargetCompId = "CLIENT1", AccountId = 1001 }] },
        Journal = new JournalSettings { SnapshotEveryCommands = 0 },
        ExpireOrdersEveryMs = 0,
    };

    private static async Task<(MatcherServer Server, HttpEndpoint Http)> StartAsync(ServerOptions options)
    {
        var server = new MatcherServer(options, SetupCommands.Load("demo/setup.json"), NullLoggerFactory.Instance);
        server.Start();
        var http = new HttpEndpoint(server, options.Http.Url, NullLoggerFactory.Instance);
        await http.StartAsync();
        return (server, http);
    }

    private static async Task<(HttpStatusCode, string)> Get(HttpEndpoint http, string path)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(http.Address, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting until " + what);
            }

            Thread.Sleep(10);
        }
    }

    [Test]
    public async Task Start_EmptyJournal_RunsTheSetupAndServesHealthReadyMetrics()
    {
        using var data = new TempDirectory();
        var (server, http) = await StartAsync(Options(data.Path));
        await using (server)
        await using (http)
        {
            var setupCount = SetupCommands.Load("demo/setup.json").Count;
            WaitUntil(() => server.CommandsProcessed == setupCount, "the setup ran");

            Assert.That(await Get(http, "health"), Is.EqualTo((HttpStatusCode.OK, "healthy\n")));
            Assert.That(await Get(http, "ready"), Is.EqualTo((HttpStatusCode.OK, "ready\n")));
            var (status, metrics) = await Get(http, "metrics");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(metrics, Does.Contain($"matcher_commands_total {setupCount}\n"));
            Assert.That(metrics, Does.Contain("matcher_journal_batch_size_count"));
            Assert.That(metrics, Does.Contain("matcher_journal_fsync_seconds{quantile=\"0.99\"}"));
            Assert.That(metrics, Does.Contain("matcher_ring_depth{ring=\"inbound\"} 0\n"));
            Assert.That(metrics, Does.Contain("matcher_fix_logged_on{session=\"CLIENT1\"} 0\n"));
        }
    }

    [Test]
    public async Task Restart_KeepsTheJournal_AndDoesNotRunTheSetupAgain()
    {
        using var data = new TempDirectory();
        var setupCount = SetupCommands.Load("demo/setup.json").Count;
        var (first, firstHttp) = await StartAsync(Options(data.Path));
        await using (first)
        await using (firstHttp)
        {
            WaitUntil(() => first.CommandsProcessed == setupCount, "the setup ran");
            Assert.That(first.Publisher.TryPublish(new Command { Type = CommandType.QueryStateHash }), Is.True);
            WaitUntil(() => first.CommandsProcessed == setupCount + 1, "the query ran");
        }

        var (second, secondHttp) = await StartAsync(Options(data.Path));
        await using (second)
        await using (secondHttp)
        {
            Assert.That(second.Startup!.Recovery.LastSequence, Is.EqualTo(setupCount + 1));
            Assert.That(second.Startup.Engine.Instruments.Select(i => i.Definition.Symbol.ToString()), Is.EqualTo(new[] { "BTC-USD", "ETH-USD" }));
            Thread.Sleep(200);
            Assert.That(second.CommandsProcessed, Is.Zero, "the setup must not run on a journal that has records");
        }
    }

    [Test]
    public async Task Stop_RefusesLaterCommands_AndReportsNotReady()
    {
        using var data = new TempDirectory();
        var (server, http) = await StartAsync(Options(data.Path));
        await using (http)
        {
            await server.StopAsync();

            Assert.That(server.IsReady, Is.False);
            Assert.That(server.Publisher.TryPublish(new Command { Type = CommandType.QueryStateHash }), Is.False);
            var (status, _) = await Get(http, "ready");
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }
    }
}
