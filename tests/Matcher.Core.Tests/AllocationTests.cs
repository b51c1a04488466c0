using Matcher.Core.Commands;
using Matcher.Core.Events;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>After warm-up, the hot path allocates nothing on the core thread.</summary>
public class AllocationTests
{
    private static void Process(MatchingEngine engine, RecycledEventSink sink, ref long sequence, Command command)
    {
        command.Sequence = ++sequence;
        command.TimestampNs = StartTimeNs + sequence;
        engine.Process(ref command, sink);
    }

    /// <summary>Places, amends, matches and cancels (one by one, by account, by session), leaving the book as it found it.</summary>
    private static void Cycle(MatchingEngine engine, RecycledEventSink sink, ref long sequence)
    {
        for (var i = 0; i < 50; i++)
        {
            Process(engine, sink, ref sequence, Limit(1, Side.Buy, 2_990_000 - i, 3, clientId: "bid"));
            var bid = sink.LastAcceptedOrderId;
            Process(engine, sink, ref sequence, Limit(2, Side.Sell, 3_010_000 + i, 3, stp: SelfTradePrevention.DecrementAndCancel));
            var ask = sink.LastAcceptedOrderId;
            Process(engine, sink, ref sequence, Amend(1, bid, quantityLots: 2));
            Process(engine, sink, ref sequence, Amend(1, bid, priceTicks: 2_980_000));
            Process(engine, sink, ref sequence, Limit(3, Side.Buy, 3_010_000 + i, 1, TimeInForce.ImmediateOrCancel));
            Process(engine, sink, ref sequence, Market(3, Side.Buy, 1));
            Process(engine, sink, ref sequence, Limit(3, Side.Buy, 3_010_000 + i, 5, TimeInForce.FillOrKill));
            Process(engine, sink, ref sequence, Limit(2, Side.Buy, 3_010_000 + i, 2, stp: SelfTradePrevention.DecrementAndCancel));
            Process(engine, sink, ref sequence, Amend(1, bid, priceTicks: 3_020_000));
            Process(engine, sink, ref sequence, Cancel(2, ask));
            Process(engine, sink, ref sequence, Limit(3, Side.Buy, 2_000_000, 1, TimeInForce.GoodTillDate, expireTimeNs: StartTimeNs + sequence + 2));
            Process(engine, sink, ref sequence, Limit(3, Side.Sell, 2_000_000, 1, TimeInForce.ImmediateOrCancel));
            Process(engine, sink, ref sequence, Limit(3, Side.Buy, 1_000_000, 1, TimeInForce.GoodTillDate, expireTimeNs: StartTimeNs + sequence + 2));
            Process(engine, sink, ref sequence, Expire(StartTimeNs + sequence + 5));
            Process(engine, sink, ref sequence, MassCancel(1));
            Process(engine, sink, ref sequence, MassCancel(2, BtcUsdt, Side.Buy));
            Process(engine, sink, ref sequence, Limit(3, Side.Buy, 1_000_000, 1) with { Origin = new Origin(1, 5, i) });
            Process(engine, sink, ref sequence, Limit(3, Side.Sell, 4_000_000, 1) with { Origin = new Origin(1, 6, i) });
            Process(engine, sink, ref sequence, CancelSession(3, new Origin(1, 5, i)));
            Process(engine, sink, ref sequence, CancelSession(3, new Origin(1, 6, i)));
            Process(engine, sink, ref sequence, Limit(1, Side.Buy, 3_000_000, 1, TimeInForce.GoodTillDate, expireTimeNs: StartTimeNs + sequence + 2));
            Process(engine, sink, ref sequence, Cancel(1, sink.LastAcceptedOrderId));
        }
    }

    [Test]
    public void PlaceCancelAmendMatch_AfterWarmUp_AllocateNothing()
    {
        var driver = new CoreDriver();
        for (var account = 1; account <= 3; account++)
        {
            driver.CreateFundedAccount(account);
        }

        var engine = driver.Engine;
        var sink = new RecycledEventSink();
        var sequence = engine.LastSequence;
        for (var i = 0; i < 20; i++)
        {
            Cycle(engine, sink, ref sequence);
        }

        var tradesBefore = sink.Trades;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(engine, sink, ref sequence);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(sink.Trades - tradesBefore, Is.GreaterThan(100), "the cycle really matches");
        Assert.That(engine.OpenOrderCount, Is.Zero, "the cycle leaves the book empty");
        Assert.That(allocated, Is.Zero);
    }
}
