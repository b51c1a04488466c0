using System.Diagnostics;
using Matcher.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Projections.Tests;

/// <summary>A rough figure, not a benchmark: events/s projected for a random journal (run explicitly).</summary>
[TestFixture]
[Explicit("a measurement: dotnet test --filter Name~Throughput")]
public sealed class ProjectorThroughputTests
{
    [Test]
    public async Task Throughput([Values(1_000, 4_096, 16_384)] int batch)
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var root = Path.Combine(Path.GetTempPath(), "matcher-projections-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var journal = Path.Combine(root, "journal");
            LoadGenerator.Append(journal, LoadGenerator.Generate(seed: 42, count: 100_000));
            var database = await cluster.CreateDatabaseAsync("bench");
            await using var projector = new Projector(
                new ProjectorOptions { JournalDirectory = journal, ConnectionString = database, MaxBatchCommands = batch }, NullLogger.Instance);
            var start = Stopwatch.GetTimestamp();
            var applied = await projector.CatchUpAsync(CancellationToken.None);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var status = projector.GetStatus();
            var rows = await ProjectionAssert.ScalarAsync(database, "SELECT count(*) FROM order_events") +
                await ProjectionAssert.ScalarAsync(database, "SELECT count(*) FROM trades");
            TestContext.Out.WriteLine(
                $"batch {batch}: {applied} commands, {status.EventsWritten} events, {rows} insert rows in {seconds:F2} s: " +
                $"{status.EventsWritten / seconds:F0} events/s, {applied / seconds:F0} commands/s, {status.Batches} batches");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
