using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Matcher.Server.Tests;

/// <summary>
/// <c>matcher serve</c> as a child process, on free ports, with its data under a directory
/// the test owns: started, waited for ("matcher: ready"), stopped with SIGTERM or killed.
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    /// <summary>The FIX acceptor's port.</summary>
    public int FixPort { get; private set; }

    /// <summary>The HTTP endpoint, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Http { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Everything the process printed so far.</summary>
    public string Transcript
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the server with <paramref name="settings"/> (key=value, under <c>Matcher:</c>) and waits until it is ready.</summary>
    public static ServerProcess Start(string dataDirectory, params string[] settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "matcher.dll"));
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add($"--Matcher:DataDirectory={dataDirectory}");
        info.ArgumentList.Add("--Matcher:Fix:Port=0");
        info.ArgumentList.Add("--Matcher:Http:Url=http://127.0.0.1:0");
        foreach (var setting in settings)
        {
            info.ArgumentList.Add($"--Matcher:{setting}");
        }

        var server = new ServerProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
        server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + _startTimeout;
        while (!server._ready.Task.Wait(TimeSpan.FromMilliseconds(50)) && !server._process.HasExited && DateTime.UtcNow < deadline)
        {
        }

        if (!server._ready.Task.IsCompleted)
        {
            server._process.WaitForExit(TimeSpan.FromSeconds(1));
            var transcript = server.Transcript;
            server.Dispose();
            throw new TimeoutException("matcher serve did not become ready:\n" + transcript);
        }

        return server;
    }

    /// <summary>Kills the process at once (no shutdown: a crash).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Sends SIGTERM and waits for the exit; returns the exit code.</summary>
    public int Terminate()
    {
        Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("matcher serve did not stop on SIGTERM:\n" + Transcript);
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (FixLine().Match(line) is { Success: true } fix)
        {
            FixPort = int.Parse(fix.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (HttpLine().Match(line) is { Success: true } http)
        {
            Http = new Uri(http.Groups[1].Value);
        }

        if (line.StartsWith("  Ctrl+C", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>GET a path of the HTTP endpoint: status code and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(Http, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"FIX 4\.4\s+[0-9.]+:(\d+)")]
    private static partial Regex FixLine();

    [GeneratedRegex(@"health\s+(http://[^ ]+/)health")]
    private static partial Regex HttpLine();
}
