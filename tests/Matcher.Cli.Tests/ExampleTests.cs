using System.Text;

namespace Matcher.Cli.Tests;

/// <summary>The shipped examples (tools/Matcher.Cli/examples), run through the command line as docs/SIM.md shows.</summary>
public sealed class ExampleTests
{
    [Test]
    public void Run_ShippedExamples_RunWithoutInputErrors()
    {
        var (exitCode, output, error) = RunMatcher("sim", "--setup", Setups.Example("setup.json"), "--commands", Setups.Example("commands.jsonl"));

        var types = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(error, Is.Empty);
            Assert.That(output, Does.Not.Contain("\"input_error\""));
            Assert.That(output, Does.Contain("\"type\":\"trade\""));
            Assert.That(types[^1], Does.StartWith("{\"type\":\"state_hash\""));
        });
    }

    [Test]
    public void Run_ShippedExamples_PrintExactlyTheShippedEvents()
    {
        var (_, output, _) = RunMatcher("sim", "--setup", Setups.Example("setup.json"), "--commands", Setups.Example("commands.jsonl"));

        // docs/SIM.md quotes this output. When a change to the core or the formats alters
        // it on purpose, regenerate it (and the quote) with:
        //   dotnet tools/Matcher.Cli/bin/Release/net10.0/matcher.dll sim --setup tools/Matcher.Cli/examples/setup.json \
        //     --commands tools/Matcher.Cli/examples/commands.jsonl --output tools/Matcher.Cli/examples/events.jsonl
        Assert.That(Encoding.UTF8.GetBytes(output), Is.EqualTo(File.ReadAllBytes(Setups.Example("events.jsonl"))),
            "the example's output differs from tools/Matcher.Cli/examples/events.jsonl");
    }

    [TestCase("setup.json")]
    [TestCase("commands.jsonl")]
    [TestCase("events.jsonl")]
    public void SimDoc_WorkedExample_QuotesTheShippedFile(string example)
    {
        var doc = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "SIM.md"));

        Assert.That(doc, Does.Contain("\n" + File.ReadAllText(Setups.Example(example)) + "```"),
            $"docs/SIM.md quotes tools/Matcher.Cli/examples/{example} in full, in a code block");
    }

    [Test]
    public void Run_OutputOption_WritesTheSameBytesAsStandardOutput()
    {
        var path = Path.Combine(Path.GetTempPath(), $"matcher-sim-{TestContext.CurrentContext.Test.ID}.jsonl");
        try
        {
            var (_, toStdout, _) = RunMatcher("sim", "--setup", Setups.Example("setup.json"), "--commands", Setups.Example("commands.jsonl"));
            var (exitCode, toConsole, _) = RunMatcher("sim", "--setup", Setups.Example("setup.json"), "--commands", Setups.Example("commands.jsonl"), "--output", path);

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
                Assert.That(toConsole, Is.Empty);
                Assert.That(File.ReadAllBytes(path), Is.EqualTo(Encoding.UTF8.GetBytes(toStdout)), "UTF-8 without a byte-order mark, same lines");
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Run_CommandsOnStandardInput_GiveTheSameOutputAsTheFile()
    {
        var commands = File.ReadAllText(Setups.Example("commands.jsonl"));
        var (_, fromFile, _) = RunMatcher("sim", "--setup", Setups.Example("setup.json"), "--commands", Setups.Example("commands.jsonl"));
        var (exitCode, fromStdin, _) = RunWithInput(commands, "sim", "--setup", Setups.Example("setup.json"));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(fromStdin, Is.EqualTo(fromFile));
        });
    }

    [Test]
    public void Run_NoSetupEvents_PrintsOnlyTheCommandLinesEvents()
    {
        var (_, all, _) = RunMatcher("sim", "--setup", Setups.Example("setup.json"), "--commands", Setups.Example("commands.jsonl"));
        var (_, quiet, _) = RunMatcher("sim", "--setup", Setups.Example("setup.json"), "--commands", Setups.Example("commands.jsonl"), "--no-setup-events");

        var allLines = all.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var quietLines = quiet.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(allLines[0], Does.StartWith("{\"type\":\"asset_added\""));
            Assert.That(quietLines, Is.EqualTo(allLines.Where(l => l.Contains("\"line\":", StringComparison.Ordinal)).ToArray()));
            Assert.That(quietLines, Is.Not.Empty);
        });
    }

    [Test]
    public void Run_MissingSetupFile_ReturnsUsageWithMessage()
    {
        var (exitCode, output, error) = RunMatcher("sim", "--setup", "/nonexistent/setup.json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith("matcher sim: ").And.Contain("setup.json"));
        });
    }

    private static (int ExitCode, string Output, string Error) RunMatcher(params string[] args) => RunWithInput(string.Empty, args);

    private static (int ExitCode, string Output, string Error) RunWithInput(string stdin, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = VerbDispatcher.CreateDefault().Run(args, new CliStreams(new StringReader(stdin), output, error));
        return (exitCode, output.ToString(), error.ToString());
    }
}
