using System.Runtime.InteropServices;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Bench.Core;

/// <summary>
/// Generates a workload in the manner of exchange-core's <c>TestOrdersGenerator</c>
/// (the load behind its published "9% GTC, 3% IOC, 6% cancel, 82% move" figures): each
/// book is filled to its target first, then measured commands go to instruments picked
/// uniformly at random. The generator runs every command through a core of its own and
/// follows the events, so it knows which orders are live, their ids, sizes and prices,
/// and the last trade price: cancels and amends always name live orders.
/// </summary>
/// <remarks>
/// Departures from exchange-core (see <see cref="InstrumentSession"/>): cancels and
/// amends pick a live order uniformly (it picks among the 512 oldest); a reduce always
/// leaves at least one lot (a reduce drawn for a one-lot order becomes a move), which
/// keeps cancels at the published 6%; central prices come from the top decade of its
/// range, so every book has the published shape; every account trades every
/// instrument; instruments get equal shares of the load (it draws Pareto weights).
/// </remarks>
public static class LoadGenerator
{
    /// <param name="options">What to generate.</param>
    /// <param name="sinkKind">The kind of sink the measured runs use (see <see cref="SinkUnderTest.Create"/>).</param>
    public static CoreWorkload Generate(LoadOptions options, string sinkKind)
    {
        ArgumentNullException.ThrowIfNull(options);
        var expectedOrders = options.ExpectedOrders > 0
            ? options.ExpectedOrders
            : Math.Max(1 << 16, options.Instruments * options.OrdersPerInstrument * 2);
        var engine = new MatchingEngine(expectedOrders);
        var reader = new EventReader(SinkUnderTest.Create(sinkKind, 1 << 16));
        var sequence = 0L;
        var clientOrderNumber = 0L;

        var preparation = CoreSetup.Build(options.Instruments, options.Accounts);
        CoreSetup.Stamp(CollectionsMarshal.AsSpan(preparation), ref sequence);
        foreach (var setup in preparation)
        {
            var command = setup;
            reader.Process(engine, ref command);
            foreach (ref readonly var e in reader.Events)
            {
                if (e.Type == EventType.Rejected)
                {
                    throw new InvalidOperationException($"setup command {command.Type} rejected: {e.RejectReason}");
                }
            }
        }

        var sessions = new InstrumentSession[options.Instruments];
        for (var i = 0; i < sessions.Length; i++)
        {
            sessions[i] = new InstrumentSession(i + 1, options.OrdersPerInstrument, options.Accounts, options.Seed);
        }

        var live = new Dictionary<long, LiveOrder>(expectedOrders);
        var fill = new WorkloadStats();
        foreach (var session in sessions)
        {
            while (!session.Filled)
            {
                if (session.TryNext(ref clientOrderNumber, options.ClientOrderIds, out var command, out var kind))
                {
                    Run(engine, reader, sessions, session, live, ref command, ref sequence);
                    fill.Count(kind, reader.Events);
                    preparation.Add(command);
                }
            }
        }

        var bookAtStart = BookShape.Of(engine);
        var measured = new Command[options.Commands];
        var perInstrument = new int[options.Instruments];
        var stats = new WorkloadStats();
        var pick = new Random(options.Seed);
        for (var i = 0; i < measured.Length;)
        {
            var index = pick.Next(sessions.Length);
            if (!sessions[index].TryNext(ref clientOrderNumber, options.ClientOrderIds, out var command, out var kind))
            {
                continue;
            }

            Run(engine, reader, sessions, sessions[index], live, ref command, ref sequence);
            stats.Count(kind, reader.Events);
            perInstrument[index]++;
            measured[i++] = command;
        }

        return new CoreWorkload
        {
            Options = options,
            Preparation = [.. preparation],
            Measured = measured,
            Fill = fill,
            Stats = stats,
            BookAtStart = bookAtStart,
            BookAtEnd = BookShape.Of(engine),
            FinalStateHash = engine.ComputeStateHash(),
            ExpectedOrders = expectedOrders,
            CentralPrices = [.. sessions.Select(s => (s.MinPrice + s.MaxPrice) / 2)],
            PriceDeviations = [.. sessions.Select(s => s.PriceDeviation)],
            MinCommandsPerInstrument = perInstrument.Min(),
            MaxCommandsPerInstrument = perInstrument.Max(),
        };
    }

    /// <summary>Processes one command and brings the generator's view of the books up to date from its events.</summary>
    private static void Run(
        MatchingEngine engine,
        EventReader reader,
        InstrumentSession[] sessions,
        InstrumentSession session,
        Dictionary<long, LiveOrder> live,
        ref Command command,
        ref long sequence)
    {
        command.Sequence = ++sequence;
        command.TimestampNs = CoreSetup.StartTimeNs + (sequence * 1_000);
        reader.Process(engine, ref command);
        foreach (ref readonly var e in reader.Events)
        {
            switch (e.Type)
            {
                case EventType.Rejected:
                    session.RefreshStatistics();
                    break;
                case EventType.OrderAccepted:
                    var order = new LiveOrder
                    {
                        Id = e.OrderId,
                        AccountId = e.AccountId,
                        Side = e.Side,
                        PriceTicks = e.PriceTicks,
                        QuantityLots = e.QuantityLots,
                        RemainingLots = e.QuantityLots,
                    };
                    live.Add(order.Id, order);
                    sessions[e.InstrumentId - 1].Add(order);
                    break;
                case EventType.Trade:
                    sessions[e.InstrumentId - 1].OnTrade(e.TradePriceTicks);
                    Fill(sessions, live, e.InstrumentId, e.OrderId, e.RemainingLots);
                    Fill(sessions, live, e.InstrumentId, e.MakerOrderId, e.MakerRemainingLots);
                    break;
                case EventType.OrderCancelled:
                    if (live.Remove(e.OrderId, out var cancelled))
                    {
                        sessions[e.InstrumentId - 1].Remove(cancelled);
                    }

                    break;
                case EventType.OrderAmended:
                    var amended = live[e.OrderId];
                    amended.PriceTicks = e.PriceTicks;
                    amended.QuantityLots = e.QuantityLots;
                    amended.RemainingLots = e.RemainingLots;
                    break;
                default:
                    break;
            }
        }

        session.CountCommand();
    }

    private static void Fill(InstrumentSession[] sessions, Dictionary<long, LiveOrder> live, int instrumentId, long orderId, long remainingLots)
    {
        var order = live[orderId];
        order.RemainingLots = remainingLots;
        if (remainingLots == 0)
        {
            live.Remove(orderId);
            sessions[instrumentId - 1].Remove(order);
        }
    }
}
