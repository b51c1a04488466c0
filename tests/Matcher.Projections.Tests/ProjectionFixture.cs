using Matcher.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Projections.Tests;

/// <summary>A throwaway PostgreSQL cluster per fixture, a fresh directory (with a journal) per test.</summary>
public abstract class ProjectionFixture
{
    protected PostgresCluster Cluster { get; private set; } = null!;

    protected string Root { get; private set; } = null!;

    protected string Journal => Path.Combine(Root, "journal");

    [OneTimeSetUp]
    public async Task StartCluster() => Cluster = await PostgresCluster.StartAsync();

    [OneTimeTearDown]
    public async Task StopCluster() => await Cluster.DisposeAsync();

    [SetUp]
    public void CreateDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "matcher-projections-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(Root, recursive: true);

    private protected ProjectorOptions Options(string connectionString, int batch = 4096, string? snapshots = null) => new()
    {
        JournalDirectory = Journal,
        ConnectionString = connectionString,
        MaxBatchCommands = batch,
        SnapshotDirectory = snapshots,
        PollInterval = TimeSpan.FromMilliseconds(2),
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(400),
        ExpectedOrders = 1 << 12,
    };

    private protected static async Task<long> CatchUpAsync(ProjectorOptions options, ProjectorHooks? hooks = null)
    {
        await using var projector = new Projector(options, NullLogger.Instance) { Hooks = hooks };
        return await projector.CatchUpAsync(CancellationToken.None);
    }
}
