using System.Globalization;
using System.Net.Sockets;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Journal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Matcher.Projections;

/// <summary>
/// A replica of the core fed from the journal that writes orders, order events, trades,
/// balances and the rest to Postgres, exactly once (docs/PROJECTIONS.md).
/// </summary>
/// <remarks>
/// <para>
/// Start: apply the migrations, read the stored position P for <see cref="ProjectorOptions.Name"/>
/// (creating it at 0), rebuild the core's state at P (newest snapshot at or before P, then
/// replay with events discarded), and follow the journal from P + 1.
/// </para>
/// <para>
/// Each batch (up to <see cref="ProjectorOptions.MaxBatchCommands"/> commands, or what the
/// journal holds) runs through the core and becomes rows, written in one transaction with
/// the new position. Until that transaction commits, the batch is kept and the replica
/// goes no further: a failed write is retried whole, with the replica still exactly at the
/// batch's end, so the rows are the same every time. A commit whose acknowledgement was
/// lost is recognised on retry (the stored position already is the batch's end) and not
/// written again.
/// </para>
/// <para>One instance runs once: after <see cref="RunAsync"/> or <see cref="CatchUpAsync"/> fails, make a new one.</para>
/// </remarks>
public sealed class Projector : IAsyncDisposable
{
    private readonly ProjectorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly NpgsqlDataSource _dataSource;
    private readonly DiscardSink _discard = new();
    private MatchingEngine? _engine;
    private JournalTailReader? _reader;
    private NpgsqlConnection? _connection;
    private ProjectionBatch? _pending;
    private long _appliedSequence;
    private long _appliedTimestampNs;
    private long _journalLastSequence;
    private long _pendingTimestampNs;
    private long _eventsWritten;
    private long _commandsWritten;
    private long _batches;
    private long _failedWrites;
    private string? _lastError;
    private int _running;

    /// <summary>A projector with <paramref name="options"/>; nothing is opened until it runs.</summary>
    public Projector(ProjectorOptions options, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(options.JournalDirectory);
        ArgumentException.ThrowIfNullOrEmpty(options.ConnectionString);
        ArgumentException.ThrowIfNullOrEmpty(options.Name);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchCommands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.InitialBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBackoff, options.InitialBackoff);
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    /// <summary>Fault injection for tests.</summary>
    internal ProjectorHooks? Hooks { get; init; }

    /// <summary>The projector's name (its row in <c>projector_position</c>).</summary>
    public string Name => _options.Name;

    /// <summary>The last journal sequence committed to Postgres.</summary>
    public long AppliedSequence => Volatile.Read(ref _appliedSequence);

    /// <summary>The last journal sequence the projector has seen.</summary>
    public long JournalLastSequence => Math.Max(Volatile.Read(ref _journalLastSequence), AppliedSequence);

    /// <summary>Core events in committed batches since start.</summary>
    public long EventsWritten => Interlocked.Read(ref _eventsWritten);

    /// <summary>Committed batches since start.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>The last write failure's message, or null.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>The figures for <c>/metrics</c>; safe to call from any thread.</summary>
    public ProjectorStatus GetStatus()
    {
        var applied = AppliedSequence;
        var journal = JournalLastSequence;
        var lag = Math.Max(0, journal - applied);
        var lagSeconds = 0.0;
        if (lag > 0)
        {
            var pending = Volatile.Read(ref _pendingTimestampNs);
            var oldest = pending != 0 ? pending : Volatile.Read(ref _appliedTimestampNs);
            if (oldest != 0)
            {
                var nowNs = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
                lagSeconds = Math.Max(0, (nowNs - oldest) / 1e9);
            }
        }

        return new ProjectorStatus(Name, applied, journal, lag, lagSeconds, EventsWritten, Interlocked.Read(ref _commandsWritten),
            Batches, Interlocked.Read(ref _failedWrites), LastError);
    }

