using System.Text.RegularExpressions;
using Matcher.Journal;

namespace Matcher.Cli.Tests;

public sealed class JournalStatsTests
{
    [Test]
    public void Stats_Journal_CountsSegmentsBytesAndEveryCommandType()
    {
        using var journal = new TestJournal();
        var commands = JournalCommands.Stream(1_000, seed: 7);
        journal.Write(commands);
        var expected = commands
            .GroupBy(c => c.Type)
            .OrderBy(g => (int)g.Key)
            .Select(g => (Regex.Replace(g.Key.ToString(), "(?<!^)([A-Z])", "_$1").ToLowerInvariant(), (long)g.Count()))
            .ToList();
        Assert.That(expected, Has.Count.EqualTo(16), "the stream has every type but update_instrument and set_instrument_status");

        var run = CliRun.Of("journal", "stats", "--journal", journal.Path);
        var counted = Regex.Matches(run.Output, @"^  ([a-z_]+) +(\d+)$", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(counted, Is.EqualTo(expected));
            Assert.That(run.Field("segments"), Is.EqualTo("10"));
            Assert.That(run.Field("records"), Is.EqualTo("1000"));
            Assert.That(run.Field("bytes"), Is.EqualTo((1_000L * JournalRecord.RecordSize).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(run.Field("sequences"), Is.EqualTo("1 to 1000"));
            Assert.That(run.Field("first time"), Is.EqualTo("2024-01-01T00:00:00.000000007Z"));
            Assert.That(run.Field("last time"), Is.EqualTo("2024-01-01T00:00:00.000999007Z"));
            Assert.That(run.Field("result"), Is.EqualTo("ok"));
        });
    }

    [Test]
    public void Stats_TornTail_CountsTheGoodRecordsAndReportsTheTail()
    {
        using var journal = new TestJournal();
        journal.Write(JournalCommands.Stream(120));
        TestJournal.CutTail(journal.SegmentPaths()[^1], 1);

        var run = CliRun.Of("journal", "stats", "--journal", journal.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.TornTail), run.ToString());
            Assert.That(run.Field("records"), Is.EqualTo("119"));
            Assert.That(run.Field("damage"), Does.StartWith("torn tail in "));
        });
    }
}
