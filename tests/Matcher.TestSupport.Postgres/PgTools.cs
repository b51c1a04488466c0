using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Matcher.TestSupport.Postgres;

/// <summary>
/// Finds initdb and pg_ctl and runs them: as the <c>postgres</c> OS user (through runuser)
/// when this process is root, since initdb and postgres refuse to run as root.
/// </summary>
internal sealed class PgTools
{
    private static readonly TimeSpan _stepTimeout = TimeSpan.FromMinutes(2);

    private PgTools(string binDirectory, string? runUser)
    {
        BinDirectory = binDirectory;
        RunUser = runUser;
    }

    /// <summary>The folder holding initdb, pg_ctl and postgres.</summary>
    public string BinDirectory { get; }

    /// <summary>runuser's path when the tools run as the postgres user; null when they run as us.</summary>
    public string? RunUser { get; }

    public bool RunsAsPostgres => RunUser is not null;

    /// <summary>initdb and pg_ctl on PATH, else the newest /usr/lib/postgresql/*/bin.</summary>
    public static PgTools Find()
    {
        var bin = FindOnPath() ?? FindDebian() ?? throw new InvalidOperationException(
            "PostgreSQL's initdb and pg_ctl are neither on PATH nor under /usr/lib/postgresql/*/bin. " +
            "Install them (source scripts/prerequisites.sh && ensure_postgresql), or set " +
            PostgresCluster.ExternalServerVariable + " to a connection string for an existing server.");
        string? runUser = null;
        if (Environment.UserName == "root")
        {
            runUser = new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser" }
                .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
                    "Running as root, the PostgreSQL tools must run as the postgres user, but runuser was not found.");
        }
        return new PgTools(bin, runUser);
    }

    private static string? FindOnPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasTools(directory))
            {
                // Resolve a symlinked initdb (/usr/local/bin/initdb -> .../15/bin/initdb) to its real
                // folder so postgres is found beside it.
                var initdb = new FileInfo(Path.Combine(directory, "initdb"));
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true);
                return target is null ? directory : Path.GetDirectoryName(target.FullName);
            }
        }
        return null;
    }

    private static string? FindDebian()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }
        return Directory.GetDirectories(Root)
            .Select(d => (Directory: Path.Combine(d, "bin"), Version: ParseVersion(Path.GetFileName(d))))
            .Where(c => c.Version >= 0 && HasTools(c.Directory))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Directory)
            .FirstOrDefault();
    }

    private static double ParseVersion(string name) =>
        double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var version) ? version : -1;

    private static bool HasTools(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

    /// <summary>Gives the postgres user the directory when the tools run as postgres.</summary>
    public async Task GiveToPostgresAsync(string directory, CancellationToken cancellationToken)
    {
        if (RunsAsPostgres)
        {
            await RunCheckedAsync("chown", ["-R", "postgres:", directory], directory, null, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Runs initdb or pg_ctl (by name) and throws with its output and the server log's tail when it fails.</summary>
    public Task<string> RunToolAsync(
        string tool, IReadOnlyList<string> arguments, string workingDirectory, string? logFile,
        CancellationToken cancellationToken)
    {
        var executable = Path.Combine(BinDirectory, tool);
        return RunUser is null
            ? RunCheckedAsync(executable, arguments, workingDirectory, logFile, cancellationToken)
            : RunCheckedAsync(RunUser, ["-u", "postgres", "--", executable, .. arguments], workingDirectory, logFile,
                cancellationToken);
    }

    /// <summary>Runs a command, returning its exit code and its stdout and stderr interleaved.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        // The server must not pick up a developer's settings for another cluster.
        foreach (var variable in new[] { "PGDATA", "PGPORT", "PGHOST", "PGOPTIONS", "PGUSER", "PGDATABASE" })
        {
            startInfo.Environment.Remove(variable);
        }
        startInfo.Environment["LC_ALL"] = "C";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_stepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            lock (output)
            {
                throw new TimeoutException(
                    $"{Describe(fileName, arguments)} did not finish within {_stepTimeout.TotalSeconds:0} s:\n{output}");
            }
        }
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static async Task<string> RunCheckedAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, string? logFile,
        CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(fileName, arguments, workingDirectory, cancellationToken)
            .ConfigureAwait(false);
        if (exitCode != 0)
        {
            var message = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{Describe(fileName, arguments)} exited with {exitCode}:\n")
                .Append(output);
            if (logFile is not null)
            {
                message.Append("--- server log (tail) ---\n").Append(LogTail(logFile));
            }
            throw new InvalidOperationException(message.ToString());
        }
        return output;
    }

    /// <summary>The last lines of the server log, or a note that there is none.</summary>
    public static string LogTail(string logFile, int maxLines = 40)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - maxLines)));
        }
        catch (IOException e)
        {
            return $"(no server log: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(server log unreadable: {e.Message})";
        }
    }

    private static string Describe(string fileName, IReadOnlyList<string> arguments) =>
        string.Join(' ', arguments.Prepend(fileName).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
}
