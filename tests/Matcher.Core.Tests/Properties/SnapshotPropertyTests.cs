using Matcher.Core.Events;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// A snapshot taken at random points of a random stream loads into a replica that, fed
/// the rest of the stream, produces exactly the primary's events and state hashes: the
/// derived indexes (client ids, GTD expiry queue, account order lists) are rebuilt
/// faithfully.
/// </summary>
[TestFixture]
public class SnapshotPropertyTests
{
    private const int CommandsPerStream = 3_000;

    private static IEnumerable<int> Seeds => Enumerable.Range(401, 6);

    [TestCaseSource(nameof(Seeds))]
    public void LoadSnapshot_MidStream_ReplicaReplaysIdentically(int seed)
    {
        var scenario = PropertyScenario.Create(seed, seed % 2 == 0 ? ScenarioKind.Fees : ScenarioKind.Tight, CommandsPerStream);
        var primary = new PropertyHarness(scenario, withReference: false);
        primary.SetUp();
        var generator = new CommandStreamGenerator(scenario);
        var random = new Random(seed);
        var replicaSink = new EventListSink();
        MatchingEngine? replica = null;
        var nextSnapshotAt = random.Next(20, 200);
        for (var i = 0; i < scenario.CommandCount; i++)
        {
            if (i == nextSnapshotAt)
            {
                using var stream = new MemoryStream();
                primary.Engine.WriteSnapshot(stream);
                stream.Position = 0;
                replica = MatchingEngine.LoadSnapshot(stream, 4096);
                Assert.That(replica.ComputeStateHash(), Is.EqualTo(primary.Engine.ComputeStateHash()), $"seed {seed}: loaded snapshot hash at command {i}");
                nextSnapshotAt += random.Next(20, 200);
            }

            var failure = primary.Step(generator.Next(primary));
            Assert.That(failure, Is.Null, () => $"seed {seed}, command {i}: {failure!.Category}: {failure.Detail}");
            if (replica is null)
            {
                continue;
            }

            var command = primary.LastCommand;
            var start = replicaSink.Events.Count;
            replica.Process(ref command, replicaSink);
            var replicaEvents = replicaSink.Events.GetRange(start, replicaSink.Events.Count - start);
            var expected = primary.LastEvents;
            var same = replicaEvents.Count == expected.Count;
            for (var k = 0; same && k < expected.Count; k++)
            {
                same = replicaEvents[k].Equals(expected[k]);
            }

            Assert.That(same, Is.True, () => $"seed {seed}, command {i}: {CommandText.Describe(command)}{Environment.NewLine}"
                + $"primary: {string.Join(" / ", expected.Select(Describe))}{Environment.NewLine}replica: {string.Join(" / ", replicaEvents.Select(Describe))}");
            Assert.That(replica.ComputeStateHash(), Is.EqualTo(primary.Engine.ComputeStateHash()), $"seed {seed}: state hash after command {i}");
        }

        Assert.That(replica, Is.Not.Null, "the stream took at least one snapshot");
    }

    private static string Describe(EngineEvent e) =>
        ObservedEvent.IsOrderEvent(e.Type) ? ObservedEvent.FromEngine(e).ToString() : $"{e.Type} acct {e.AccountId} asset {e.AssetId} inst {e.InstrumentId} px {e.PriceTicks}";
}
