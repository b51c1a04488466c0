using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Matcher.TestSupport.Chain;

/// <summary>
/// A local EVM node for tests: anvil (from npm, see scripts/chain.sh) on a free loopback port,
/// with its funded and unlocked dev accounts, JSON-RPC helpers for the test-only methods
/// (mine, snapshot and revert, reorg, automine), and a way to make the node disappear
/// (<see cref="KillAsync"/>, <see cref="StopAsync"/>) and come back on the same port
/// (<see cref="RestartAsync"/>). Disposing kills it and deletes its temp directory.
/// </summary>
/// <remarks>
/// Start one node per fixture class when the tests can share a chain (use
/// <see cref="SnapshotAsync"/>/<see cref="RevertAsync"/> to undo a test), or one per test.
/// Nodes started in parallel each get their own port and directory.
/// </remarks>
public sealed partial class AnvilNode : IAsyncDisposable
{
    /// <summary>Names the environment variable that may hold the anvil binary's path.</summary>
    public const string AnvilPathVariable = "MATCHER_ANVIL";

    private const string ListeningPrefix = "Listening on ";
    private const int OutputLinesKept = 200;
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(15);
    private static readonly ConcurrentDictionary<AnvilNode, byte> _live = new();

    private readonly AnvilOptions _options;
    private readonly string _directory;
    private readonly Queue<string> _output = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _process;
    private JsonRpcClient? _rpc;
    private bool _disposed;

