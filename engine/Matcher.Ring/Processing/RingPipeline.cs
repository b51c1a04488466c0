using System.Diagnostics;

namespace Matcher.Ring;

/// <summary>
/// Wires consumers of one ring into a dependency graph (the journaler first, then the
/// core; responders after the core), runs each on its own thread, and stops them.
/// </summary>
/// <remarks>
/// The consumers that no other consumer depends on gate the producers, so no entry is
/// overwritten before every consumer has processed it. When one consumer halts on an
/// exception, the whole pipeline halts and <see cref="Fault"/> says why.
/// </remarks>
/// <typeparam name="T">The ring's entry type.</typeparam>
public sealed class RingPipeline<T>
    where T : struct
{
    private readonly List<BatchEventProcessor<T>> _consumers = [];
    private readonly HashSet<BatchEventProcessor<T>> _upstream = [];
    private readonly List<Thread> _threads = [];
    private readonly IExceptionHandler<T> _exceptionHandler;
    private int _started;
    private BatchEventProcessor<T>? _faulted;

    /// <summary>Creates a pipeline over <paramref name="ring"/>.</summary>
    /// <param name="ring">The ring.</param>
    /// <param name="exceptionHandler">For every consumer; logs and halts when null.</param>
    public RingPipeline(RingBuffer<T> ring, IExceptionHandler<T>? exceptionHandler = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        Ring = ring;
        _exceptionHandler = exceptionHandler ?? new LogAndHaltExceptionHandler<T>();
    }

    /// <summary>The ring.</summary>
    public RingBuffer<T> Ring { get; }

    /// <summary>The consumers, in the order they were added.</summary>
    public IReadOnlyList<BatchEventProcessor<T>> Consumers => _consumers;

    /// <summary>The exception that halted the pipeline, if one did.</summary>
    public Exception? Fault => Volatile.Read(ref _faulted)?.Fault;

    /// <summary>The consumer whose exception halted the pipeline, if one did.</summary>
    public BatchEventProcessor<T>? FaultedConsumer => Volatile.Read(ref _faulted);

    /// <summary>
    /// Adds a consumer that processes each entry after every consumer in
    /// <paramref name="dependsOn"/> has (after the producers when empty).
    /// </summary>
    /// <param name="name">The consumer's name; its thread is called <c>matcher-{name}</c>.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="waitStrategy">How this consumer waits.</param>
    /// <param name="dependsOn">Consumers of this pipeline this one must not pass.</param>
    public BatchEventProcessor<T> Add(
        string name,
        IEntryHandler<T> handler,
        IWaitStrategy waitStrategy,
        params BatchEventProcessor<T>[] dependsOn) =>
        Add(name, handler, waitStrategy, int.MaxValue, dependsOn);

    /// <summary>As <see cref="Add(string, IEntryHandler{T}, IWaitStrategy, BatchEventProcessor{T}[])"/>, with a cap on the batch size.</summary>
    public BatchEventProcessor<T> Add(
        string name,
        IEntryHandler<T> handler,
        IWaitStrategy waitStrategy,
        int maxBatchSize,
        params BatchEventProcessor<T>[] dependsOn)
    {
        ArgumentNullException.ThrowIfNull(dependsOn);
        if (Volatile.Read(ref _started) != 0)
        {
            ThrowHelper.InvalidOperation("Consumers must be added before the pipeline starts.");
        }

        var dependencies = new Sequence[dependsOn.Length];
        for (var i = 0; i < dependsOn.Length; i++)
        {
            if (!_consumers.Contains(dependsOn[i]))
            {
                ThrowHelper.InvalidOperation($"'{dependsOn[i].Name}' is not a consumer of this pipeline.");
            }

            dependencies[i] = dependsOn[i].Sequence;
            _upstream.Add(dependsOn[i]);
        }

        var barrier = Ring.NewBarrier(waitStrategy, dependencies);
        var consumer = new BatchEventProcessor<T>(name, Ring, barrier, handler, _exceptionHandler, maxBatchSize)
        {
            Faulted = OnConsumerFaulted,
        };
        _consumers.Add(consumer);
        return consumer;
    }

    /// <summary>Starts every consumer on its own thread. Call once, before producers publish.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            ThrowHelper.InvalidOperation("The pipeline was already started.");
        }

        var gating = new List<Sequence>();
        foreach (var consumer in _consumers)
        {
            if (!_upstream.Contains(consumer))
            {
                gating.Add(consumer.Sequence);
            }
        }

        Ring.Sequencer.AddGatingSequences([.. gating]);
        foreach (var consumer in _consumers)
        {
            var thread = new Thread(consumer.Run) { Name = $"matcher-{consumer.Name}", IsBackground = true };
            _threads.Add(thread);
            thread.Start();
        }
    }

    /// <summary>
    /// Stops every consumer and waits for their threads. With <see cref="StopMode.Drain"/>,
    /// first waits up to <paramref name="timeout"/> for every consumer to process all that
    /// was published when <see cref="Stop"/> was called (stop the producers first).
    /// </summary>
    /// <returns>
    /// How many published entries the slowest consumer left unprocessed: 0 after a
    /// complete drain; more when abandoning, on timeout, or after a fault.
    /// </returns>
    public long Stop(StopMode mode, TimeSpan timeout)
    {
        var target = PublishedHighWatermark();
        if (mode == StopMode.Drain)
        {
            WaitUntilProcessed(target, timeout);
        }

        foreach (var consumer in _consumers)
        {
            consumer.Halt();
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _threads.Clear();
        var slowest = Sequence.Min([.. _consumers.Select(c => c.Sequence)], target);
        return target - slowest;
    }

    private long PublishedHighWatermark()
    {
        var sequencer = Ring.Sequencer;
        var cursor = sequencer.Cursor.Value;
        var lowest = Sequence.Min([.. _consumers.Select(c => c.Sequence)], cursor);
        return sequencer.GetHighestPublishedSequence(lowest + 1, cursor);
    }

    private void WaitUntilProcessed(long target, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var spinner = default(SpinWait);
        foreach (var consumer in _consumers)
        {
            while (consumer.Sequence.Value < target && Fault is null && Stopwatch.GetTimestamp() < deadline)
            {
                spinner.SpinOnce();
            }
        }
    }

    private void OnConsumerFaulted(BatchEventProcessor<T> consumer)
    {
        if (Interlocked.CompareExchange(ref _faulted, consumer, null) is not null)
        {
            return;
        }

        foreach (var other in _consumers)
        {
            other.Halt();
        }
    }
}
