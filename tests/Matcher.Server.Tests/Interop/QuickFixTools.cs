using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Matcher.Server.Tests.Interop;

/// <summary>
/// The QuickFIX C++ tools of the interop tests: on first use (once per test run, thread-safe)
/// it installs Debian's <c>libquickfix-dev</c> when missing and builds the scripted
/// initiator (<c>tests/interop/quickfix-initiator</c>) and the ack-only acceptor
/// (<c>bench/quickfix-acceptor</c>) through <c>scripts/prerequisites.sh</c>. If that fails,
/// every use throws with the script's output, so the tests fail: CI must be able to install
/// QuickFIX, and a test that is skipped for want of it proves nothing.
/// </summary>
public static class QuickFixTools
{
    // Under test.sh's 10-minute --blame-hang-timeout, so that this message, not a hang dump, says what went wrong.
    private static readonly TimeSpan _buildTimeout = TimeSpan.FromMinutes(9);
    private static readonly Lazy<string> _root = new(FindRepoRoot, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<(string Initiator, string Acceptor)> _built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The repository root: the nearest folder above the test binaries holding <c>Matcher.sln</c>.</summary>
    public static string RepoRoot => _root.Value;

    /// <summary>The scripted initiator binary, built and ready.</summary>
    public static string InitiatorPath => _built.Value.Initiator;

    /// <summary>The ack-only acceptor binary, built and ready.</summary>
    public static string AcceptorPath => _built.Value.Acceptor;

    /// <summary>
    /// The FIX 4.4 data dictionary generated from QuickFIX's headers beside the initiator,
    /// which the initiator uses by default.
    /// </summary>
    public static string DictionaryPath => Path.Combine(Path.GetDirectoryName(InitiatorPath)!, "FIX44.xml");

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>
    /// Starts the ack-only acceptor on 127.0.0.1:<paramref name="port"/> for the sessions
    /// <paramref name="targetPrefix"/>1..<paramref name="sessions"/> → <paramref name="sender"/>
    /// and returns once it prints READY. A memory store unless <paramref name="storeDirectory"/>
    /// is given, which selects QuickFIX's FileStore there; no data dictionary unless
    /// <paramref name="dictionary"/> names one (such as <see cref="DictionaryPath"/>).
    /// </summary>
    public static QuickFixProcess StartAcceptor(
        int port, int sessions = 1, string sender = "MATCHER", string targetPrefix = "LOAD", string? storeDirectory = null, string? dictionary = null)
    {
        var arguments = new List<string>
        {
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--sender", sender,
            "--sessions", sessions.ToString(CultureInfo.InvariantCulture),
            "--target-prefix", targetPrefix,
        };
        if (storeDirectory is not null)
        {
            arguments.AddRange(["--store", "file", "--store-dir", storeDirectory]);
        }

        if (dictionary is not null)
        {
            arguments.AddRange(["--dictionary", dictionary]);
        }

        var acceptor = QuickFixProcess.Start(AcceptorPath, arguments, "acceptor");
        try
        {
            acceptor.WaitFor(line => line == "READY", QuickFixInitiator.DefaultTimeout);
            return acceptor;
        }
        catch
        {
            acceptor.Dispose();
            throw;
        }
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Matcher.sln"))
                && File.Exists(Path.Combine(folder.FullName, "scripts", "prerequisites.sh")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Matcher.sln and scripts/prerequisites.sh.");
    }

    private static (string Initiator, string Acceptor) Build()
    {
        const string Script = ". scripts/prerequisites.sh && ensure_quickfix && build_quickfix_tools";
        var start = new ProcessStartInfo("bash", ["-c", Script])
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close(); // nothing may wait for an answer: sudo, apt prompts
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(_buildTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException($"Installing and building the QuickFIX tools took more than {_buildTimeout}:\n{Text(output)}");
        }

        process.WaitForExit(); // drains the redirected output
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`bash -c '{Script}'` in {RepoRoot} exited with {process.ExitCode}; the QuickFIX interop tests need it:\n{Text(output)}");
        }

        var initiator = Path.Combine(RepoRoot, "tests", "interop", "quickfix-initiator", "bin", "quickfix-initiator");
        var acceptor = Path.Combine(RepoRoot, "bench", "quickfix-acceptor", "bin", "quickfix-acceptor");
        var dictionary = Path.Combine(Path.GetDirectoryName(initiator)!, "FIX44.xml");
        foreach (var binary in new[] { initiator, acceptor, dictionary })
        {
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException($"The build succeeded but {binary} is missing:\n{Text(output)}");
            }
        }

        return (initiator, acceptor);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

/// <summary>
/// A child process that speaks in lines: what it prints on stdout is collected, in order,
/// for <see cref="WaitFor(Func{string, bool}, TimeSpan)"/>; stdin takes commands. The
/// transcript interleaves the commands sent (<c>&gt; line</c>), stdout and stderr
/// (<c>stderr: line</c>) so a failure shows the whole conversation. Disposing kills it.
/// </summary>
public sealed class QuickFixProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _transcript = new();
    private int _next;
    private bool _stdoutClosed;
    private bool _disposed;

    private QuickFixProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>Starts <paramref name="path"/> with <paramref name="arguments"/>; <paramref name="name"/> labels errors.</summary>
    public static QuickFixProcess Start(string path, IEnumerable<string> arguments, string name)
    {
        var start = new ProcessStartInfo(path, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        var process = new Process { StartInfo = start };
        var wrapper = new QuickFixProcess(process, name);
        process.OutputDataReceived += (_, e) => wrapper.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.OnStderr(e.Data);
        try
        {
            process.Start();
            wrapper.Record("started: " + path + " " + string.Join(' ', start.ArgumentList));
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return wrapper;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Everything so far: commands sent, stdout and stderr, in the order seen.</summary>
    public string Transcript
    {
        get
        {
            lock (_gate)
            {
                return _transcript.ToString();
            }
        }
    }

    /// <summary>Every stdout line so far, including those that earlier waits went past.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Writes one line to the process's stdin.</summary>
    public void WriteLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("A command is one line.", nameof(line));
        }

        Record("> " + line);
        try
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"The {_name} did not take '{line}' (has it exited?):\n{Transcript}", e);
        }
    }

