using System.Diagnostics;
using Npgsql;

namespace Matcher.TestSupport.Postgres.Tests;

/// <summary>The intended use: one cluster for the fixture class, one database per test.</summary>
public sealed class SharedClusterTests
{
    private PostgresCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        var watch = Stopwatch.StartNew();
        _cluster = await PostgresCluster.StartAsync();
        TestContext.Progress.WriteLine($"PostgreSQL cluster started on port {_cluster.Port} in {watch.ElapsedMilliseconds} ms");
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task StartAsync_NoExternalServer_StartsThrowawayClusterOnItsPort()
    {
        Assert.That(_cluster.IsThrowaway, Is.True);
        Assert.That(_cluster.RootDirectory, Does.Exist);
        var database = await _cluster.CreateDatabaseAsync();

        var port = await Sql.ScalarAsync<int>(database, "SELECT inet_server_port()");
        var fsync = await Sql.ScalarAsync<string>(database, "SHOW fsync");

        Assert.That(port, Is.EqualTo(_cluster.Port));
        Assert.That(fsync, Is.EqualTo("off"));
    }

    [Test]
    public async Task CreateDatabaseAsync_TwoCalls_GiveSeparateEmptyDatabases()
    {
        var first = await _cluster.CreateDatabaseAsync("projector");
        var second = await _cluster.CreateDatabaseAsync("projector");
        await Sql.ExecuteAsync(first, "CREATE TABLE trades (id bigint PRIMARY KEY); INSERT INTO trades VALUES (1)");

        var tablesInSecond = await Sql.ScalarAsync<long>(second,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");

        Assert.That(Sql.DatabaseOf(first), Does.StartWith("projector_"));
        Assert.That(Sql.DatabaseOf(first), Is.Not.EqualTo(Sql.DatabaseOf(second)));
        Assert.That(await Sql.ScalarAsync<string>(first, "SELECT current_database()"), Is.EqualTo(Sql.DatabaseOf(first)));
        Assert.That(await Sql.ScalarAsync<long>(first, "SELECT count(*) FROM trades"), Is.EqualTo(1));
        Assert.That(tablesInSecond, Is.Zero);
    }

    [Test]
    public async Task CreateDatabaseAsync_OddPrefix_GivesAValidName()
    {
        var database = await _cluster.CreateDatabaseAsync("9 Odd-Prefix \"x\" " + new string('y', 80));

        var name = Sql.DatabaseOf(database);

        Assert.That(name, Does.Match("^[a-z][a-z0-9_]*$"));
        Assert.That(name.Length, Is.LessThanOrEqualTo(63));
        Assert.That(await Sql.ScalarAsync<string>(database, "SELECT current_database()"), Is.EqualTo(name));
    }

    [Test]
    public async Task CreateDatabaseAsync_ConnectionString_PoolsAndReportsErrorDetail()
    {
        var builder = new NpgsqlConnectionStringBuilder(await _cluster.CreateDatabaseAsync());

        Assert.That(builder.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(builder.Port, Is.EqualTo(_cluster.Port));
        Assert.That(builder.Username, Is.EqualTo("postgres"));
        Assert.That(builder.Pooling, Is.True);
        Assert.That(builder.IncludeErrorDetail, Is.True);
    }

    [Test]
    public async Task CreateDatabaseAsync_ManyAtOnce_AllSucceed()
    {
        var databases = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _cluster.CreateDatabaseAsync("parallel")));

        Assert.That(databases.Select(Sql.DatabaseOf).Distinct().Count(), Is.EqualTo(8));
    }
}
