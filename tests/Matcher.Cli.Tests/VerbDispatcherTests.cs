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
            Assert.That(output, Does.Match(@"\n  sim +run JSON command lines"));
            Assert.That(output, Does.Match(@"\n  journal +dump, verify or count a journal's records"));
            Assert.That(output, Does.Match(@"\n  replay +replay a journal"));
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

    [TestCase("Usage: matcher journal <tool> --journal DIR", "journal", "--help")]
    [TestCase("Usage: matcher journal <tool> --journal DIR", "help", "journal")]
    [TestCase("Usage: matcher journal dump --journal DIR [--from SEQ] [--to SEQ]", "journal", "dump", "--help")]
    [TestCase("Usage: matcher journal dump --journal DIR [--from SEQ] [--to SEQ]", "journal", "help", "dump")]
    [TestCase("Usage: matcher journal verify --journal DIR", "journal", "verify", "-h")]
    [TestCase("Usage: matcher journal stats --journal DIR", "journal", "stats", "--help")]
    [TestCase("Usage: matcher replay --journal DIR [--snapshot FILE]", "replay", "--help")]
    [TestCase("Usage: matcher replay --journal DIR [--snapshot FILE]", "help", "replay")]
    public void Run_JournalAndReplayHelp_PrintsTheUsage(string expected, params string[] args)
    {
        var (exitCode, output, error) = Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(output, Does.StartWith(expected));
            Assert.That(error, Is.Empty);
        });
    }

    [Test]
    public void Run_JournalHelp_ListsTheTools()
    {
        var (_, output, _) = Run("journal", "--help");

        Assert.That(output, Does.Match(@"\n  dump +print every record.*\n  verify +check every record.*\n  stats +count segments"));
    }

    [TestCase("matcher journal: unknown tool 'fix'", "journal", "fix")]
    [TestCase("matcher journal: which tool? (dump, verify or stats)", "journal")]
    [TestCase("matcher journal verify: unknown option '--bogus'", "journal", "verify", "--journal", ".", "--bogus")]
    [TestCase("matcher journal stats: option --journal needs a value", "journal", "stats", "--journal")]
    [TestCase("matcher replay: option --journal is given twice", "replay", "--journal", ".", "--journal=.")]
    [TestCase("matcher replay: option --journal DIR is required", "replay", "--progress")]
    public void Run_JournalOrReplayWithBadArguments_ReturnsUsageWithMessage(string expected, params string[] args)
    {
        var (exitCode, output, error) = Run(args);

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
