using Matcher.Core;
using Matcher.Journal;
using Matcher.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Matcher.Projections.Tests;

[TestFixture]
[NonParallelizable]
public sealed class ProjectorTests : ProjectionFixture
{
    [Test]
    public async Task RandomLoad_ProjectedTablesEqualTheEngine([Values(1, 5, 11)] int seed)
    {
        var commands = LoadGenerator.Generate(seed, count: 3_000);
        LoadGenerator.Append(Journal, commands);
        var database = await Cluster.CreateDatabaseAsync("proj");

        await using var projector = new Projector(Options(database, batch: 97), NullLogger.Instance);
        Assert.That(await projector.CatchUpAsync(CancellationToken.None), Is.EqualTo(commands.Count));

        var (engine, events) = LoadGenerator.Run(commands);
        await ProjectionAssert.MatchesEngineAsync(database, engine, events);
        var status = projector.GetStatus();
        Assert.That(status.AppliedSequence, Is.EqualTo(commands.Count));
        Assert.That(status.LagSequences, Is.Zero);
        Assert.That(status.EventsWritten, Is.EqualTo(events.Count));
        Assert.That(status.Batches, Is.EqualTo((commands.Count + 96) / 97));
    }

    [Test]
    public async Task SecondRun_ResumesFromStoredPosition()
    {
        var first = LoadGenerator.Generate(seed: 2, count: 1_000);
        LoadGenerator.Append(Journal, first);
        var database = await Cluster.CreateDatabaseAsync("proj");
        Assert.That(await CatchUpAsync(Options(database)), Is.EqualTo(first.Count));

        var more = LoadGenerator.Generate(seed: 3, count: 1_000, firstSequence: first.Count + 1, setUp: false);
        LoadGenerator.Append(Journal, more);
        Assert.That(await CatchUpAsync(Options(database, batch: 300)), Is.EqualTo(first.Count + more.Count));

        var (engine, events) = LoadGenerator.Run(first.Concat(more));
        await ProjectionAssert.MatchesEngineAsync(database, engine, events);
    }

    [Test]
    public async Task AbortedBeforeCommit_NewProjectorResumes_NoDuplicatesNoGaps([Values] bool withSnapshots)
    {
        var commands = LoadGenerator.Generate(seed: 4, count: 2_000);
        LoadGenerator.Append(Journal, commands);
        var database = await Cluster.CreateDatabaseAsync("proj");
        string? snapshots = null;
        if (withSnapshots)
        {
            // Snapshots at 500 and 1,500: the restart at position 600 loads the one at 500.
            snapshots = Path.Combine(Root, "snapshots");
            var store = new SnapshotStore(snapshots);
            store.Write(LoadGenerator.Run(commands.Take(500)).Engine);
            store.Write(LoadGenerator.Run(commands.Take(1_500)).Engine);
        }

        var batches = 0;
        var hooks = new ProjectorHooks
        {
            // The third batch dies after its COPYs and upserts, before its commit.
            BeforeCommit = _ => ++batches == 3 ? throw new InvalidOperationException("killed mid-batch") : Task.CompletedTask,
        };
        Assert.That(async () => await CatchUpAsync(Options(database, batch: 300, snapshots), hooks),
            Throws.InvalidOperationException.With.Message.EqualTo("killed mid-batch"));
        Assert.That(await ProjectionAssert.ScalarAsync(database, "SELECT last_sequence FROM projector_position"), Is.EqualTo(600));
        Assert.That(await ProjectionAssert.ScalarAsync(database, "SELECT count(*) FROM order_events WHERE command_sequence > 600"), Is.Zero);

        Assert.That(await CatchUpAsync(Options(database, batch: 300, snapshots)), Is.EqualTo(commands.Count));
        var (engine, events) = LoadGenerator.Run(commands);
        await ProjectionAssert.MatchesEngineAsync(database, engine, events);
    }

    [Test]
    public async Task TransientFailures_RetryTheWholeBatch_AndALostCommitAckIsNotWrittenTwice()
    {
        var commands = LoadGenerator.Generate(seed: 5, count: 1_500);
        LoadGenerator.Append(Journal, commands);
        var database = await Cluster.CreateDatabaseAsync("proj");
        int before = 0, after = 0;
        var hooks = new ProjectorHooks
        {
            BeforeCommit = _ => ++before is 2 or 3 ? throw new NpgsqlException("simulated connection loss") : Task.CompletedTask,
            AfterCommit = _ => ++after == 5 ? throw new NpgsqlException("simulated lost commit acknowledgement") : Task.CompletedTask,
        };
        await using var projector = new Projector(Options(database, batch: 200), NullLogger.Instance) { Hooks = hooks };
        Assert.That(await projector.CatchUpAsync(CancellationToken.None), Is.EqualTo(commands.Count));
        Assert.That(projector.GetStatus().FailedWrites, Is.EqualTo(3));

        var (engine, events) = LoadGenerator.Run(commands);
        await ProjectionAssert.MatchesEngineAsync(database, engine, events);
    }

