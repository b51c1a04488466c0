using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Matcher.Metrics;
using Matcher.Ring;

namespace Matcher.Bench.Ring;

/// <summary>
/// Round-trip latency between two threads: the ping thread publishes a timestamp into
/// ring A, a pong consumer copies it into ring B, the ping thread reads it back. Each
/// round trip is two hops; the mean hop is half the mean round trip. The same exchange
/// over two bounded channels runs after it as the baseline.
/// </summary>
public static class PingPongHarness
{
    private const int Capacity = 1024;
    private const long HighestTrackableNs = 10_000_000_000;

    public static void Run(TimeSpan duration, TimeSpan warmUp, WaitStrategyKind pongWait, TextWriter output)
    {
        output.WriteLine($"ping-pong: {Environment.ProcessorCount} cores, warm-up {warmUp.TotalSeconds:0.#} s, measured {duration.TotalSeconds:0.#} s, pong waits with {pongWait}");
        Report(output, "ring", RunRing(duration, warmUp, pongWait));
        Report(output, "channel", RunChannel(duration, warmUp));
    }

    private static LatencyHistogram RunRing(TimeSpan duration, TimeSpan warmUp, WaitStrategyKind pongWait)
    {
        var ping = RingBuffer.CreateSingleProducer<ValueEntry>(Capacity);
        var pong = RingBuffer.CreateSingleProducer<ValueEntry>(Capacity);
        var pingRead = new Sequence();
        pong.Sequencer.AddGatingSequences(pingRead);
        var pipeline = new RingPipeline<ValueEntry>(ping);
        pipeline.Add("pong", new Echo(pong), WaitStrategies.Create(pongWait));
        pipeline.Start();

        var histogram = new LatencyHistogram(HighestTrackableNs, 3);
        var expected = 0L;
        Measure(histogram, duration, warmUp, () =>
        {
            var start = Stopwatch.GetTimestamp();
            var sequence = ping.Next();
            ping[sequence].Value = start;
            ping.Publish(sequence);
            while (pong.Cursor.Value < expected)
            {
            }

            var end = Stopwatch.GetTimestamp();
            if (pong[expected].Value != start)
            {
                throw new InvalidOperationException("The echo does not match the ping.");
            }

            pingRead.SetRelease(expected++);
            return end - start;
        });

        pipeline.Stop(StopMode.Abandon, TimeSpan.FromSeconds(10));
        return histogram;
    }

    private static LatencyHistogram RunChannel(TimeSpan duration, TimeSpan warmUp)
    {
        var ping = ChannelStage.CreateChannel(Capacity, singleWriter: true);
        var pong = ChannelStage.CreateChannel(Capacity, singleWriter: true);
        var echo = new ChannelStage(ping.Reader, pong.Writer);
        var histogram = new LatencyHistogram(HighestTrackableNs, 3);
        Measure(histogram, duration, warmUp, () =>
        {
            var start = Stopwatch.GetTimestamp();
            if (!ping.Writer.TryWrite(start))
            {
                throw new InvalidOperationException("The ping channel is full.");
            }

            long echoed;
            while (!pong.Reader.TryRead(out echoed))
            {
            }

            var end = Stopwatch.GetTimestamp();
            if (echoed != start + 1)
            {
                throw new InvalidOperationException("The echo does not match the ping.");
            }

            return end - start;
        });

        ping.Writer.Complete();
        echo.Completion.Wait();
        return histogram;
    }

    private static void Measure(LatencyHistogram histogram, TimeSpan duration, TimeSpan warmUp, Func<long> roundTripTicks)
    {
        var nsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;
        var warmUpEnd = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmUpEnd)
        {
            roundTripTicks();
        }

        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            histogram.Record((long)(roundTripTicks() * nsPerTick));
        }
    }

    private static void Report(TextWriter output, string name, LatencyHistogram roundTrips)
    {
        output.WriteLine($"  {name,-8} round trip ns: {roundTrips.Summary()}");
        output.WriteLine($"  {name,-8} mean hop {(roundTrips.Mean / 2).ToString("0.0", CultureInfo.InvariantCulture)} ns " +
            $"(p50 hop {roundTrips.ValueAtPercentile(50) / 2} ns)");
    }

    private sealed class Echo(RingBuffer<ValueEntry> pong) : IEntryHandler<ValueEntry>
    {
        public void OnEvent(ref ValueEntry entry, long sequence, bool endOfBatch)
        {
            var next = pong.Next();
            pong[next].Value = entry.Value;
            pong.Publish(next);
        }
    }
}