    /// <summary>Brings the schema of the database at <paramref name="connectionString"/> to the newest version.</summary>
    /// <exception cref="ProjectionSchemaException">The database's schema is newer than this code knows.</exception>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ProjectionSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the database's projection tables and positions and migrates again, so the next
    /// run of projector <paramref name="name"/> replays the journal from the start. The tables
    /// are the database's: every projector position in it goes.
    /// </summary>
    public static async Task RebuildAsync(string connectionString, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ProjectionSchema.DropAsync(connection, cancellationToken).ConfigureAwait(false);
        await ProjectionSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Follows the journal and projects it until <paramref name="cancellationToken"/> is cancelled (then returns).</summary>
    /// <exception cref="ProjectorConflictException">The database's position does not continue this projector's.</exception>
    /// <exception cref="ProjectionSchemaException">The database's schema is newer than this code knows.</exception>
    /// <exception cref="JournalCorruptException">The journal is damaged.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunCoreAsync(untilCaughtUp: false, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: what is committed stays; a batch not committed is replayed by the next run.
        }
    }

    /// <summary>Projects everything the journal holds now and returns the applied sequence.</summary>
    public Task<long> CatchUpAsync(CancellationToken cancellationToken) => RunCoreAsync(untilCaughtUp: true, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<long> RunCoreAsync(bool untilCaughtUp, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("a projector runs once; create a new one to run again");
        }

        try
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_pending is null)
                {
                    _pending = ReadBatch();
                    if (_pending is null)
                    {
                        if (untilCaughtUp)
                        {
                            return AppliedSequence;
                        }

                        await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }

                await WriteWithRetryAsync(_pending, cancellationToken).ConfigureAwait(false);
                _pending = null;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ProjectorLog.Failed(_logger, e, Name, AppliedSequence);
            throw;
        }
    }

    /// <summary>Migrates, reads the stored position and rebuilds the replica there; retries while Postgres is unavailable.</summary>
    private async Task StartAsync(CancellationToken cancellationToken)
    {
        long position = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
                var applied = await ProjectionSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                ProjectorLog.Migrated(_logger, Name, ProjectionSchema.LatestVersion, applied);
                position = await LoadPositionAsync(connection, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                var delay = await BackOffAsync(e, attempt, cancellationToken).ConfigureAwait(false);
                ProjectorLog.StartFailed(_logger, Name, e.Message, attempt, (long)delay.TotalMilliseconds);
            }
        }

        var warnings = new List<string>();
        var (engine, snapshotPath) = _options.SnapshotDirectory is { } snapshots
            ? new SnapshotStore(snapshots).LoadNewest(position, warnings, _options.ExpectedOrders)
            : (new MatchingEngine(_options.ExpectedOrders), null);
        foreach (var warning in warnings)
        {
            ProjectorLog.SnapshotWarning(_logger, Name, warning);
        }

        var reader = new JournalTailReader(_options.JournalDirectory, engine.LastSequence + 1);
        long replayed = 0;
        try
        {
            while (engine.LastSequence < position)
            {
                if (!reader.TryRead(out var command))
                {
                    throw new ProjectorConflictException(string.Create(CultureInfo.InvariantCulture,
                        $"projector '{Name}' is at sequence {position} in the database, but the journal in {_options.JournalDirectory} ends at {engine.LastSequence}: wrong journal, or a database ahead of it"));
                }

                engine.Process(ref command, _discard);
                replayed++;
            }
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        _engine = engine;
        _reader = reader;
        Volatile.Write(ref _appliedSequence, position);
        Volatile.Write(ref _journalLastSequence, position);
        ProjectorLog.Started(_logger, Name, position, snapshotPath ?? "an empty core", replayed);
    }

    private async Task<long> LoadPositionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO projector_position (name, last_sequence, updated_at) VALUES (@n, 0, now()) ON CONFLICT (name) DO NOTHING",
            connection, transaction))
        {
            insert.Parameters.AddWithValue("n", Name);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // The tables belong to the database, not to a name: a second projector writing them
        // would double every row. Refuse to start beside another name that has written.
        await using (var others = new NpgsqlCommand(
            "SELECT name FROM projector_position WHERE name <> @n AND last_sequence > 0 LIMIT 1", connection, transaction))
        {
            others.Parameters.AddWithValue("n", Name);
            if (await others.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string other)
            {
                throw new ProjectorConflictException(
                    $"the database already holds the projection of projector '{other}': one projector per database (rebuild it, or use another database for '{Name}')");
            }
        }

        long position;
        await using (var read = new NpgsqlCommand("SELECT last_sequence FROM projector_position WHERE name = @n", connection, transaction))
        {
            read.Parameters.AddWithValue("n", Name);
            position = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return position;
    }

    /// <summary>Reads up to a batch of the commands available now and runs them through the replica; null when none.</summary>
    private ProjectionBatch? ReadBatch()
    {
        var engine = _engine!;
        var reader = _reader!;
        ProjectionBatch? batch = null;
        while (batch is null || batch.Commands < _options.MaxBatchCommands)
        {
            if (!reader.TryRead(out var command))
            {
                break;
            }

            batch ??= new ProjectionBatch();
            batch.Apply(engine, ref command);
        }

        if (batch is null)
        {
            return null;
        }

        batch.Seal(engine);
        Volatile.Write(ref _pendingTimestampNs, batch.FirstTimestampNs);
        var seen = batch.LastSequence;
        if (batch.Commands == _options.MaxBatchCommands)
        {
            // More may be waiting: look at the end of the journal for the lag.
            seen = Math.Max(seen, ProbeJournalEnd());
        }

        Volatile.Write(ref _journalLastSequence, Math.Max(Volatile.Read(ref _journalLastSequence), seen));
        return batch;
    }

    /// <summary>The last sequence in the journal's last segment, from its name and length (one listing and one stat).</summary>
    private long ProbeJournalEnd()
    {
        try
        {
            var segments = Segments.List(_options.JournalDirectory);
            if (segments.Count == 0)
            {
                return 0;
            }

            var (first, path) = segments[^1];
            return first + (new FileInfo(path).Length / JournalRecord.RecordSize) - 1;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private async Task WriteWithRetryAsync(ProjectionBatch batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
                var outcome = await BatchWriter.WriteAsync(connection, Name, batch, Hooks, cancellationToken).ConfigureAwait(false);
                if (outcome == BatchWriter.Outcome.AlreadyCommitted)
                {
                    ProjectorLog.AlreadyCommitted(_logger, Name, batch.FirstSequence, batch.LastSequence);
                }

                Interlocked.Add(ref _eventsWritten, batch.Events);
                Interlocked.Add(ref _commandsWritten, batch.Commands);
                Interlocked.Increment(ref _batches);
                Volatile.Write(ref _appliedTimestampNs, batch.LastTimestampNs);
                Volatile.Write(ref _pendingTimestampNs, 0);
                Volatile.Write(ref _appliedSequence, batch.LastSequence);
                if (attempt > 1)
                {
                    ProjectorLog.Recovered(_logger, Name, attempt - 1, batch.LastSequence);
                }

                return;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                Interlocked.Increment(ref _failedWrites);
                var delay = await BackOffAsync(e, attempt, cancellationToken).ConfigureAwait(false);
                ProjectorLog.WriteFailed(_logger, Name, e.Message, batch.FirstSequence, batch.LastSequence, attempt, (long)delay.TotalMilliseconds);
            }
        }
    }

    /// <summary>Drops the (possibly broken) connection, records the error and waits out the backoff for <paramref name="attempt"/>.</summary>
    private async Task<TimeSpan> BackOffAsync(Exception error, int attempt, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastError, error.Message);
        if (_connection is not null)
        {
            try
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or SocketException or TimeoutException)
            {
                // Already broken.
            }

            _connection = null;
        }

        _dataSource.Clear();
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.MaxBackoff.Ticks, _options.InitialBackoff.Ticks * factor));
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        return delay;
    }

    private async Task<NpgsqlConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return _connection;
    }

    /// <summary>
    /// Whether <paramref name="e"/> means Postgres is unavailable (retry the same batch)
    /// rather than a fault to stop on. Connection failures, server shutdown, timeouts and
    /// Npgsql's transient errors retry; SQL errors (a constraint, a missing table) do not.
    /// </summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return e switch
        {
            PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
            NpgsqlException => true,
            IOException or SocketException or TimeoutException => true,
            InvalidOperationException when e.InnerException is NpgsqlException or IOException or SocketException => true,
            _ => false,
        };
    }

    private sealed class DiscardSink : IEventSink
    {
        private EngineEvent _slot;

        public ref EngineEvent Claim() => ref _slot;

        public void Commit()
        {
        }

        public void EndOfCommand()
        {
        }
    }
}