    [Test]
    public async Task PostgresStoppedAndRestartedDuringLoad_ProjectorCatchesUp()
    {
        if (!Cluster.IsThrowaway)
        {
            Assert.Ignore("needs a throwaway cluster to stop");
        }

        var setUp = LoadGenerator.Generate(seed: 6, count: 200);
        LoadGenerator.Append(Journal, setUp);
        var all = new List<Matcher.Core.Commands.Command>(setUp);
        var database = await Cluster.CreateDatabaseAsync("proj");
        await using var projector = new Projector(Options(database, batch: 100), NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = projector.RunAsync(stop.Token);

        // The "engine" keeps journaling while Postgres is down: the writer never waits for the projector.
        for (var round = 0; round < 12; round++)
        {
            var more = LoadGenerator.Generate(seed: 100 + round, count: 150, firstSequence: all.Count + 1, setUp: false);
            LoadGenerator.Append(Journal, more);
            all.AddRange(more);
            if (round == 3)
            {
                await Cluster.StopAsync();
            }

            if (round == 8)
            {
                Assert.That(projector.AppliedSequence, Is.LessThan(all.Count), "the projector should be behind while Postgres is down");
                Assert.That(projector.GetStatus().LastError, Is.Not.Null);
                await Cluster.StartAgainAsync();
            }

            await Task.Delay(100);
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (projector.AppliedSequence < all.Count && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await run;
        Assert.That(projector.AppliedSequence, Is.EqualTo(all.Count));
        Assert.That(projector.GetStatus().FailedWrites, Is.GreaterThan(0));
        var (engine, events) = LoadGenerator.Run(all);
        await ProjectionAssert.MatchesEngineAsync(database, engine, events);
    }

    [Test]
    public async Task Rebuild_GivesTheSameRowsAsTheIncrementalRun()
    {
        var commands = LoadGenerator.Generate(seed: 7, count: 2_500);
        LoadGenerator.Append(Journal, commands.Take(1_200));
        var database = await Cluster.CreateDatabaseAsync("proj");
        await CatchUpAsync(Options(database, batch: 37));
        LoadGenerator.Append(Journal, commands.Skip(1_200));
        await CatchUpAsync(Options(database, batch: 211));
        var incremental = await ProjectionAssert.DumpAsync(database);

        await Projector.RebuildAsync(database, "default", CancellationToken.None);
        Assert.That(await ProjectionAssert.ScalarAsync(database, "SELECT count(*) FROM orders"), Is.Zero);
        Assert.That(await CatchUpAsync(Options(database, batch: 5_000)), Is.EqualTo(commands.Count));
        Assert.That(await ProjectionAssert.DumpAsync(database), Is.EqualTo(incremental));
    }

    [Test]
    public async Task TwoDatabases_EachKeepTheirOwnPosition_ASecondNameInOneDatabaseIsRefused()
    {
        var commands = LoadGenerator.Generate(seed: 8, count: 800);
        LoadGenerator.Append(Journal, commands);
        var one = await Cluster.CreateDatabaseAsync("proj");
        var two = await Cluster.CreateDatabaseAsync("proj");
        Assert.That(await CatchUpAsync(Options(one) with { Name = "a" }), Is.EqualTo(commands.Count));
        Assert.That(await CatchUpAsync(Options(two, batch: 50) with { Name = "b" }), Is.EqualTo(commands.Count));
        Assert.That(await ProjectionAssert.DumpAsync(two),
            Is.EqualTo((await ProjectionAssert.DumpAsync(one)).Select(r => r == $"a|{commands.Count}|" ? $"b|{commands.Count}|" : r)));

        Assert.That(async () => await CatchUpAsync(Options(one) with { Name = "c" }), Throws.TypeOf<ProjectorConflictException>());
    }

    [Test]
    public async Task DatabaseAheadOfTheJournal_IsRefused()
    {
        var commands = LoadGenerator.Generate(seed: 9, count: 300);
        LoadGenerator.Append(Journal, commands);
        var database = await Cluster.CreateDatabaseAsync("proj");
        await CatchUpAsync(Options(database));
        Directory.Delete(Journal, recursive: true);
        LoadGenerator.Append(Journal, commands.Take(100));
        Assert.That(async () => await CatchUpAsync(Options(database)), Throws.TypeOf<ProjectorConflictException>());
    }

    [Test]
    public async Task Migrations_AppliedOnce_Idempotent_NewerSchemaRefused()
    {
        var database = await Cluster.CreateDatabaseAsync("proj");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            Assert.That(await ProjectionSchema.MigrateAsync(connection, CancellationToken.None), Is.EqualTo(ProjectionSchema.LatestVersion));
            Assert.That(await ProjectionSchema.MigrateAsync(connection, CancellationToken.None), Is.Zero);
        }

        await Projector.MigrateAsync(database, CancellationToken.None);
        Assert.That(await ProjectionAssert.ScalarAsync(database, "SELECT count(*) FROM schema_version"), Is.EqualTo(ProjectionSchema.LatestVersion));

        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (999, '0999_future')", connection);
            await command.ExecuteNonQueryAsync();
        }

        Assert.That(async () => await Projector.MigrateAsync(database, CancellationToken.None),
            Throws.TypeOf<ProjectionSchemaException>().With.Message.Contains("999"));
        LoadGenerator.Append(Journal, LoadGenerator.Generate(seed: 10, count: 10));
        Assert.That(async () => await CatchUpAsync(Options(database)), Throws.TypeOf<ProjectionSchemaException>());
    }
}
