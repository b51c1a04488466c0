using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Matcher.TestSupport.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: initdb into a temp directory, pg_ctl start on a
/// free loopback port with durability off, one fresh database per test, and everything
/// stopped and deleted on dispose. With <see cref="ExternalServerVariable"/> set, it uses that
/// server instead and only creates (and on dispose drops) databases there.
/// </summary>
/// <remarks>
/// Start one cluster per test fixture class ([OneTimeSetUp]) and one database per test.
/// Several clusters may start in parallel; each has its own directory and port.
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>Names the environment variable holding a connection string to an existing server.</summary>
    public const string ExternalServerVariable = "MATCHER_TEST_PG";

    private const int StartAttempts = 4;
    private static readonly ConcurrentDictionary<PostgresCluster, byte> _live = new();
    private static int _databaseCounter;

    private readonly PgTools? _tools;
    private readonly string? _root;
    private NpgsqlConnectionStringBuilder _serverConnection;
    private readonly ConcurrentBag<string> _databases = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _running;
    private bool _disposed;

    static PostgresCluster()
    {
        // A test host that exits without disposing (a crash, a forgotten DisposeAsync) must not
        // leave servers running: stop them hard as the process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var cluster in _live.Keys)
            {
                cluster.KillAndDelete();
            }
        };
    }

    private PostgresCluster(PgTools? tools, string? root, int port, NpgsqlConnectionStringBuilder serverConnection)
    {
        _tools = tools;
        _root = root;
        Port = port;
        _serverConnection = serverConnection;
    }

    /// <summary>True for a cluster this fixture started (and deletes); false for the <see cref="ExternalServerVariable"/> server.</summary>
    public bool IsThrowaway => _root is not null;

    /// <summary>The server's TCP port on 127.0.0.1 (for an external server, the connection string's port).</summary>
    public int Port { get; private set; }

    /// <summary>The throwaway cluster's temp directory (data/, log, the Unix socket); null for an external server.</summary>
    public string? RootDirectory => _root;

    private string DataDirectory => Path.Combine(_root!, "data");

    private string LogFile => Path.Combine(_root!, "log");

    /// <summary>
    /// Starts a throwaway cluster, or uses <see cref="ExternalServerVariable"/> (a connection string to an
    /// existing server; then <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> throw
    /// <see cref="NotSupportedException"/> and <see cref="IsThrowaway"/> is false).
    /// </summary>
    public static Task<PostgresCluster> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(Environment.GetEnvironmentVariable(ExternalServerVariable), cancellationToken);

    internal static async Task<PostgresCluster> StartAsync(string? externalConnectionString, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(externalConnectionString))
        {
            return await UseExternalAsync(externalConnectionString, cancellationToken).ConfigureAwait(false);
        }

        var tools = PgTools.Find();
        // As root the postgres user must reach the directory: /tmp, not a private TMPDIR.
        var parent = tools.RunsAsPostgres && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
        var root = Path.Combine(parent, "matcher-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var cluster = new PostgresCluster(tools, root, 0, new NpgsqlConnectionStringBuilder());
        _live.TryAdd(cluster, 0);
        try
        {
            await tools.GiveToPostgresAsync(root, cancellationToken).ConfigureAwait(false);
            await tools.RunToolAsync(
                "initdb",
                ["-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"],
                root, null, cancellationToken).ConfigureAwait(false);
            await cluster.StartOnFreePortAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            cluster.KillAndDelete();
            throw;
        }
    }

    private static async Task<PostgresCluster> UseExternalAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }
        var cluster = new PostgresCluster(null, null, builder.Port, builder);
        // Fail here, with the server named, rather than in the first test.
        try
        {
            await using var connection = new NpgsqlConnection(cluster.ServerConnectionString());
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"{ExternalServerVariable} names a server that does not answer ({builder.Host}:{builder.Port}): {e.Message}", e);
        }
        return cluster;
    }

    /// <summary>Picks a free port and starts; retries on another port when one was taken meanwhile.</summary>
    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await PgCtlStartAsync(port, cancellationToken).ConfigureAwait(false);
                _running = true;
                Port = port;
                _serverConnection = ServerBuilder(port);
                return;
            }
            catch (InvalidOperationException e) when (attempt < StartAttempts && PortWasTaken(e.Message))
            {
                // Another cluster (or anything else) bound the port between FreePort and the server's bind.
            }
        }
    }

    private static bool PortWasTaken(string message) =>
        message.Contains("could not bind", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("Address already in use", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("could not create any TCP/IP sockets", StringComparison.OrdinalIgnoreCase);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static NpgsqlConnectionStringBuilder ServerBuilder(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "postgres",
        Database = "postgres",
    };

    private Task<string> PgCtlStartAsync(int port, CancellationToken cancellationToken)
    {
        // pg_ctl hands -o to a shell: quote the socket directory.
        var options = string.Join(' ',
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-k", "'" + _root + "'",
            "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off");
        return _tools!.RunToolAsync(
            "pg_ctl", ["-D", DataDirectory, "-o", options, "-l", LogFile, "-w", "-t", "60", "start"],
            _root!, LogFile, cancellationToken);
    }

    /// <summary>A connection string for a NEW empty database with a unique name (created on the cluster), for one test.</summary>
    public async Task<string> CreateDatabaseAsync(string? namePrefix = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = DatabaseName(namePrefix);
        await using (var connection = new NpgsqlConnection(ServerConnectionString()))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        _databases.Add(name);
        return DatabaseConnectionString(name);
    }

    private static string DatabaseName(string? namePrefix)
    {
        var prefix = new StringBuilder();
        foreach (var c in (namePrefix ?? "test").ToLowerInvariant())
        {
            prefix.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }
        if (prefix.Length == 0 || !char.IsAsciiLetter(prefix[0]))
        {
            prefix.Insert(0, 't');
        }
        var counter = Interlocked.Increment(ref _databaseCounter);
        // The random part keeps names apart across processes sharing an external server.
        var suffix = string.Create(CultureInfo.InvariantCulture, $"_{counter}_{Guid.NewGuid().ToString("N")[..8]}");
        return prefix.ToString(0, Math.Min(prefix.Length, 63 - suffix.Length)) + suffix;
    }

    private string DatabaseConnectionString(string database) => new NpgsqlConnectionStringBuilder(_serverConnection.ConnectionString)
    {
        Database = database,
        Pooling = true,
        IncludeErrorDetail = true,
    }.ConnectionString;

    // Administrative statements use their own unpooled connection: nothing lingers on "postgres".
    private string ServerConnectionString() => new NpgsqlConnectionStringBuilder(_serverConnection.ConnectionString)
    {
        Pooling = false,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>pg_ctl stop -m fast: the server is down (connections fail) until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        ThrowIfExternal();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_running)
            {
                throw new InvalidOperationException("The cluster is already stopped.");
            }
            await _tools!.RunToolAsync(
                "pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], _root!, LogFile,
                CancellationToken.None).ConfigureAwait(false);
            _running = false;
            // Pooled connections died with the server: a test's next Open must get a new one.
            ClearPools();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>pg_ctl start on the same data directory and port: the data is kept.</summary>
    public async Task StartAgainAsync()
    {
        ThrowIfExternal();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_running)
            {
                throw new InvalidOperationException("The cluster is already running.");
            }
            await PgCtlStartAsync(Port, CancellationToken.None).ConfigureAwait(false);
            _running = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ThrowIfExternal()
    {
        if (!IsThrowaway)
        {
            throw new NotSupportedException(
                $"The server named by {ExternalServerVariable} is not this fixture's to stop or start.");
        }
    }

    private void ClearPools()
    {
        foreach (var database in _databases)
        {
            using var connection = new NpgsqlConnection(DatabaseConnectionString(database));
            NpgsqlConnection.ClearPool(connection);
        }
    }

    /// <summary>Stops the server (fast, else immediate, else kill) and deletes the temp directory; for an external server, drops the databases it created.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            ClearPools();
            if (IsThrowaway)
            {
                if (_running)
                {
                    var (exitCode, _) = await PgTools.RunAsync(
                        PgCtlCommand(out var arguments, "fast"), arguments, _root!, CancellationToken.None).ConfigureAwait(false);
                    _running = exitCode != 0;
                }
                KillAndDelete();
            }
            else
            {
                await DropDatabasesAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DropDatabasesAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString());
            await connection.OpenAsync().ConfigureAwait(false);
            foreach (var database in _databases)
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover test database on a shared server does no harm.
        }
    }

    /// <summary>The pg_ctl stop command line (through runuser when root), for synchronous use.</summary>
    private string PgCtlCommand(out string[] arguments, string mode)
    {
        var pgCtl = Path.Combine(_tools!.BinDirectory, "pg_ctl");
        string[] stop = ["-D", DataDirectory, "-m", mode, "-w", "-t", "30", "stop"];
        if (_tools.RunUser is null)
        {
            arguments = stop;
            return pgCtl;
        }
        arguments = ["-u", "postgres", "--", pgCtl, .. stop];
        return _tools.RunUser;
    }

    /// <summary>
    /// Makes sure no server runs on the data directory (pg_ctl stop -m immediate, then SIGKILL of
    /// the postmaster's process tree), then deletes the temp directory. Synchronous: also runs at process exit.
    /// </summary>
    private void KillAndDelete()
    {
        _live.TryRemove(this, out _);
        if (_root is null || !Directory.Exists(_root))
        {
            return;
        }
        if (PostmasterPid() is not null)
        {
            try
            {
                using var stop = Process.Start(new ProcessStartInfo(PgCtlCommand(out var arguments, "immediate"), arguments)
                {
                    UseShellExecute = false,
                    WorkingDirectory = _root,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (stop is not null && !stop.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    stop.Kill(entireProcessTree: true);
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // pg_ctl could not start: fall through to the kill.
            }
        }
        if (PostmasterPid() is { } pid)
        {
            try
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
                postmaster.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (ArgumentException)
            {
                // Already gone (a stale postmaster.pid).
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }
        _running = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // A dying backend may still be writing a file; try again shortly.
                Thread.Sleep(100 * attempt);
            }
        }
    }

    /// <summary>The pid in data/postmaster.pid when that process is alive; null otherwise.</summary>
    private int? PostmasterPid()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        try
        {
            using var reader = new StreamReader(new FileStream(pidFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            if (int.TryParse(reader.ReadLine(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                Directory.Exists($"/proc/{pid}"))
            {
                return pid;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>The tail of the server log (throwaway clusters), for a failing test's message.</summary>
    public string ServerLogTail(int maxLines = 40) =>
        IsThrowaway ? PgTools.LogTail(LogFile, maxLines) : "(an external server: no log here)";
}
