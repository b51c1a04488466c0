using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Journal.Tests;

public class SnapshotReplicaTests
{
    private static ulong HashAfter(IEnumerable<Command> commands)
    {
        var engine = new MatchingEngine();
        var sink = new EventListSink();
        foreach (var command in commands)
        {
            var copy = command;
            engine.Process(ref copy, sink);
        }

        return engine.ComputeStateHash();
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting for {what}");
            Thread.Sleep(5);
        }
    }

    [Test]
    public void Replica_FollowingALiveJournal_WritesSnapshotsThatMatchTheStream()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(1_000);
        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        using var replica = new SnapshotReplica(journal.Path, store, snapshotEvery: 150);
        replica.Start();
        using (var writer = new JournalWriter(journal.Options(segmentBytes: 120 * JournalRecord.RecordSize), 0))
        {
            foreach (var chunk in commands.Chunk(37))
            {
                foreach (var command in chunk)
                {
                    var copy = command;
                    writer.Append(ref copy);
                }

                writer.Commit();
            }
        }

        WaitFor(() => replica.AppliedSequence == 1_000 || replica.Fault is not null, "the replica to catch up");
        Assert.That(replica.Stop(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(replica.Fault, Is.Null);

        var snapshots = store.List();
        Assert.That(snapshots.Select(s => s.Sequence), Is.EqualTo(new long[] { 900, 750, 600, 450, 300, 150 }));
        foreach (var (sequence, path) in snapshots)
        {
            using var file = File.OpenRead(path);
            Assert.That(MatchingEngine.LoadSnapshot(file).ComputeStateHash(), Is.EqualTo(HashAfter(commands.Take((int)sequence))), $"snapshot {sequence}");
        }
    }

    [Test]
    public void Replica_GivenTheDurableSequence_AppliesNothingBeyondIt()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(500);
        using (var writer = new JournalWriter(journal.Options(durability: Durability.None), 0))
        {
            foreach (var command in commands)
            {
                var copy = command;
                writer.Append(ref copy);
            }

            writer.Commit();
        }

        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        using var replica = new SnapshotReplica(journal.Path, store, snapshotEvery: 100, durableSequence: () => 250);
        replica.Start();
        WaitFor(() => replica.AppliedSequence == 250 || replica.Fault is not null, "the replica to reach the durable sequence");
        Thread.Sleep(100);
        Assert.That(replica.Stop(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That((replica.AppliedSequence, replica.Fault), Is.EqualTo((250L, (Exception?)null)));
        Assert.That(store.List().Select(s => s.Sequence), Is.EqualTo(new long[] { 200, 100 }));
    }

    [Test]
    public void Replica_Restarted_ContinuesFromItsNewestSnapshot()
    {
        using var journal = new TempJournal();
        var commands = SampleCommands.Stream(600);
        using (var writer = new JournalWriter(journal.Options(), 0))
        {
            foreach (var command in commands)
            {
                var copy = command;
                writer.Append(ref copy);
            }

            writer.Commit();
        }

        var store = new SnapshotStore(Path.Combine(journal.Path, "snapshots"));
        using (var first = new SnapshotReplica(journal.Path, store, snapshotEvery: 250))
        {
            first.Start();
            WaitFor(() => first.AppliedSequence == 600 || first.Fault is not null, "the first replica");
            Assert.That(first.Stop(TimeSpan.FromSeconds(30)), Is.True);
        }

        using var second = new SnapshotReplica(journal.Path, store, snapshotEvery: 100);
        second.Start();
        WaitFor(() => second.AppliedSequence == 600 || second.Fault is not null, "the second replica");
        Assert.That(second.Stop(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(second.Fault, Is.Null);
        Assert.That(store.List().Select(s => s.Sequence), Is.EqualTo(new long[] { 600, 500, 250 }));
    }
}
