using System.Collections.Concurrent;

namespace Matcher.Ring.Tests;

/// <summary>Handlers and publishing helpers the pipeline tests share.</summary>
internal static class TestHandlers
{
    public static void Publish(RingBuffer<TestEntry> ring, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sequence = ring.Next();
            ring[sequence].Value = sequence;
            ring.Publish(sequence);
        }
    }

    public static bool Publish(RingBuffer<TestEntry> ring, long sequence)
    {
        ring[sequence].Value = sequence;
        ring.Publish(sequence);
        return true;
    }

    /// <summary>Publishes one entry, waits until the gated consumer holds it, then publishes <paramref name="more"/>.</summary>
    public static void PublishWhileTheFirstIsHeld(RingBuffer<TestEntry> ring, GatedHandler handler, int more)
    {
        Publish(ring, 1);
        TestTimeouts.WaitUntil(() => handler.Entered, "the consumer held the first entry");
        Publish(ring, more);
    }

    public sealed class OrderCheckingHandler(int producers) : IEntryHandler<TestEntry>
    {
        private long _lastSequence = -1;

        public long[] NextValueByProducer { get; } = new long[producers];

        public List<string> Errors { get; } = [];

        public long Count { get; private set; }

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            if (sequence != _lastSequence + 1)
            {
                Errors.Add($"sequence {sequence} after {_lastSequence}");
            }

            if (entry.Value != NextValueByProducer[entry.ProducerId])
            {
                Errors.Add($"producer {entry.ProducerId}: value {entry.Value}, expected {NextValueByProducer[entry.ProducerId]}");
            }

            NextValueByProducer[entry.ProducerId] = entry.Value + 1;
            _lastSequence = sequence;
            Count++;
        }
    }

    public sealed class MarkingHandler : IEntryHandler<TestEntry>
    {
        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch) => entry.StageOneMark = sequence + 1;
    }

    public sealed class DependencyCheckingHandler(params Sequence[] upstream) : IEntryHandler<TestEntry>
    {
        public bool ExpectStageOneMark { get; init; }

        public long Violations { get; private set; }

        public long Count { get; private set; }

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            if (Sequence.Min(upstream) < sequence || (ExpectStageOneMark && entry.StageOneMark != sequence + 1))
            {
                Violations++;
            }

            Count++;
        }
    }

    public sealed class CountingHandler : IEntryHandler<TestEntry>
    {
        private long _count;

        public long Count => Volatile.Read(ref _count);

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch) => Interlocked.Increment(ref _count);
    }

    public sealed class SlowHandler : IEntryHandler<TestEntry>
    {
        public long Count { get; private set; }

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            Thread.SpinWait(2_000);
            Count++;
        }
    }

    public sealed class GatedHandler(ManualResetEventSlim gate, long failAt = -1) : IEntryHandler<TestEntry>
    {
        private volatile bool _entered;
        private long _count;

        public bool Entered => _entered;

        public long Count => Volatile.Read(ref _count);

        public List<bool> EndOfBatchFlags { get; } = [];

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            _entered = true;
            gate.Wait();
            if (sequence == failAt)
            {
                throw new InvalidOperationException($"boom at {sequence}");
            }

            EndOfBatchFlags.Add(endOfBatch);
            Interlocked.Increment(ref _count);
        }
    }

    public sealed class LifecycleHandler : IEntryHandler<TestEntry>, ILifecycleAware
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch) => Calls.Enqueue("event");

        public void OnStart() => Calls.Enqueue($"start:{Thread.CurrentThread.Name}");

        public void OnShutdown() => Calls.Enqueue($"shutdown:{Thread.CurrentThread.Name}");
    }

    public sealed class ThrowingHandler(long failAt) : IEntryHandler<TestEntry>
    {
        public List<long> Processed { get; } = [];

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            if (sequence == failAt)
            {
                throw new InvalidOperationException($"boom at {sequence}");
            }

            Processed.Add(sequence);
        }
    }

    public sealed class RecordingHandler : IEntryHandler<TestEntry>
    {
        public ConcurrentQueue<long> Sequences { get; } = new();

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch) => Sequences.Enqueue(sequence);
    }

    public sealed class StoppingHandler(RingPipeline<TestEntry> pipeline) : IEntryHandler<TestEntry>
    {
        private Exception? _caught;

        public Exception? Caught => Volatile.Read(ref _caught);

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
            try
            {
                pipeline.Stop(StopMode.Abandon, TimeSpan.FromSeconds(1));
            }
            catch (InvalidOperationException exception)
            {
                Volatile.Write(ref _caught, exception);
            }
        }
    }

    public sealed class ThrowingExceptionHandler : IExceptionHandler<TestEntry>
    {
        public ExceptionAction OnEventException(string consumerName, long sequence, ref TestEntry entry, Exception exception) =>
            throw new IOException("the log is gone");

        public ExceptionAction OnLifecycleException(string consumerName, Exception exception) => ExceptionAction.Halt;
    }

    public sealed class SkippingExceptionHandler : IExceptionHandler<TestEntry>
    {
        public List<long> Skipped { get; } = [];

        public ExceptionAction OnEventException(string consumerName, long sequence, ref TestEntry entry, Exception exception)
        {
            Skipped.Add(sequence);
            return ExceptionAction.Skip;
        }

        public ExceptionAction OnLifecycleException(string consumerName, Exception exception) => ExceptionAction.Halt;
    }

    public sealed class TimeoutHandler : IEntryHandler<TestEntry>, ITimeoutHandler
    {
        public ConcurrentBag<long> TimeoutSequences { get; } = [];

        public void OnEvent(ref TestEntry entry, long sequence, bool endOfBatch)
        {
        }

        public void OnTimeout(long sequence) => TimeoutSequences.Add(sequence);
    }
}