    /// <summary>
    /// Waits for the first stdout line after the one the previous wait returned that
    /// satisfies <paramref name="predicate"/>, and returns it; lines it goes past are not
    /// looked at again by later waits (see <see cref="Lines"/> for all of them). Throws
    /// <see cref="TimeoutException"/> with the transcript when none comes in
    /// <paramref name="timeout"/>, and at once when the process's stdout ends.
    /// </summary>
    public string WaitFor(Func<string, bool> predicate, TimeSpan timeout) => WaitFor(predicate, null, timeout);

    /// <summary>
    /// As <see cref="WaitFor(Func{string, bool}, TimeSpan)"/>, but a line satisfying
    /// <paramref name="failWhen"/> before the awaited one ends the wait with an exception.
    /// </summary>
    public string WaitFor(Func<string, bool> predicate, Func<string, bool>? failWhen, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (true)
            {
                for (; _next < _lines.Count; _next++)
                {
                    var line = _lines[_next];
                    if (predicate(line))
                    {
                        _next++;
                        return line;
                    }

                    if (failWhen is not null && failWhen(line))
                    {
                        _next++;
                        throw new InvalidOperationException(
                            $"The {_name} printed '{line}' before the line waited for:\n{_transcript}");
                    }
                }

                if (_stdoutClosed)
                {
                    throw new InvalidOperationException(
                        $"The {_name} closed its stdout (exited) before printing the line waited for:\n{_transcript}");
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"The {_name} printed no line waited for in {timeout}:\n{_transcript}");
                }

                Monitor.Wait(_gate, left);
            }
        }
    }

    /// <summary>Kills the process (and anything it started) if it still runs.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It was never started or has already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnStdout(string? line)
    {
        lock (_gate)
        {
            if (line is null)
            {
                _stdoutClosed = true;
                _transcript.AppendLine("(stdout closed)");
            }
            else
            {
                _lines.Add(line);
                _transcript.AppendLine(line);
            }

            Monitor.PulseAll(_gate);
        }
    }

    private void OnStderr(string? line)
    {
        if (line is not null)
        {
            Record("stderr: " + line);
        }
    }

    private void Record(string line)
    {
        lock (_gate)
        {
            _transcript.AppendLine(line);
        }
    }
}