    static AnvilNode()
    {
        // A test host that exits without disposing must not leave nodes running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var node in _live.Keys)
            {
                node.KillProcess();
                node.DeleteDirectory();
            }
        };
    }

    private AnvilNode(AnvilOptions options, string executable, string directory)
    {
        _options = options;
        ExecutablePath = executable;
        _directory = directory;
    }

    /// <summary>The anvil binary this node runs.</summary>
    public string ExecutablePath { get; }

    /// <summary>The TCP port on 127.0.0.1; kept across <see cref="RestartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>The JSON-RPC endpoint, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Url => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    /// <summary>The WebSocket endpoint (anvil serves both on one port), <c>ws://127.0.0.1:port/</c>.</summary>
    public Uri WebSocketUrl => new(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{Port}/"));

    /// <summary>The chain id the node reports (eth_chainId).</summary>
    public long ChainId { get; private set; }

    /// <summary>The funded, unlocked dev accounts, in anvil's order (the first is the usual deployer).</summary>
    public IReadOnlyList<DevAccount> Accounts { get; private set; } = [];

    /// <summary>True while the anvil process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The JSON-RPC client for <see cref="Url"/>.</summary>
    public JsonRpcClient Rpc => _rpc ?? throw new InvalidOperationException("The node has not started.");

    /// <summary>The node's temp directory (its config and, with <see cref="AnvilOptions.PersistState"/>, state files).</summary>
    public string WorkingDirectory => _directory;

    private string ConfigFile => Path.Combine(_directory, "config.json");

    private string StateFile => Path.Combine(_directory, "state.json");

    /// <summary>Starts anvil on a free port and waits until it answers JSON-RPC.</summary>
    public static async Task<AnvilNode> StartAsync(AnvilOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnvilOptions();
        var executable = FindAnvil(options.AnvilPath);
        var directory = Path.Combine(Path.GetTempPath(), "matcher-anvil-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var node = new AnvilNode(options, executable, directory);
        _live.TryAdd(node, 0);
        try
        {
            await node.LaunchAsync(port: 0, cancellationToken).ConfigureAwait(false);
            node._rpc = new JsonRpcClient(node.Url);
            node.Accounts = node.ReadAccounts();
            node.ChainId = Hex.ParseLong((await node.Rpc.SendAsync("eth_chainId").ConfigureAwait(false)).GetString()!);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The anvil binary: <paramref name="explicitPath"/>, else <see cref="AnvilPathVariable"/>, else
    /// tools/chain/node_modules in the repository. Throws, saying how to install it, when missing.
    /// </summary>
    public static string FindAnvil(string? explicitPath = null)
    {
        string path;
        string source;
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            (path, source) = (explicitPath, "AnvilOptions.AnvilPath");
        }
        else if (Environment.GetEnvironmentVariable(AnvilPathVariable) is { Length: > 0 } fromEnvironment)
        {
            (path, source) = (fromEnvironment, AnvilPathVariable);
        }
        else
        {
            (path, source) = (RepoPaths.Anvil, "tools/chain/node_modules");
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"anvil was not found at {path} (from {source}). Install it with " +
                "`. scripts/prerequisites.sh && . scripts/web.sh && . scripts/chain.sh && ensure_chain_tools` " +
                $"(npm ci in tools/chain), or set {AnvilPathVariable} to an anvil binary.");
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            throw new InvalidOperationException(
                $"anvil at {path} is not executable; `. scripts/chain.sh && anvil_path` makes it so.");
        }
        return path;
    }

    private List<string> Arguments(int port)
    {
        var arguments = new List<string>
        {
            "--host", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--accounts", _options.Accounts.ToString(CultureInfo.InvariantCulture),
            "--config-out", ConfigFile,
        };
        if (_options.ChainId is { } chainId)
        {
            arguments.AddRange(["--chain-id", chainId.ToString(CultureInfo.InvariantCulture)]);
        }
        if (_options.BlockTimeSeconds is { } blockTime)
        {
            arguments.AddRange(["--block-time", blockTime.ToString(CultureInfo.InvariantCulture)]);
        }
        else if (!_options.Automine)
        {
            arguments.Add("--no-mining");
        }
        if (_options.Hardfork is { } hardfork)
        {
            arguments.AddRange(["--hardfork", hardfork]);
        }
        if (_options.PersistState)
        {
            arguments.AddRange(["--state", StateFile]);
        }
        arguments.AddRange(_options.ExtraArguments);
        return arguments;
    }

    /// <summary>Starts the process and waits for "Listening on 127.0.0.1:PORT"; sets <see cref="Port"/>.</summary>
    private async Task LaunchAsync(int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in Arguments(port))
        {
            start.ArgumentList.Add(argument);
        }
        // --host is given; anvil would otherwise also read its listen address from here.
        start.Environment.Remove("ANVIL_IP_ADDR");

        // Completed with the "Listening on" line, or with null when the process exits first.
        var listening = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Record(line);
                if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
                {
                    listening.TrySetResult(line);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Record("stderr: " + line);
            }
        };
        process.Exited += (_, _) => listening.TrySetResult(null);
        Record($"--- started: {ExecutablePath} {string.Join(' ', start.ArgumentList)}");
        process.Start();
        _process = process;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string? line;
        try
        {
            line = await listening.Task.WaitAsync(_options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            KillProcess();
            throw new TimeoutException(
                $"anvil did not print '{ListeningPrefix}…' within {_options.StartTimeout.TotalSeconds:0} s:\n{OutputTail()}");
        }
        catch (OperationCanceledException)
        {
            KillProcess();
            throw;
        }
        if (line is null)
        {
            // Exited: wait for the redirected output to drain so that the message shows it.
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new InvalidOperationException(
                $"anvil exited with code {process.ExitCode} before listening:\n{OutputTail()}");
        }
        var colon = line.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(line.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var actual))
        {
            KillProcess();
            throw new InvalidOperationException($"Could not read the port from anvil's '{line}':\n{OutputTail()}");
        }
        Port = actual;
    }

    private List<DevAccount> ReadAccounts()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ConfigFile));
        var addresses = document.RootElement.GetProperty("available_accounts").EnumerateArray().Select(a => a.GetString()!).ToList();
        var keys = document.RootElement.GetProperty("private_keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        if (addresses.Count != keys.Count || addresses.Count != _options.Accounts)
        {
            throw new InvalidOperationException(
                $"anvil's {ConfigFile} lists {addresses.Count} account(s) and {keys.Count} key(s); {_options.Accounts} were asked for.");
        }
        return [.. addresses.Zip(keys, (address, key) => new DevAccount(Abi.NormalizeAddress(address), key.ToLowerInvariant()))];
    }

    /// <summary>
    /// SIGKILL: the node disappears at once, as a crashed or unplugged node would; connections
    /// fail until <see cref="RestartAsync"/>. Nothing is saved, even with <see cref="AnvilOptions.PersistState"/>.
    /// </summary>
    public async Task KillAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfNotRunning();
            KillProcess();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// SIGTERM and wait for exit (SIGKILL after 15 s): with <see cref="AnvilOptions.PersistState"/>
    /// anvil writes its state first, and <see cref="RestartAsync"/> resumes the same chain.
    /// </summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfNotRunning();
            var process = _process!;
            PosixSignal.Terminate(process.Id);
            using var timeout = new CancellationTokenSource(_stopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                KillProcess();
                throw new TimeoutException($"anvil did not exit within {_stopTimeout.TotalSeconds:0} s of SIGTERM:\n{OutputTail()}");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts anvil again on the same port with the same options, after <see cref="KillAsync"/> or
    /// <see cref="StopAsync"/>. The chain starts fresh (block 0) unless <see cref="AnvilOptions.PersistState"/>
    /// is set and the node was stopped with <see cref="StopAsync"/>. Throws when the port was taken meanwhile.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (IsRunning)
            {
                throw new InvalidOperationException("The node is running; kill or stop it first.");
            }
            _process?.Dispose();
            _process = null;
            var port = Port;
            await LaunchAsync(port, cancellationToken).ConfigureAwait(false);
            if (Port != port)
            {
                throw new InvalidOperationException($"anvil was asked for port {port} but listens on {Port}.");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ThrowIfNotRunning()
    {
        if (!IsRunning)
        {
            throw new InvalidOperationException("The node is not running.");
        }
    }

    private void Record(string line)
    {
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>anvil's last output lines (it logs every RPC method it serves), for a failing test's message.</summary>
    public string OutputTail(int maxLines = 60)
    {
        lock (_output)
        {
            return string.Join('\n', _output.Skip(Math.Max(0, _output.Count - maxLines)));
        }
    }

    private void KillProcess()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    private void DeleteDirectory()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does no harm.
        }
    }

    /// <summary>Kills anvil if it runs and deletes the node's temp directory.</summary>
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
            KillProcess();
            _process?.Dispose();
            _process = null;
            _rpc?.Dispose();
            DeleteDirectory();
            _live.TryRemove(this, out _);
        }
        finally
        {
            _gate.Release();
        }
    }
}
