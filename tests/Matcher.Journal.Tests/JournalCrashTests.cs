using System.Diagnostics;
using System.Globalization;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Journal.CrashChild;

namespace Matcher.Journal.Tests;

/// <summary>
/// A child process journals under load and is killed with SIGKILL at random moments,
/// many times; each restart recovers the journal and goes on. Every command whose
/// acknowledgement was seen must be in the journal, once, in order, and replaying the
/// journal must give the state of an offline run of the same commands.
/// </summary>
public class JournalCrashTests
{
    private static string ChildPath()
    {
        // The child builds beside this project: .../tests/Matcher.Journal.CrashChild/bin/<Configuration>/net10.0/.
        var ours = TestContext.CurrentContext.TestDirectory;
        var child = ours.Replace("Matcher.Journal.Tests", "Matcher.Journal.CrashChild", StringComparison.Ordinal);
        return Path.Combine(child, "Matcher.Journal.CrashChild.dll");
    }

    /// <summary>Starts the child, kills it after <paramref name="lifetime"/>; returns the highest acknowledged sequence it printed.</summary>
    private static long RunAndKill(string journal, TimeSpan lifetime)
    {
        var start = new ProcessStartInfo("dotnet", [ChildPath(), journal, "10000000"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start)!;
        long acknowledged = 0;
        var reader = Task.Run(() =>
        {
            while (child.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    Volatile.Write(ref acknowledged, long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture));
                }
            }
        });
        var stderr = child.StandardError.ReadToEndAsync();
        Thread.Sleep(lifetime);
        Assert.That(child.HasExited, Is.False, $"the child stopped by itself: {(child.HasExited ? stderr.Result : "")}");
        child.Kill(entireProcessTree: true);
        Assert.That(child.WaitForExit(30_000), Is.True, "the killed child did not exit");
        Assert.That(reader.Wait(TimeSpan.FromSeconds(30)), Is.True, "its output did not end");
        return Volatile.Read(ref acknowledged);
    }

    [Test]
    public void KilledUnderLoadManyTimes_KeepsEveryAcknowledgedCommandOnce()
    {
        using var journal = new TempJournal();
        var random = new Random(8);
        long acknowledgedEver = 0;
        for (var round = 0; round < 8; round++)
        {
            acknowledgedEver = Math.Max(acknowledgedEver, RunAndKill(journal.Path, TimeSpan.FromMilliseconds(random.Next(400, 1_200))));
            var report = JournalRecovery.Recover(journal.Path);
            Assert.That(report.LastSequence, Is.GreaterThanOrEqualTo(acknowledgedEver), $"round {round}: an acknowledged command was lost");
        }

        Assert.That(acknowledgedEver, Is.GreaterThan(1_000), "the child made progress");
        var journaled = JournalReader.Read(journal.Path).ToList();
        var offline = new MatchingEngine();
        var sink = new EventListSink();
        for (var i = 0; i < journaled.Count; i++)
        {
            var expected = CrashLoad.At(i);
            var actual = journaled[i];
            Assert.That(actual.Sequence, Is.EqualTo(i + 1), "no gap, no double");
            Assert.That((actual.Type, actual.AccountId, actual.OrderId, actual.Side, actual.PriceTicks, actual.QuantityLots),
                Is.EqualTo((expected.Type, expected.AccountId, expected.OrderId, expected.Side, expected.PriceTicks, expected.QuantityLots)),
                $"record {i + 1} is the load's command {i}");
            expected.Sequence = actual.Sequence;
            expected.TimestampNs = actual.TimestampNs;
            offline.Process(ref expected, sink);
        }

        var replayed = JournalStartup.Recover(journal.Path, new SnapshotStore(Path.Combine(journal.Path, "no-snapshots")));
        Assert.That(replayed.Engine.ComputeStateHash(), Is.EqualTo(offline.ComputeStateHash()));
    }
}
