using System.Diagnostics;
using System.Globalization;
using Matcher.Bench.Core;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Pipeline;
using Matcher.Journal;
using Matcher.Ring;

namespace Matcher.Bench.Journal;

/// <summary>
/// Producer → inbound ring → journaler (group commit, per the durability policy) → core,
/// sustained, on exchange-core's load mix; then a replay of the journal it wrote.
/// Prints commands/s, batch sizes, fsyncs/s and fsync latency, and replay commands/s.
/// </summary>
public static class JournalThroughputHarness
{
    public static void Run(int commands, Durability durability, string directory, TextWriter output)
    {
        var workload = LoadGenerator.Generate(new LoadOptions { Instruments = 1, Commands = commands }, "array");
        var all = workload.Preparation.Concat(workload.Measured).ToArray();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        output.WriteLine($"journalthroughput: {all.Length:N0} commands ({workload.Preparation.Length:N0} preparation), durability {durability}, journal in {directory}");
        var engine = new MatchingEngine(workload.ExpectedOrders);
        using var writer = new JournalWriter(new JournalOptions { Directory = directory, Durability = durability }, 0);
        var ring = RingBuffer.CreateMultiProducer<Command>(1 << 16);
        var pipeline = new RingPipeline<Command>(ring);
        var journaler = new JournalHandler(writer);
        var journal = pipeline.Add("journaler", journaler, new BlockingWaitStrategy());
        pipeline.Add("core", new CoreHandler(engine, new CircularArraySink(1 << 16)), new BlockingWaitStrategy(), journal);
        pipeline.Start();

        var start = Stopwatch.GetTimestamp();
        foreach (var command in all)
        {
            var sequence = ring.Next();
            ring[sequence] = command;
            ring.Publish(sequence);
        }

        if (pipeline.Stop(StopMode.Drain, TimeSpan.FromMinutes(10)) != 0)
        {
            throw new InvalidOperationException("the pipeline did not drain");
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var fsyncs = writer.FsyncLatencyNs;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live: {all.Length / elapsed.TotalSeconds / 1e6:F3} M commands/s ({elapsed.TotalSeconds:F2} s), core at sequence {engine.LastSequence:N0}"));
        var batches = journaler.BatchSizes;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batches: {batches.TotalCount:N0}, commands per batch mean {batches.Mean:F1}, p50 {batches.ValueAtPercentile(50)}, p99 {batches.ValueAtPercentile(99)}, max {batches.Max}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fsyncs: {fsyncs.TotalCount:N0} ({fsyncs.TotalCount / elapsed.TotalSeconds:F0}/s), latency p50 {fsyncs.ValueAtPercentile(50) / 1e3:F1} µs, p99 {fsyncs.ValueAtPercentile(99) / 1e3:F1} µs, max {fsyncs.Max / 1e3:F1} µs"));

        var replayStart = Stopwatch.GetTimestamp();
        var replay = JournalStartup.Recover(directory, new SnapshotStore(Path.Combine(directory, "snapshots")), workload.ExpectedOrders);
        var replayElapsed = Stopwatch.GetElapsedTime(replayStart);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: {replay.Replayed:N0} commands in {replayElapsed.TotalSeconds:F2} s = {replay.Replayed / replayElapsed.TotalSeconds / 1e6:F3} M commands/s (reading the journal and running the core)"));
        var same = replay.Engine.ComputeStateHash() == engine.ComputeStateHash();
        output.WriteLine($"replay state hash {replay.Engine.ComputeStateHash():x16} {(same ? "equals" : "DIFFERS FROM")} the live core's");
        if (!same)
        {
            throw new InvalidOperationException("replay differs from the live core");
        }

        Directory.Delete(directory, recursive: true);
    }
}
