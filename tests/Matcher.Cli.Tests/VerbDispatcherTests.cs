namespace Matcher.Cli.Tests;

public sealed class VerbDispatcherTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    public void Run_HelpFlag_ListsTheVerbsOnStandardOutput(string flag)
    {
        var (exitCode, output, _) = Run(flag);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(output, Does.Contain("Usage: matcher <verb> [options]"));
            Assert.That(output, Does.Match(@"\n  sim  run JSON command lines"));
        });
    }

    [Test]
    public void Run_NoArguments_PrintsHelpOnStandardErrorAndFails()
    {
        var (exitCode, output, error) = Run();

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain("Usage: matcher <verb> [options]"));
        });
    }

    [Test]
    public void Run_UnknownVerb_NamesItAndFails()
    {
        var (exitCode, _, error) = Run("serve-everything");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(error, Does.StartWith("matcher: unknown verb 'serve-everything'\n"));
        });
    }

    [TestCase("sim", "--help")]
    [TestCase("help", "sim")]
    public void Run_VerbHelp_PrintsTheVerbsUsage(params string[] args)
    {
        var (exitCode, output, _) = Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(output, Does.StartWith("Usage: matcher sim [--setup SETUP.json]"));
            Assert.That(output, Does.Contain("--no-setup-events"));
        });
    }

    [TestCase("--bogus", "matcher sim: unknown option '--bogus'")]
    [TestCase("--setup", "matcher sim: option --setup needs a file name")]
    [TestCase("--output=", "matcher sim: option --output needs a file name")]
    public void Run_SimWithBadOption_ReturnsUsageWithMessage(string option, string expected)
    {
        var (exitCode, output, error) = Run("sim", option);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith(expected + "\n"));
        });
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = VerbDispatcher.CreateDefault().Run(args, new CliStreams(new StringReader(string.Empty), output, error));
        return (exitCode, output.ToString(), error.ToString());
    }
}
