namespace Matcher.Ring;

/// <summary>
/// Runs one consumer: waits on its barrier, hands every available entry to the handler
/// by <c>ref</c> in sequence order with an end-of-batch flag, then advances its
/// <see cref="Sequence"/> once per batch.
/// </summary>
/// <remarks>
/// <para>
/// The sequence is advanced with release semantics after the batch, so a consumer that
/// depends on this one sees every write the handler made to the entries.
/// </para>
/// <para>
/// <see cref="Halt"/> abandons: the consumer finishes the batch in hand and stops,
/// leaving later entries unprocessed (<see cref="RingPipeline{T}.Stop"/> drains first
/// when asked to). When the handler throws, the exception handler decides: halt (the
/// default: <see cref="Fault"/> is set and the sequence stays at the end of the last
/// completed batch, so nothing of the failed batch reaches downstream consumers) or an
/// explicit skip (the rest of the batch is delivered as usual).
/// </para>
/// </remarks>
/// <typeparam name="T">The ring's entry type.</typeparam>
public sealed class BatchEventProcessor<T>
    where T : struct
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int Halted = 2;

    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly IEntryHandler<T> _handler;
    private readonly ILifecycleAware? _lifecycle;
    private readonly ITimeoutHandler? _timeoutHandler;
    private readonly IExceptionHandler<T> _exceptionHandler;
    private readonly long _maxBatchSize;
    private int _state;
    private volatile bool _executing;
    private Exception? _fault;

    /// <summary>Creates a consumer of <paramref name="ring"/> that waits on <paramref name="barrier"/>.</summary>
    /// <param name="name">The consumer's name, for logs and thread names.</param>
    /// <param name="ring">The ring to read.</param>
    /// <param name="barrier">What this consumer waits on (from <see cref="RingBuffer{T}.NewBarrier"/>).</param>
    /// <param name="handler">The handler; may also implement <see cref="ILifecycleAware"/> and <see cref="ITimeoutHandler"/>.</param>
    /// <param name="exceptionHandler">What to do when the handler throws; logs and halts when null.</param>
    /// <param name="maxBatchSize">The most entries handed over before an end-of-batch flag.</param>
    public BatchEventProcessor(
        string name,
        RingBuffer<T> ring,
        SequenceBarrier barrier,
        IEntryHandler<T> handler,
        IExceptionHandler<T>? exceptionHandler = null,
        int maxBatchSize = int.MaxValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        if (barrier.Sequencer != ring.Sequencer)
        {
            ThrowHelper.InvalidOperation("The barrier belongs to another ring.");
        }

        Name = name;
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
        _lifecycle = handler as ILifecycleAware;
        _timeoutHandler = handler as ITimeoutHandler;
        _exceptionHandler = exceptionHandler ?? new LogAndHaltExceptionHandler<T>();
        _maxBatchSize = maxBatchSize;
    }

    /// <summary>The consumer's name.</summary>
    public string Name { get; }

    /// <summary>
    /// The last sequence this consumer has finished: the end of the last batch it
    /// completed. Consumers that depend on this one read up to it.
    /// </summary>
    public Sequence Sequence { get; } = new();

    /// <summary>The barrier this consumer waits on.</summary>
    public SequenceBarrier Barrier => _barrier;

    /// <summary>Whether <see cref="Run"/> is executing (still true while a halted consumer finishes its batch).</summary>
    public bool IsRunning => _executing;

    /// <summary>The exception that halted this consumer, if one did.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Called on the consumer thread when an exception halts it, before its shutdown callback.</summary>
    internal Action<BatchEventProcessor<T>>? Faulted { get; set; }

    /// <summary>
    /// Processes entries on the calling thread until <see cref="Halt"/> or a halting
    /// exception. Returns at once if halted before it started.
    /// </summary>
    public void Run()
    {
        var previous = Interlocked.CompareExchange(ref _state, Running, Idle);
        if (previous == Running)
        {
            ThrowHelper.InvalidOperation($"The consumer '{Name}' is already running.");
        }

        if (previous == Halted)
        {
            // Halted before it started: honour the halt once, and allow a later run.
            Interlocked.CompareExchange(ref _state, Idle, Halted);
            return;
        }

        // Cleared only after winning the state change: a Halt from here on sets the state
        // first and alerts after, so the loop below can never miss it.
        _barrier.ClearAlert();
        Volatile.Write(ref _fault, null);
        _executing = true;
        try
        {
            if (IsStillRunning && InvokeLifecycle(static l => l.OnStart()))
            {
                ProcessEntries();
            }
        }
        catch (Exception exception)
        {
            // Only reached when the exception handler itself throws, or the wait is
            // interrupted: the consumer stops and says why instead of killing the process.
            Volatile.Write(ref _fault, exception);
        }
        finally
        {
            if (Fault is not null)
            {
                Faulted?.Invoke(this);
            }

            InvokeLifecycleAfterStop();
            Volatile.Write(ref _state, Idle);
            _executing = false;
        }
    }

    /// <summary>
    /// Stops the consumer after the batch in hand; entries after it stay unprocessed.
    /// Safe from any thread, before or while running.
    /// </summary>
    public void Halt()
    {
        Volatile.Write(ref _state, Halted);
        _barrier.Alert();
    }

    private bool IsStillRunning => Volatile.Read(ref _state) == Running;

    private void ProcessEntries()
    {
        var ring = _ring;
        var handler = _handler;
        var sequence = Sequence;
        var signal = ring.Sequencer;
        var next = sequence.Value + 1;
        while (true)
        {
            var available = _barrier.WaitFor(next);
            if (available < next)
            {
                if (!IsStillRunning)
                {
                    return;
                }

                if (!_barrier.IsAlerted && _timeoutHandler is not null && !InvokeTimeout(sequence.Value))
                {
                    return;
                }

                continue;
            }

            if (available - next >= _maxBatchSize)
            {
                available = next + _maxBatchSize - 1;
            }

            while (true)
            {
                try
                {
                    while (next <= available)
                    {
                        handler.OnEvent(ref ring[next], next, next == available);
                        next++;
                    }

                    break;
                }
                catch (Exception exception)
                {
                    // The sequence stays at the end of the last completed batch: a batch
                    // that never reached its end-of-batch entry (say, entries a journaler
                    // buffered but did not flush) is never released downstream.
                    if (_exceptionHandler.OnEventException(Name, next, ref ring[next], exception) == ExceptionAction.Halt)
                    {
                        Volatile.Write(ref _fault, exception);
                        return;
                    }

                    next++;
                }
            }

            sequence.SetRelease(available);
            signal.SignalConsumers();
        }
    }

    private bool InvokeTimeout(long sequence)
    {
        try
        {
            _timeoutHandler!.OnTimeout(sequence);
            return true;
        }
        catch (Exception exception)
        {
            return HandleLifecycleException(exception);
        }
    }

    private bool InvokeLifecycle(Action<ILifecycleAware> call)
    {
        if (_lifecycle is null)
        {
            return true;
        }

        try
        {
            call(_lifecycle);
            return true;
        }
        catch (Exception exception)
        {
            return HandleLifecycleException(exception);
        }
    }

    private void InvokeLifecycleAfterStop()
    {
        try
        {
            InvokeLifecycle(static l => l.OnShutdown());
        }
        catch (Exception exception)
        {
            Volatile.Write(ref _fault, exception);
        }
    }

    private bool HandleLifecycleException(Exception exception)
    {
        if (_exceptionHandler.OnLifecycleException(Name, exception) == ExceptionAction.Skip)
        {
            return true;
        }

        Volatile.Write(ref _fault, exception);
        return false;
    }
}
