using System.Globalization;
using System.Runtime.InteropServices;
using Matcher.Journal;
using Matcher.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;

namespace Matcher.Cli.Project;

/// <summary>
/// <c>matcher project</c>: runs the Postgres projector (a replica of the core fed from the
/// journal) against a database, until SIGINT/SIGTERM or, with <c>--once</c>, until it has
/// projected everything the journal holds.
/// </summary>
internal sealed class ProjectVerb : IVerb
{
    private const string Invocation = "matcher project";
    private const string JournalOption = "--journal";
    private const string PgOption = "--pg";
    private const string NameOption = "--name";
    private const string SnapshotsOption = "--snapshots";
    private const string BatchOption = "--batch";
    private const string RebuildOption = "--rebuild";
    private const string OnceOption = "--once";

    /// <inheritdoc />
    public string Name => "project";

    /// <inheritdoc />
    public string Summary => "project a journal into Postgres (orders, trades, balances), exactly once";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: matcher project --journal DIR --pg CONNSTR [--name NAME] [--snapshots DIR] [--batch N] [--rebuild] [--once]");
        output.WriteLine();
        output.WriteLine("Migrates the database's projection schema, rebuilds the core's state at the position");
        output.WriteLine("stored for NAME (from the newest snapshot at or before it, if --snapshots is given), then");
        output.WriteLine("follows the journal and writes each batch of commands with its position in one");
        output.WriteLine("transaction (docs/PROJECTIONS.md). While Postgres is unavailable it retries with");
        output.WriteLine("backoff; nothing is lost or written twice. The journal is only read.");
        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --journal DIR     the journal directory (it may still be growing)");
        output.WriteLine("  --pg CONNSTR      Npgsql connection string of the projection database");
        output.WriteLine("  --name NAME       the projector's name, its row in projector_position (default: default)");
        output.WriteLine("  --snapshots DIR   a snapshot directory to start the replica from");
        output.WriteLine("  --batch N         the most commands per transaction (default 4096)");
        output.WriteLine("  --rebuild         drop the projection tables first: replay the journal from the start");
        output.WriteLine("  --once            project what the journal holds, print the applied sequence, exit");
        output.WriteLine("  -h, --help        this help");
        output.WriteLine();
        output.WriteLine("Without --once it runs until SIGINT or SIGTERM. Log lines go to standard error.");
        output.WriteLine("Exit codes: 0 done or stopped; 2 bad options, schema newer than this build, a database");
        output.WriteLine("position that does not fit the journal, Postgres unreachable with --once at start;");
        output.WriteLine("4 the journal is damaged.");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        if (!VerbArguments.TryParse(args, [JournalOption, PgOption, NameOption, SnapshotsOption, BatchOption], [RebuildOption, OnceOption],
            out var parsed, out var error))
        {
            streams.Error.WriteLine($"{Invocation}: {error}");
            return ExitCodes.Usage;
        }

        if (parsed.Help)
        {
            WriteHelp(streams.Out);
            return ExitCodes.Success;
        }

        if (parsed.Value(JournalOption) is not { } journal || parsed.Value(PgOption) is not { } connectionString)
        {
            streams.Error.WriteLine($"{Invocation}: --journal and --pg are required (see --help)");
            return ExitCodes.Usage;
        }

        var batch = 4096;
        if (parsed.Value(BatchOption) is { } batchText
            && (!int.TryParse(batchText, NumberStyles.None, CultureInfo.InvariantCulture, out batch) || batch < 1))
        {
            streams.Error.WriteLine($"{Invocation}: --batch needs a whole number from 1, not '{batchText}'");
            return ExitCodes.Usage;
        }

        var options = new ProjectorOptions
        {
            JournalDirectory = journal,
            ConnectionString = connectionString,
            Name = parsed.Value(NameOption) ?? "default",
            SnapshotDirectory = parsed.Value(SnapshotsOption),
            MaxBatchCommands = batch,
        };
        // Log lines to standard error: with --once, standard output is the applied sequence alone.
        using var loggers = LoggerFactory.Create(logging =>
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            }).AddFilter("Npgsql", LogLevel.Warning);
            logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        return RunAsync(options, parsed.Flag(RebuildOption), parsed.Flag(OnceOption), loggers, streams).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(ProjectorOptions options, bool rebuild, bool once, ILoggerFactory loggers, CliStreams streams)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        try
        {
            if (rebuild)
            {
                await Projector.RebuildAsync(options.ConnectionString, options.Name, stop.Token);
                streams.Error.WriteLine($"{Invocation}: projection tables dropped and recreated; replaying from the start");
            }

            await using var projector = new Projector(options, loggers.CreateLogger("Matcher.Projections.Projector"));
            if (once)
            {
                var applied = await projector.CatchUpAsync(stop.Token);
                var status = projector.GetStatus();
                streams.Out.WriteLine(applied.ToString(CultureInfo.InvariantCulture));
                streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Invocation}: applied sequence {applied}; {status.CommandsWritten} commands, {status.EventsWritten} events, {status.Batches} batches"));
            }
            else
            {
                await projector.RunAsync(stop.Token);
                streams.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Invocation}: stopped at applied sequence {projector.AppliedSequence}"));
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (JournalCorruptException e)
        {
            streams.Error.WriteLine($"{Invocation}: the journal is damaged: {e.Message}");
            return ExitCodes.Corrupt;
        }
        catch (Exception e) when (e is ProjectionSchemaException or ProjectorConflictException or NpgsqlException or ArgumentException
            or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            streams.Error.WriteLine($"{Invocation}: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
