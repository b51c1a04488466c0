using System.Diagnostics;
using Matcher.Server.Tests.Interop;

namespace Matcher.Server.Tests.Web;

/// <summary>
/// The TypeScript client and the live order-book page against <c>matcher serve</c>: the
/// client's end-to-end suite runs under node, the page in headless Debian Chromium (driven
/// by playwright-core), both built and installed by <c>scripts/web.sh</c> from test.sh.
/// </summary>
[NonParallelizable]
public sealed class WebClientTests
{
    private static string Root => QuickFixTools.RepoRoot;

    private static string WebRoot => Path.Combine(Root, "web", "orderbook", "dist");

    private static ServerProcess StartServer(TempDirectory data)
    {
        Assert.That(Path.Combine(WebRoot, "index.html"), Does.Exist, "the page is not built: run test.sh (scripts/web.sh build_web)");
        return ServerProcess.Start(data.Path, $"Http:WebRoot={WebRoot}", "Journal:Durability=None");
    }

    private static Dictionary<string, string> Credentials(ServerProcess server) => new()
    {
        ["MATCHER_WS_URL"] = new UriBuilder(server.Http) { Scheme = "ws", Path = "/ws" }.Uri.ToString(),
        ["MATCHER_HTTP_URL"] = server.Http.ToString().TrimEnd('/'),
        ["MATCHER_API_KEY_A"] = "demo-key-1001",
        ["MATCHER_API_SECRET_A"] = "demo-secret-1001",
        ["MATCHER_API_KEY_B"] = "demo-key-1002",
        ["MATCHER_API_SECRET_B"] = "demo-secret-1002",
        ["MATCHER_INSTRUMENT"] = "BTC-USD",
    };

    private static (int ExitCode, string Output) Run(string workingDirectory, string file, IEnumerable<string> arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException(file + " did not start");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within 5 minutes:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(System.Text.StringBuilder output, string? line)
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

    [Test]
    public void The_typescript_client_trades_and_follows_the_book_end_to_end()
    {
        using var data = new TempDirectory();
        using var server = StartServer(data);

        var (exitCode, output) = Run(Path.Combine(Root, "clients", "typescript"), "npm", ["test", "--silent"], Credentials(server));

        TestContext.Out.WriteLine(output);
        Assert.That(exitCode, Is.Zero, "npm test failed:\n" + output + "\nserver:\n" + server.Transcript);
        Assert.That(output, Does.Contain("ok").And.Contain("a bad login is rejected with AuthenticationFailed (1005)"), "the end-to-end suite ran");
        Assert.That(output, Does.Contain("# fail 0"));
        Assert.That(output, Does.Contain("# skipped 0"), "nothing was skipped: the server's address reached the suite");
    }

    [Test]
    public void The_order_book_page_shows_levels_and_trades_live_in_chromium()
    {
        using var data = new TempDirectory();
        using var server = StartServer(data);
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "orderbook-page.png");
        File.Delete(screenshot);
        var environment = Credentials(server);
        environment["MATCHER_SCREENSHOT"] = screenshot;

        var (exitCode, output) = Run(Root, "node", [Path.Combine("web", "orderbook", "test", "browser.mjs")], environment);

        TestContext.Out.WriteLine(output);
        if (File.Exists(screenshot))
        {
            TestContext.AddTestAttachment(screenshot, "the order-book page after the trade");
        }

        Assert.That(exitCode, Is.Zero, "the browser test failed:\n" + output);
        Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(10_000), "a screenshot of the page was kept");
    }
}
