namespace Matcher.Bench.Ring;

/// <summary>
/// Dedicated producer threads that each run one round of work per
/// <see cref="RunRound"/>, so several-producer benchmarks start no thread or task per
/// invocation.
/// </summary>
public sealed class ProducerThreads : IDisposable
{
    private readonly Barrier _start;
    private readonly Barrier _end;
    private readonly Thread[] _threads;
    private volatile bool _stopping;

    public ProducerThreads(int count, Action<int> round)
    {
        _start = new Barrier(count + 1);
        _end = new Barrier(count + 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            var index = i;
            _threads[i] = new Thread(() =>
            {
                while (true)
                {
                    _start.SignalAndWait();
                    if (_stopping)
                    {
                        return;
                    }

                    round(index);
                    _end.SignalAndWait();
                }
            })
            { IsBackground = true, Name = $"bench-producer-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs one round on every producer and returns when all have finished it.</summary>
    public void RunRound()
    {
        _start.SignalAndWait();
        _end.SignalAndWait();
    }

    /// <summary>Ends the producer threads and waits for them; safe to call twice.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _start.SignalAndWait();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _start.Dispose();
        _end.Dispose();
    }
}
