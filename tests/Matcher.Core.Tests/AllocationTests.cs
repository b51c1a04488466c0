using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
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

    /// <summary>
    /// Stops, a take-profit and a trailing stop fired by trades, an iceberg refilled, an OCO
    /// pair cancelled through its partner, quotes replaced and pulled by market-maker
    /// protection, and the circuit breaker tripped and reset, leaving the book empty.
    /// </summary>
    private static void ConditionalCycle(MatchingEngine engine, RecycledEventSink sink, ref long sequence)
    {
        for (var i = 0; i < 20; i++)
        {
            // A trade at 30,000.00 is every order's reference.
            Process(engine, sink, ref sequence, Limit(2, Side.Sell, 3_000_000, 1));
            Process(engine, sink, ref sequence, Limit(3, Side.Buy, 3_000_000, 1, TimeInForce.ImmediateOrCancel));
            Process(engine, sink, ref sequence, Market(1, Side.Buy, 1) with { Trigger = TriggerType.Stop, StopPriceTicks = 3_000_100 });
            Process(engine, sink, ref sequence, Limit(1, Side.Sell, 3_000_200, 1) with { Trigger = TriggerType.TakeProfit, StopPriceTicks = 3_000_100 });
            var takeProfit = sink.LastAcceptedOrderId;
            Process(engine, sink, ref sequence, Market(3, Side.Sell, 1) with { Trigger = TriggerType.TrailingStop, TrailingOffsetTicks = 500 });
            Process(engine, sink, ref sequence, Limit(2, Side.Sell, 3_000_100, 4) with { DisplayLots = 1 });
            var iceberg = sink.LastAcceptedOrderId;

            // One lot off the iceberg fires the stop (which takes the refill) and the take-profit.
            Process(engine, sink, ref sequence, Limit(3, Side.Buy, 3_000_100, 1, TimeInForce.ImmediateOrCancel));
            Process(engine, sink, ref sequence, Cancel(1, takeProfit));
            Process(engine, sink, ref sequence, Limit(1, Side.Sell, 3_100_000, 1));
            var profitLeg = sink.LastAcceptedOrderId;
            Process(engine, sink, ref sequence, Market(1, Side.Sell, 1) with
            {
                Trigger = TriggerType.Stop,
                StopPriceTicks = 2_900_000,
                Contingency = ContingencyType.OneCancelsOther,
                LinkedOrderId = profitLeg,
            });
            Process(engine, sink, ref sequence, Cancel(1, profitLeg));

            // Quotes: one replaced, then hit for more than the protection allows (which also fires the trailing stop).
            Process(engine, sink, ref sequence, Quote(3, 2_990_000, 1, 3_010_000, 1));
            Process(engine, sink, ref sequence, Quote(3, 2_990_000, 2, 3_010_000, 2));
            Process(engine, sink, ref sequence, Market(2, Side.Sell, 2));
            Process(engine, sink, ref sequence, new Command { Type = CommandType.ResetMarketMakerProtection, AccountId = 3 });
            Process(engine, sink, ref sequence, Cancel(2, iceberg));

            // A trade far from the reference trips the breaker; an admin reopens.
            Process(engine, sink, ref sequence, Limit(2, Side.Sell, 3_500_000, 1));
            Process(engine, sink, ref sequence, Limit(3, Side.Buy, 3_500_000, 1, TimeInForce.ImmediateOrCancel));
            Process(engine, sink, ref sequence, MassCancel(2));
            Process(engine, sink, ref sequence, Status(BtcUsdt, InstrumentStatus.Trading));
        }
    }

    private static Command Quote(long account, long bid, long bidLots, long ask, long askLots) => new()
    {
        Type = CommandType.Quote,
        AccountId = account,
        InstrumentId = BtcUsdt,
        PriceTicks = bid,
        QuantityLots = bidLots,
        AskPriceTicks = ask,
        AskQuantityLots = askLots,
    };

    [Test]
    public void ConditionalOrdersQuotesAndProtection_AfterWarmUp_AllocateNothing()
    {
        var driver = new CoreDriver();
        for (var account = 1; account <= 3; account++)
        {
            driver.CreateFundedAccount(account);
        }

        driver.Ok(new Command { Type = CommandType.SetCircuitBreaker, InstrumentId = BtcUsdt, Amount = 500, WindowNs = 1_000_000_000 });
        driver.Ok(new Command { Type = CommandType.SetMarketMakerProtection, AccountId = 3, WindowNs = 1_000_000_000, QuantityLots = 1 });
        var engine = driver.Engine;
        var sink = new RecycledEventSink();
        var sequence = engine.LastSequence;
        for (var i = 0; i < 20; i++)
        {
            ConditionalCycle(engine, sink, ref sequence);
        }

        var (tradesBefore, triggeredBefore, tripsBefore) = (sink.Trades, sink.Count(EventType.OrderTriggered), sink.Count(EventType.MarketMakerProtectionUpdated));
        var statusBefore = sink.Count(EventType.InstrumentStatusChanged);
        var before = GC.GetAllocatedBytesForCurrentThread();
        ConditionalCycle(engine, sink, ref sequence);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(sink.Trades - tradesBefore, Is.EqualTo(20 * 4), "each round: the reference, the iceberg twice (the second by the stop), the quote's bid; none beyond the breaker");
            Assert.That(sink.Count(EventType.OrderTriggered) - triggeredBefore, Is.EqualTo(20 * 3), "stop, take-profit and trailing stop each round");
            Assert.That(sink.Count(EventType.MarketMakerProtectionUpdated) - tripsBefore, Is.EqualTo(20 * 2), "a trip and a reset each round");
            Assert.That(sink.Count(EventType.InstrumentStatusChanged) - statusBefore, Is.EqualTo(20 * 2), "the breaker and the resume each round");
            Assert.That(engine.OpenOrderCount, Is.Zero, "the cycle leaves the book empty");
            Assert.That(allocated, Is.Zero);
        });
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
