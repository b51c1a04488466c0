using System.Diagnostics;
using System.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Metrics;

namespace Matcher.Cli.FixLoad;

/// <summary>
/// One session of a load run: its client, its orders, the orders awaiting their first execution report, and
/// what its receive loop measured. The latency histogram and the counters of reports are written only on the
/// client's receive loop; read them after <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class LoadSession : IAsyncDisposable
{
    /// <summary>The largest latency recorded exactly: a minute, in nanoseconds.</summary>
    internal const long HighestLatencyNs = 60_000_000_000;

    private readonly OrderFlow _flow;
    private readonly PendingOrders _pending;
    private readonly bool _closedLoop;
    private readonly FixBodyWriter _body = new(256);
    private readonly Lock _sendLock = new();
    private LoadWindow _window = new(long.MaxValue, long.MaxValue);
    private readonly double _nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private long _nextOrder;
    private long _measuredSent;
    private long _measuredAcks;
    private long _acksInWindow;
    private long _rejected;
    private long _sessionRejects;
    private long _businessRejects;
    private long _massCancels;
    private string? _firstRejectText;

    /// <summary>A session of <paramref name="flow"/>'s orders over <paramref name="client"/>, which it takes over.</summary>
    public LoadSession(FixClient client, OrderFlow flow, PendingOrders pending, bool closedLoop)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(pending);
        Client = client;
        _flow = flow;
        _pending = pending;
        _closedLoop = closedLoop;
        client.MessageReceived = OnMessage;
    }

    /// <summary>The session's connection.</summary>
    public FixClient Client { get; }

    /// <summary>Order → first execution report, in nanoseconds, for orders sent in the measured window.</summary>
    public LatencyHistogram LatencyNs { get; } = new(HighestLatencyNs);

    /// <summary>The orders awaiting their first report.</summary>
    public PendingOrders Pending => _pending;

    /// <summary>Orders sent, warm-up included.</summary>
    public long OrdersSent => Volatile.Read(ref _nextOrder);

    /// <summary>Orders sent (or, open loop, scheduled) in the measured window.</summary>
    public long MeasuredSent => Volatile.Read(ref _measuredSent);

    /// <summary>Orders of the measured window that got a report.</summary>
    public long MeasuredAcks => _measuredAcks;

    /// <summary>First reports that arrived inside the measured window.</summary>
    public long AcksInWindow => _acksInWindow;

    /// <summary>First reports that were rejections (150=8).</summary>
    public long Rejected => _rejected;

    /// <summary>Session-level Rejects (35=3).</summary>
    public long SessionRejects => _sessionRejects;

    /// <summary>BusinessMessageRejects (35=j).</summary>
    public long BusinessRejects => _businessRejects;

    /// <summary>Mass cancels sent.</summary>
    public long MassCancels => Volatile.Read(ref _massCancels);

    /// <summary>The text of the first rejection this session saw.</summary>
    public string? FirstRejectText => _firstRejectText;

    /// <summary>Sets the measured window; call before the first order.</summary>
    public void Begin(LoadWindow window) => _window = window;

    /// <summary>
    /// Open loop: writes the session's next order (and a mass cancel when one is due) without flushing, due at
    /// <paramref name="dueTimestamp"/>, which is what its latency counts from. One thread calls this.
    /// </summary>
    public void WriteScheduledOrder(long dueTimestamp, long unixTimeNs)
    {
        var k = _nextOrder;
        WriteOrder(k, dueTimestamp, unixTimeNs);
        Volatile.Write(ref _nextOrder, k + 1);
    }

    /// <summary>Closed loop: sends <paramref name="count"/> orders now (the initial window) in one flush.</summary>
    public void SendOrders(int count)
    {
        lock (_sendLock)
        {
            var unixTimeNs = UnixTimeNs();
            for (var i = 0; i < count; i++)
            {
                var k = _nextOrder;
                WriteOrder(k, Stopwatch.GetTimestamp(), unixTimeNs);
                Volatile.Write(ref _nextOrder, k + 1);
            }
        }

        Client.Flush();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private void WriteOrder(long k, long timestamp, long unixTimeNs)
    {
        if (timestamp >= _window.MeasureStart)
        {
            Volatile.Write(ref _measuredSent, _measuredSent + 1);
        }

        // Pending before sending, or a fast report could find nothing to complete.
        _pending.Add(k, timestamp);
        _flow.WriteOrder(_body, k, unixTimeNs);
        Client.Write("D"u8, _body);
        if (_flow.CancelDueAfter(k))
        {
            _flow.WriteMassCancel(_body, k, unixTimeNs);
            Client.Write("q"u8, _body);
            Volatile.Write(ref _massCancels, _massCancels + 1);
        }
    }

    /// <summary>On the receive loop: the first report of an order completes it; in closed loop, the next order goes.</summary>
    private void OnMessage(FixMessage message)
    {
        var type = message.MsgType;
        if (type.Length != 1)
        {
            return;
        }

        switch (type[0])
        {
            case (byte)'8':
                OnExecutionReport(message);
                break;
            case (byte)'3':
                _sessionRejects++;
                RememberReject(message);
                break;
            case (byte)'j':
                _businessRejects++;
                RememberReject(message);
                break;
        }
    }

    private void OnExecutionReport(FixMessage message)
    {
        if (!message.TryGet(FixTags.ClOrdID, out var clOrdId) || !_flow.TryParseOrderNumber(clOrdId, out var k)
            || !_pending.TryComplete(k, out var sentTimestamp))
        {
            // A later report of an order already acknowledged (a fill, a cancel) or not ours.
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (message.TryGetChar(FixTags.ExecType, out var execType) && execType == (byte)'8')
        {
            _rejected++;
            RememberReject(message);
        }

        if (sentTimestamp >= _window.MeasureStart)
        {
            LatencyNs.Record((long)((now - sentTimestamp) * _nanosecondsPerTick));
            _measuredAcks++;
        }

        if (now >= _window.MeasureStart && now < _window.End)
        {
            _acksInWindow++;
        }

        if (_closedLoop && now < _window.End)
        {
            // Written, not sent: the client flushes when it has handled the whole read.
            lock (_sendLock)
            {
                var next = _nextOrder;
                WriteOrder(next, now, UnixTimeNs());
                Volatile.Write(ref _nextOrder, next + 1);
            }
        }
    }

    private void RememberReject(FixMessage message)
    {
        if (_firstRejectText is null)
        {
            _firstRejectText = message.TryGet(FixTags.Text, out var text)
                ? $"35={Encoding.ASCII.GetString(message.MsgType)}: {Encoding.ASCII.GetString(text)}"
                : $"35={Encoding.ASCII.GetString(message.MsgType)} without Text";
        }
    }

    internal static long UnixTimeNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
