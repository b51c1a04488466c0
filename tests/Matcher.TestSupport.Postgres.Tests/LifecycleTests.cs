using Npgsql;

namespace Matcher.TestSupport.Postgres.Tests;

/// <summary>Stop, start again, dispose and parallel starts: each test owns its clusters.</summary>
public sealed class LifecycleTests
{
    [Test]
    public async Task StopAsync_ThenStartAgainAsync_KeepsCommittedDataOnTheSamePort()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync();
        await Sql.ExecuteAsync(database, "CREATE TABLE t (v int); INSERT INTO t SELECT generate_series(1, 100)");
        var port = cluster.Port;

        await cluster.StopAsync();
        Assert.That(async () => await Sql.ScalarAsync<int>(database, "SELECT 1"), Throws.InstanceOf<NpgsqlException>());
        await cluster.StartAgainAsync();

        Assert.That(cluster.Port, Is.EqualTo(port));
        Assert.That(await Sql.ScalarAsync<long>(database, "SELECT sum(v) FROM t"), Is.EqualTo(5050));
    }

    [Test]
    public async Task StopAsync_WithAnOpenConnection_StopsAndTheConnectionBreaks()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();

        await cluster.StopAsync();

        await using var command = new NpgsqlCommand("SELECT 1", connection);
        Assert.That(async () => await command.ExecuteScalarAsync(), Throws.InstanceOf<NpgsqlException>());
        await cluster.StartAgainAsync();
        Assert.That(await Sql.ScalarAsync<int>(database, "SELECT 1"), Is.EqualTo(1));
    }

    [Test]
    public async Task StartAgainAsync_WhileRunning_Throws()
    {
        await using var cluster = await PostgresCluster.StartAsync();

        Assert.That(cluster.StartAgainAsync, Throws.InvalidOperationException);
    }

    [Test]
    public async Task DisposeAsync_RunningWithOpenConnection_LeavesNoProcessAndNoDirectory()
    {
        var cluster = await PostgresCluster.StartAsync();
        var root = cluster.RootDirectory!;
        var database = await cluster.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        Assert.That(Sql.ProcessesMentioning(root), Is.Not.Empty);

        await cluster.DisposeAsync();
        await cluster.DisposeAsync();

        Assert.That(root, Does.Not.Exist);
        Assert.That(Sql.ProcessesMentioning(root), Is.Empty);
        Assert.That(async () => await Sql.ScalarAsync<int>(database, "SELECT 1"), Throws.InstanceOf<NpgsqlException>());
        Assert.That(() => cluster.CreateDatabaseAsync(), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public async Task DisposeAsync_AfterStop_DeletesTheDirectory()
    {
        var cluster = await PostgresCluster.StartAsync();
        var root = cluster.RootDirectory!;
        await cluster.StopAsync();

        await cluster.DisposeAsync();

        Assert.That(root, Does.Not.Exist);
    }

    [Test]
    public async Task StartAsync_InParallel_GivesSeparateWorkingClusters()
    {
        var clusters = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostgresCluster.StartAsync()));
        try
        {
            Assert.That(clusters.Select(c => c.Port).Distinct().Count(), Is.EqualTo(3));
            Assert.That(clusters.Select(c => c.RootDirectory).Distinct().Count(), Is.EqualTo(3));
            foreach (var cluster in clusters)
            {
                var database = await cluster.CreateDatabaseAsync();
                Assert.That(await Sql.ScalarAsync<int>(database, "SELECT inet_server_port()"), Is.EqualTo(cluster.Port));
            }
        }
        finally
        {
            foreach (var cluster in clusters)
            {
                await cluster.DisposeAsync();
            }
        }
        Assert.That(clusters.Select(c => c.RootDirectory), Has.All.Not.Exist);
    }

    [Test]
    public async Task StartAsync_ExternalServer_CreatesAndDropsDatabasesButCannotStop()
    {
        await using var server = await PostgresCluster.StartAsync();
        var serverConnection = $"Host=127.0.0.1;Port={server.Port};Username=postgres";

        string database;
        await using (var external = await PostgresCluster.StartAsync(serverConnection, CancellationToken.None))
        {
            Assert.That(external.IsThrowaway, Is.False);
            Assert.That(external.Port, Is.EqualTo(server.Port));
            Assert.That(external.RootDirectory, Is.Null);
            Assert.That(external.StopAsync, Throws.TypeOf<NotSupportedException>());
            Assert.That(external.StartAgainAsync, Throws.TypeOf<NotSupportedException>());
            database = await external.CreateDatabaseAsync("ext");
            Assert.That(await Sql.ScalarAsync<int>(database, "SELECT 1"), Is.EqualTo(1));
        }

        var admin = await server.CreateDatabaseAsync();
        var left = await Sql.ScalarAsync<long>(admin,
            $"SELECT count(*) FROM pg_database WHERE datname = '{Sql.DatabaseOf(database)}'");
        Assert.That(left, Is.Zero);
    }

    [Test]
    public void StartAsync_ExternalServerDown_ThrowsNamingTheVariable()
    {
        Assert.That(
            async () => await PostgresCluster.StartAsync("Host=127.0.0.1;Port=1;Username=postgres;Timeout=3", CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains(PostgresCluster.ExternalServerVariable));
    }

    [Test]
    public void RunToolAsync_StepFails_ThrowsWithTheOutputAndTheLogTail()
    {
        var tools = PgTools.Find();

        Assert.That(
            async () => await tools.RunToolAsync("pg_ctl", ["-D", "/nonexistent/data", "-w", "start"], "/tmp",
                "/nonexistent/log", CancellationToken.None),
            Throws.InvalidOperationException
                .With.Message.Contains("exited with")
                .And.Message.Contains("/nonexistent/data")
                .And.Message.Contains("server log"));
    }
}
