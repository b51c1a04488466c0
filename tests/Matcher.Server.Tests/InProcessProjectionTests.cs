using Matcher.Cli;
using Matcher.Cli.Project;
using Matcher.Cli.Serve;
using Matcher.Core.Commands;
using Matcher.Core.Text;
using Matcher.Server.Configuration;
using Matcher.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Matcher.Server.Tests;

/// <summary>The server given a connection string runs the Postgres projector in-process, off the live path.</summary>
public class InProcessProjectionTests
{
    private PostgresCluster? _cluster;

    [OneTimeSetUp]
    public async Task StartCluster() => _cluster = await PostgresCluster.StartAsync();

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task Projection_InProcess_CatchesUpWithTheJournal_AndReportsItsLag()
    {
        using var data = new TempDirectory();
        var connectionString = await _cluster!.CreateDatabaseAsync("server");
        var options = new ServerOptions
        {
            DataDirectory = data.Path,
            Http = new HttpSettings { Url = "http://127.0.0.1:0" },
            Fix = new FixSettings { Enabled = false },
            Journal = new JournalSettings { SnapshotEveryCommands = 0, Durability = Journal.Durability.None },
            Projection = new ProjectionSettings { ConnectionString = connectionString, Name = "in-process" },
            ExpireOrdersEveryMs = 0,
        };
        var setup = SetupCommands.Load("demo/setup.json");
        await using var server = new MatcherServer(options, setup, NullLoggerFactory.Instance);
        server.Start();
        for (var i = 0; i < 50; i++)
        {
            server.Publisher.PublishWaiting(new Command
            {
                Type = CommandType.PlaceOrder,
                AccountId = 1001 + (i % 2),
                InstrumentId = 1,
                Side = i % 2 == 0 ? Side.Buy : Side.Sell,
                OrderType = OrderType.Limit,
                PriceTicks = 3_000_000 + (i % 5),
                QuantityLots = 10,
                ClientOrderId = ClientOrderId.From($"p{i}"),
            });
        }

        var expected = setup.Count + 50;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (server.Projection!.AppliedSequence < expected)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the projector reached only {server.Projection.AppliedSequence} of {expected}: {server.Projection.LastError}");
            await Task.Delay(20);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var deposits = new NpgsqlCommand("SELECT count(*) FROM deposits", connection);
        Assert.That(await deposits.ExecuteScalarAsync(), Is.EqualTo(9L), "3 demo accounts × 3 assets");
        await using var position = new NpgsqlCommand("SELECT last_sequence FROM projector_position WHERE name = 'in-process'", connection);
        Assert.That(await position.ExecuteScalarAsync(), Is.EqualTo((long)expected));
        var metrics = server.WriteMetrics();
        Assert.That(metrics, Does.Contain($"matcher_projection_applied_sequence {expected}\n"));
        Assert.That(metrics, Does.Contain("matcher_projection_lag_sequences 0\n"));
    }

    [Test]
    public async Task ProjectVerb_Once_ProjectsAStoppedServersJournal_ThenRebuildGivesTheSameCount()
    {
        using var data = new TempDirectory();
        var options = new ServerOptions
        {
            DataDirectory = data.Path,
            Http = new HttpSettings { Url = "http://127.0.0.1:0" },
            Fix = new FixSettings { Enabled = false },
            Journal = new JournalSettings { SnapshotEveryCommands = 0, Durability = Journal.Durability.None },
            ExpireOrdersEveryMs = 0,
        };
        var setup = SetupCommands.Load("demo/setup.json");
        await using (var server = new MatcherServer(options, setup, NullLoggerFactory.Instance))
        {
            server.Start();
        }

        var connectionString = await _cluster!.CreateDatabaseAsync("verb");
        var journal = Path.Combine(data.Path, "journal");
        foreach (var extra in new[] { Array.Empty<string>(), ["--rebuild"] })
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = new ProjectVerb().Run(
                ["--journal", journal, "--pg", connectionString, "--once", .. extra],
                new CliStreams(TextReader.Null, output, error));

            Assert.That(exit, Is.Zero, error.ToString());
            Assert.That(output.ToString().Trim(), Is.EqualTo(setup.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM balances WHERE account_id BETWEEN 1001 AND 1003", connection);
            Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo(9L));
        }
    }
}
