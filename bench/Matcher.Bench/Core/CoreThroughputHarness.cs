using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Bench.Core;

/// <summary>
/// Throughput of one <see cref="MatchingEngine"/> on one thread: commands generated up
/// front (<see cref="LoadGenerator"/>), then, after warm-up passes, repeated timed passes
/// over them, each on a fresh core prepared by replaying the same setup and fill. Time
/// comes from <see cref="Stopwatch"/> around the loop alone; allocation from
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around the same loop. Each pass must
/// end on the generator's state hash with the generator's event count, so every pass
/// did the same work.
/// </summary>
public static class CoreThroughputHarness
{
    private const double GoalCommandsPerSecond = 6_000_000;

    public static void Run(CoreThroughputOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var load = options.Load;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"core throughput: {load.Instruments:N0} instrument(s), {load.Accounts:N0} accounts, book target {load.OrdersPerInstrument:N0} orders per instrument, " +
            $"{load.Commands:N0} measured commands, seed {load.Seed}, client order ids {(load.ClientOrderIds ? "on" : "off")}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"machine: {CpuModel()}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; Command {Unsafe.SizeOf<Command>()} B, EngineEvent {Unsafe.SizeOf<EngineEvent>()} B"));

        var generation = Stopwatch.StartNew();
        var workload = LoadGenerator.Generate(load, options.Sink);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated in {generation.Elapsed.TotalSeconds:0.0} s: {workload.Preparation.Length:N0} preparation commands " +
            $"({workload.Fill.Commands:N0} filling the books), {workload.Measured.Length:N0} measured " +
            $"({workload.MinCommandsPerInstrument:N0} to {workload.MaxCommandsPerInstrument:N0} per instrument)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"core: new MatchingEngine(expectedOrders: {workload.ExpectedOrders:N0}) per pass"));
        PrintWorkload(workload, output);

        var sink = SinkUnderTest.Create(options.Sink, options.RingSize);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sink: {sink.Name}, {options.RingSize:N0} events ({(double)options.RingSize * Unsafe.SizeOf<EngineEvent>() / (1 << 20):0.0} MiB), no consumer"));

        for (var i = 0; i < options.WarmUpPasses; i++)
        {
            var warmUp = RunPass(workload, sink);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  warm-up {i + 1}: {warmUp.CommandsPerSecond / 1e6:0.000} M commands/s"));
        }

        var passes = new List<PassResult>();
        var measuredSeconds = 0.0;
        while (passes.Count < options.MinRepetitions || measuredSeconds < options.Seconds)
        {
            var pass = RunPass(workload, sink);
            passes.Add(pass);
            measuredSeconds += pass.Seconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  pass {passes.Count,3}: {pass.CommandsPerSecond / 1e6,7:0.000} M commands/s  {pass.NanosecondsPerCommand,7:0.0} ns/command  " +
                $"{pass.EventsPerSecond / 1e6,7:0.000} M events/s  {pass.BytesPerCommand:0.000} B/command  gen0 GCs {pass.Gen0Collections}"));
        }

        PrintSummary(passes, output);
    }

    private static PassResult RunPass(CoreWorkload workload, SinkUnderTest sink)
    {
        var engine = new MatchingEngine(workload.ExpectedOrders);
        ProcessAll(engine, workload.Preparation, sink.Sink);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var eventsBefore = sink.Published;
        var collectionsBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        ProcessAll(engine, workload.Measured, sink.Sink);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        var events = sink.Published - eventsBefore;

        if (events != workload.Stats.Events || engine.ComputeStateHash() != workload.FinalStateHash)
        {
            throw new InvalidOperationException(
                $"a timed pass diverged from the generator: {events} events (expected {workload.Stats.Events}), or a different state hash");
        }

        return new PassResult(workload.Measured.Length, events, elapsed.TotalSeconds, allocated, collections);
    }

    /// <summary>The timed loop: what a core thread does with each ring slot, minus the ring.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ProcessAll(MatchingEngine engine, Command[] commands, IEventSink sink)
    {
        for (var i = 0; i < commands.Length; i++)
        {
            engine.Process(ref commands[i], sink);
        }
    }

    private static void PrintWorkload(CoreWorkload workload, TextWriter output)
    {
        var start = workload.BookAtStart;
        var end = workload.BookAtEnd;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"books at start: {start.OrdersPerInstrument:N0} orders on {start.LevelsPerInstrument:N0} levels per instrument " +
            $"(at end {end.OrdersPerInstrument:N0} on {end.LevelsPerInstrument:N0})"));

        var prices = workload.CentralPrices.Order().ToArray();
        var deviations = workload.PriceDeviations.Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"central price in ticks: {prices[0]:N0} to {prices[^1]:N0} (median {prices[prices.Length / 2]:N0}); " +
            $"price deviation {deviations[0]:N0} to {deviations[^1]:N0} ticks; IOC orders at ±5 deviations"));
        var stats = workload.Stats;
        double Share(long count) => 100.0 * count / stats.Commands;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measured mix: GTC {Share(stats.Kind(CommandKind.PlaceGtc)):0.0}%, IOC {Share(stats.Kind(CommandKind.PlaceIoc)):0.0}%, " +
            $"cancel {Share(stats.Kind(CommandKind.Cancel)):0.0}%, amend quantity down {Share(stats.Kind(CommandKind.ReduceQuantity)):0.0}%, " +
            $"amend price (move) {Share(stats.Kind(CommandKind.MovePrice)):0.0}%"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trades: {stats.Trades:N0}; commands that traded: {stats.CommandsWithTrades:N0} ({Share(stats.CommandsWithTrades):0.0}%); " +
            $"events: {stats.Events:N0} ({(double)stats.Events / stats.Commands:0.00} per command)"));
        output.WriteLine("events by type: " + string.Join(", ", stats.EventTypes().Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type} {t.Count:N0}"))));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rejects: {stats.Rejects:N0} ({Share(stats.Rejects):0.000}% of measured commands)") +
            (stats.Rejects == 0 ? string.Empty : " by reason: " + string.Join(", ", stats.RejectReasons().Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Reason} {r.Count:N0}")))));
        if (workload.Fill.Rejects != 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rejects while filling: {workload.Fill.Rejects:N0}: ") +
                string.Join(", ", workload.Fill.RejectReasons().Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Reason} {r.Count:N0}"))));
        }
    }

    private static void PrintSummary(List<PassResult> passes, TextWriter output)
    {
        var rates = passes.Select(p => p.CommandsPerSecond).Order().ToArray();
        var median = Median(rates);
        var best = rates[^1];
        var worst = rates[0];
        var medianEvents = Median([.. passes.Select(p => p.EventsPerSecond).Order()]);
        var maxBytes = passes.Max(p => p.BytesPerCommand);
        var collections = passes.Sum(p => p.Gen0Collections);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary over {passes.Count} passes: commands/s median {median / 1e6:0.000} M, best {best / 1e6:0.000} M, worst {worst / 1e6:0.000} M " +
            $"(spread {(best - worst) / median * 100:0.0}% of the median); ns/command at the median {1e9 / median:0.0}; " +
            $"events/s median {medianEvents / 1e6:0.000} M; " +
            $"allocated {maxBytes:0.000} B/command (worst pass), gen0 GCs while timed {collections}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"goal ≥ 6 M commands/s on one thread: {(median >= GoalCommandsPerSecond ? "met" : "NOT met")} (median {median / 1e6:0.00} M, best {best / 1e6:0.00} M); " +
            $"goal 0 B/command: {(maxBytes == 0 ? "met" : "NOT met")}"));
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static string CpuModel()
    {
        const string Key = "model name";
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith(Key, StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private readonly record struct PassResult(long Commands, long Events, double Seconds, long AllocatedBytes, int Gen0Collections)
    {
        public double CommandsPerSecond => Commands / Seconds;

        public double EventsPerSecond => Events / Seconds;

        public double NanosecondsPerCommand => Seconds * 1e9 / Commands;

        public double BytesPerCommand => (double)AllocatedBytes / Commands;
    }
}
