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

    /// <summary>
    /// Starts every consumer on its own thread. Call once, before anything is claimed
    /// from the ring: entries claimed earlier would never reach the consumers.
    /// </summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            ThrowHelper.InvalidOperation("The pipeline was already started or stopped.");
        }

        if (Ring.Cursor.Value != Sequence.InitialValue)
        {
            ThrowHelper.InvalidOperation("Start the pipeline before producers claim entries: entries claimed earlier would never be delivered.");
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
    /// Stops every consumer and waits up to <paramref name="timeout"/> for their threads
    /// to end. With <see cref="StopMode.Drain"/>, first waits up to
    /// <paramref name="timeout"/> for every consumer to process all that was claimed when
    /// <see cref="Stop"/> was called: stop the producers first. A pipeline that was
    /// stopped cannot start again.
    /// </summary>
    /// <returns>
    /// How many published entries the slowest consumer left unprocessed: 0 after a
    /// complete drain; more when abandoning, on timeout, or after a fault.
    /// </returns>
    /// <exception cref="TimeoutException">A consumer thread did not end in time (its handler is blocked).</exception>
    /// <exception cref="InvalidOperationException">Called from one of the pipeline's own consumer threads.</exception>
    public long Stop(StopMode mode, TimeSpan timeout)
    {
        if (_threads.Contains(Thread.CurrentThread))
        {
            ThrowHelper.InvalidOperation("A consumer cannot stop its own pipeline: it would wait for itself.");
        }

        Volatile.Write(ref _started, 1);
        if (mode == StopMode.Drain)
        {
            WaitUntilProcessed(Ring.Cursor.Value, Deadline.After(timeout));
        }

        foreach (var consumer in _consumers)
        {
            consumer.Halt();
        }

        var deadline = Deadline.After(timeout);
        var stuck = new List<string>();
        for (var i = 0; i < _threads.Count; i++)
        {
            if (!_threads[i].Join(deadline.Remaining))
            {
                stuck.Add(_consumers[i].Name);
            }
        }

        if (stuck.Count > 0)
        {
            throw new TimeoutException($"Consumers did not stop within {timeout}: {string.Join(", ", stuck)}.");
        }

        _threads.Clear();
        return CountUnprocessed();
    }

    private long CountUnprocessed()
    {
        var sequencer = Ring.Sequencer;
        var cursor = sequencer.Cursor.Value;
        var slowest = Sequence.Min([.. _consumers.Select(c => c.Sequence)], cursor);

        // Count what is published, not what is merely claimed (several producers).
        long count = 0;
        for (var sequence = slowest + 1; sequence <= cursor; sequence++)
        {
            if (sequencer.IsAvailable(sequence))
            {
                count++;
            }
        }

        return count;
    }

    private void WaitUntilProcessed(long target, Deadline deadline)
    {
        var spinner = default(SpinWait);
        foreach (var consumer in _consumers)
        {
            while (consumer.Sequence.Value < target && Fault is null && !deadline.HasPassed)
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
