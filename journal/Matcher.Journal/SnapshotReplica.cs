using Matcher.Core;
using Matcher.Core.Events;

namespace Matcher.Journal;

/// <summary>
/// Writes snapshots without pausing the live core: a replica (the same core code) on its
/// own thread follows the journal with a <see cref="JournalTailReader"/> and writes a
/// snapshot every <c>snapshotEvery</c> commands. The live pipeline never waits for it;
/// it can lag, stop, or start from the newest snapshot.
/// </summary>
public sealed class SnapshotReplica : IDisposable
{
    private readonly string _journalDirectory;
    private readonly SnapshotStore _store;
    private readonly long _snapshotEvery;
    private readonly int _expectedOrders;
    private readonly Func<long>? _durableSequence;
    private readonly Thread _thread;
    private volatile bool _running;
    private long _appliedSequence;
    private long _lastSnapshotSequence;

    /// <summary>A replica of the journal in <paramref name="journalDirectory"/>, snapshotting into <paramref name="store"/>.</summary>
    /// <param name="journalDirectory">The journal to follow.</param>
    /// <param name="store">Where snapshots go.</param>
    /// <param name="snapshotEvery">Commands between snapshots.</param>
    /// <param name="expectedOrders">Capacity for the replica's core.</param>
    /// <param name="durableSequence">
    /// The writer's <see cref="JournalWriter.DurableSequence"/> when it runs in this process:
    /// the replica then applies only durable records, so a power loss cannot leave a
    /// snapshot holding commands the journal lost. Without it (another process), the
    /// replica follows what is written, and start-up sets aside snapshots past the journal.
    /// </param>
    public SnapshotReplica(string journalDirectory, SnapshotStore store, long snapshotEvery, int expectedOrders = 1 << 16, Func<long>? durableSequence = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        _journalDirectory = journalDirectory;
        _store = store;
        _snapshotEvery = snapshotEvery;
        _expectedOrders = expectedOrders;
        _durableSequence = durableSequence;
        _thread = new Thread(Run) { Name = "matcher-snapshot-replica", IsBackground = true };
    }

    /// <summary>The last journal sequence the replica applied.</summary>
    public long AppliedSequence => Volatile.Read(ref _appliedSequence);

    /// <summary>The sequence of the last snapshot it wrote (0: none yet).</summary>
    public long LastSnapshotSequence => Volatile.Read(ref _lastSnapshotSequence);

    /// <summary>Snapshots refused when the replica loaded its starting state.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>What stopped the replica, if it failed (a damaged journal, a full disk).</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Starts following the journal.</summary>
    public void Start()
    {
        _running = true;
        _thread.Start();
    }

    /// <summary>Stops following and waits for the thread; returns false if it did not stop in time.</summary>
    public bool Stop(TimeSpan timeout)
    {
        _running = false;
        return !_thread.IsAlive || _thread.Join(timeout);
    }

    /// <inheritdoc />
    public void Dispose() => Stop(Timeout.InfiniteTimeSpan);

    private void Run()
    {
        try
        {
            var warnings = new List<string>();
            var (engine, _) = _store.LoadNewest(long.MaxValue, warnings, _expectedOrders);
            Warnings = warnings;
            Volatile.Write(ref _lastSnapshotSequence, engine.LastSequence);
            var sink = new DiscardingEventSink();
            using var reader = new JournalTailReader(_journalDirectory, engine.LastSequence + 1);
            var command = default(Matcher.Core.Commands.Command);
            var holding = false;
            while (_running)
            {
                if (!holding && !reader.TryRead(out command))
                {
                    Thread.Sleep(1);
                    continue;
                }

                // Read but not yet durable: hold it until the writer's fsync covers it.
                holding = _durableSequence is not null && command.Sequence > _durableSequence();
                if (holding)
                {
                    Thread.Sleep(1);
                    continue;
                }

                engine.Process(ref command, sink);
                Volatile.Write(ref _appliedSequence, command.Sequence);
                if (command.Sequence - LastSnapshotSequence >= _snapshotEvery)
                {
                    _store.Write(engine);
                    Volatile.Write(ref _lastSnapshotSequence, command.Sequence);
                }
            }
        }
#pragma warning disable CA1031 // The replica must never take the process down: its fault is reported, the live core goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fault = e;
        }
    }
}
