using System.Threading.Channels;

namespace Matcher.Bench.Ring;

/// <summary>
/// The channel baseline's consumer, written as a .NET user would: a long-running loop of
/// <c>WaitToReadAsync</c> then <c>TryRead</c> until empty, forwarding to the next
/// channel or counting at the end.
/// </summary>
public sealed class ChannelStage
{
    private readonly ChannelReader<long> _reader;
    private readonly ChannelWriter<long>? _next;
    private long _seen;
    private long _expected = long.MaxValue;

    public ChannelStage(ChannelReader<long> reader, ChannelWriter<long>? next)
    {
        _reader = reader;
        _next = next;
        Completion = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public ManualResetEventSlim Done { get; } = new();

    public Task Completion { get; }

    public long Sum { get; private set; }

    /// <summary>Arms the signal for when <paramref name="count"/> more items have gone by.</summary>
    public void Expect(long count)
    {
        Done.Reset();
        Volatile.Write(ref _expected, Volatile.Read(ref _seen) + count);
    }

    /// <summary>A bounded channel with the ring's capacity and the same waiting behaviour.</summary>
    public static Channel<long> CreateChannel(int capacity, bool singleWriter) =>
        Channel.CreateBounded<long>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = singleWriter,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });

    private async Task RunAsync()
    {
        while (await _reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_reader.TryRead(out var value))
            {
                if (_next is not null)
                {
                    await _next.WriteAsync(value + 1).ConfigureAwait(false);
                }
                else
                {
                    Sum += value;
                }

                if (++_seen == Volatile.Read(ref _expected))
                {
                    Done.Set();
                }
            }
        }

        _next?.Complete();
    }
}
