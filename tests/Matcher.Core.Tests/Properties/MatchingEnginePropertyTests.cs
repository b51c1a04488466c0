namespace Matcher.Core.Tests.Properties;

/// <summary>
/// Random command streams run through the engine and the reference model side by side.
/// After every command: the order events (rejects with their reason, accepts, trades,
/// cancels with their reason, amends), the book, the BookLevelChanged events and all
/// balances equal the reference's; a reject is one event and leaves the state hash
/// unchanged; the book is not crossed; each asset is conserved; locked balances equal
/// what open orders and pending withdrawals hold; no balance is negative (bar the fee
/// account under rebates); trade fees follow the fee tiers. A failure reports the seed,
/// the command index, the command, expected and actual evidence, and a shrunk repro.
/// </summary>
[TestFixture]
public class MatchingEnginePropertyTests
{
    private const int CommandsPerStream = 4_000;
    private static readonly TimeSpan _shrinkBudget = TimeSpan.FromSeconds(5);

    /// <summary>Every path the generator is meant to reach, as tallied by <see cref="StreamCoverage"/>.</summary>
    private static readonly string[] _requiredPaths =
    [
        "Trade:PlaceOrder", "Trade:Market", "Trade:MarketBudget", "Trade:AmendOrder", "Trade:CancelReplace", "Trade:SameAccount", "Trade:Rebate",
        "Amended:AmendOrder", "Amended:CancelReplace", "Amended:Decrement",
        "Cancelled:User", "Cancelled:ImmediateOrCancel", "Cancelled:FillOrKill", "Cancelled:SelfTrade", "Cancelled:Expired",
        "Cancelled:MassCancel", "Cancelled:FundsExhausted", "Cancelled:SessionDisconnected",
        "SelfTradeCancel:CancelTaker", "SelfTradeCancel:CancelMaker", "SelfTradeCancel:CancelBoth", "SelfTradeCancel:DecrementAndCancel",
        "Rejected:UnknownOrder", "Rejected:DuplicateClientOrderId", "Rejected:PostOnlyWouldTake", "Rejected:AmendNoChange",
        "Rejected:InvalidQuantity", "Rejected:InsufficientFunds", "Rejected:InstrumentHalted", "Rejected:InstrumentCancelOnly",
        "Rejected:QuantityBelowMinimum", "Rejected:NotionalBelowMinimum", "Rejected:InvalidExpireTime", "Rejected:InvalidOrderOption",
        "Rejected:InvalidTimeInForce", "Rejected:InvalidPrice", "Rejected:InvalidSide", "Rejected:InvalidOrderType",
        "Rejected:InvalidSelfTradePrevention", "Rejected:InvalidClientOrderId", "Rejected:UnknownAccount", "Rejected:UnknownInstrument",
        "Rejected:InvalidFeeTier", "Rejected:InstrumentHasOrders", "Rejected:DuplicateAccount", "Rejected:UnknownWithdrawal",
        "MassCancelled", "SessionCancel:OtherSessionKept", "InstrumentDefined", "FeeTierSet", "WithdrawalUpdated", "DepositApplied",
        "Accepted:Stop:Market", "Accepted:Stop:Limit", "Accepted:TakeProfit:Market", "Accepted:TakeProfit:Limit", "Accepted:TrailingStop:Market",
        "Accepted:Iceberg", "Amended:Waiting", "Cancelled:Waiting:User", "Cancelled:Waiting:Expired", "Cancelled:Waiting:MassCancel",
        "Cancelled:Waiting:SessionDisconnected", "Triggered", "Triggered:AfterAnother", "Trade:TriggeredTaker", "Trade:IcebergMaker",
        "Trade:IcebergTaker", "Rejected:InvalidTrigger", "Rejected:WouldTriggerImmediately", "Rejected:NoReferencePrice",
    ];

    private static IEnumerable<int> PlainSeeds => Enumerable.Range(1, 12);

    private static IEnumerable<int> FeeSeeds => Enumerable.Range(101, 12);

    private static IEnumerable<int> TightSeeds => Enumerable.Range(201, 12);

    private static IEnumerable<int> InvariantSeeds => Enumerable.Range(301, 8);

    [TestCaseSource(nameof(PlainSeeds))]
    public void Process_PlainStream_MatchesReferenceModel(int seed) => AssertRun(PropertyScenario.Create(seed, ScenarioKind.Plain, CommandsPerStream), withReference: true);

    [TestCaseSource(nameof(FeeSeeds))]
    public void Process_FeeTierStream_MatchesReferenceModel(int seed) => AssertRun(PropertyScenario.Create(seed, ScenarioKind.Fees, CommandsPerStream), withReference: true);

    [TestCaseSource(nameof(TightSeeds))]
    public void Process_TightlyFundedStream_MatchesReferenceModel(int seed) => AssertRun(PropertyScenario.Create(seed, ScenarioKind.Tight, CommandsPerStream), withReference: true);

    /// <summary>The engine-only properties, with the generator aiming at the engine's own book (so they hold even where the reference might be wrong).</summary>
    [TestCaseSource(nameof(InvariantSeeds))]
    public void Process_RandomStream_EngineInvariantsAndFeesHold(int seed) =>
        AssertRun(PropertyScenario.Create(seed, seed % 2 == 0 ? ScenarioKind.Fees : ScenarioKind.Tight, CommandsPerStream), withReference: false);

    [Test]
    public void Generate_RandomStreams_ReachEveryOrderPath()
    {
        var coverage = new StreamCoverage();
        foreach (var kind in new[] { ScenarioKind.Plain, ScenarioKind.Fees, ScenarioKind.Tight })
        {
            for (var seed = 1; seed <= 3; seed++)
            {
                coverage.StartStream();
                PropertyRunner.Generate(PropertyScenario.Create(seed, kind, CommandsPerStream), withReference: false, coverage.Add);
            }
        }

        var missing = _requiredPaths.Where(path => coverage[path] == 0).ToList();
        TestContext.Out.WriteLine(string.Join(", ", coverage.Counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        Assert.That(missing, Is.Empty, () => "paths no stream reached; tallies: "
            + string.Join(", ", coverage.Counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
    }

    private static void AssertRun(PropertyScenario scenario, bool withReference)
    {
        var result = PropertyRunner.Generate(scenario, withReference);
        if (result.Failure is null)
        {
            Assert.That(result.Commands, Has.Count.EqualTo(scenario.CommandCount));
            return;
        }

        var shrunk = PropertyRunner.Shrink(scenario, result, withReference, _shrinkBudget);
        Assert.Fail(PropertyRunner.Report(scenario, result, shrunk));
    }
}
