using System.Diagnostics;
using Matcher.Cli.FixLoad;
using Matcher.Client;
using Matcher.Metrics;
using Matcher.Protocol;

namespace Matcher.Cli.WsLoad;

/// <summary>
/// One connection of a <c>matcher ws-load</c> run: its client (of which it is the handler), its orders, the orders
/// awaiting their first answer (by request id), and what its receive loop measured. The histogram and the
/// counters of answers are written only on the client's receive loop; read them after the connection ended.
/// </summary>
internal sealed class WsLoadSession : MatcherClientHandler, IAsyncDisposable
{
    /// <summary>The largest latency recorded exactly: a minute, in nanoseconds.</summary>
    internal const long HighestLatencyNs = 60_000_000_000;

    private readonly int _number;
    private readonly PendingOrders _pending;
    private readonly bool _closedLoop;
    private readonly Lock _sendLock = new();
    private readonly double _nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly Dictionary<ushort, long> _rejectsByCode = [];
    private WsOrderFlow? _flow;
    private LoadWindow _window = new(long.MaxValue, long.MaxValue);
    private long _nextOrder;
    private long _measuredSent;
    private long _measuredAnswered;
    private long _acks;
    private long _answersInWindow;
    private long _rejected;
    private long _cancelsSent;
    private long _cancelsDone;
    private long _cancelRejects;
    private long _unsent;
    private string? _firstRejectText;

    /// <summary>Connection <paramref name="number"/> (from 1), with a client not yet connected.</summary>
    public WsLoadSession(int number, PendingOrders pending, bool closedLoop, MatcherClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(pending);
        _number = number;
        _pending = pending;
        _closedLoop = closedLoop;
        Client = new MatcherClient(this, clientOptions);
    }

    /// <summary>The connection.</summary>
    public MatcherClient Client { get; }

    /// <summary>The connection number (from 1), part of every ClOrdId.</summary>
    public int Number => _number;

    /// <summary>Order → its first ExecutionReport, in nanoseconds, for orders due in the measured window.</summary>
    public LatencyHistogram LatencyNs { get; } = new(HighestLatencyNs);

    /// <summary>The orders awaiting their first answer, by request id.</summary>
    public PendingOrders Pending => _pending;

    /// <summary>Orders sent, warm-up included.</summary>
    public long OrdersSent => Volatile.Read(ref _nextOrder);

    /// <summary>Orders sent (or, open loop, scheduled) in the measured window.</summary>
    public long MeasuredSent => Volatile.Read(ref _measuredSent);

    /// <summary>Orders of the measured window that got an ExecutionReport (a rejection included).</summary>
    public long MeasuredAnswered => _measuredAnswered;

    /// <summary>Orders (warm-up included) whose first ExecutionReport was not a rejection.</summary>
    public long Acks => _acks;

    /// <summary>First answers that arrived inside the measured window.</summary>
    public long AnswersInWindow => _answersInWindow;

    /// <summary>Orders refused: an ExecutionReport with execType 8, or the gateway's Reject.</summary>
    public long Rejected => _rejected;

    /// <summary>Rejected orders by reject code.</summary>
    public IReadOnlyDictionary<ushort, long> RejectsByCode => _rejectsByCode;

    /// <summary>Cancels sent.</summary>
    public long CancelsSent => Volatile.Read(ref _cancelsSent);

    /// <summary>Cancel reports (execType 4) received.</summary>
    public long CancelsDone => _cancelsDone;

    /// <summary>Cancels refused (CancelReject, or a Reject of a request that is not a pending order).</summary>
    public long CancelRejects => _cancelRejects;

    /// <summary>Orders not sent because the connection had ended.</summary>
    public long Unsent => Volatile.Read(ref _unsent);

    /// <summary>The first rejection's text, to say why.</summary>
    public string? FirstRejectText => _firstRejectText;

    /// <summary>How the connection ended, once it has.</summary>
    public ConnectionClosed? Closed { get; private set; }

    /// <summary>Sets the orders and the measured window; call before the first order.</summary>
    public void Begin(WsOrderFlow flow, LoadWindow window)
    {
        _flow = flow;
        _window = window;
    }

    /// <summary>Open loop: sends the connection's next order (and a cancel when one is due), due at <paramref name="dueTimestamp"/>.</summary>
    public void SendScheduledOrder(long dueTimestamp)
    {
        lock (_sendLock)
        {
            SendNextOrder(dueTimestamp);
        }
    }

    /// <summary>Closed loop: sends <paramref name="count"/> orders now (the initial window).</summary>
    public void SendOrders(int count)
    {
        lock (_sendLock)
        {
            for (var i = 0; i < count; i++)
            {
                SendNextOrder(Stopwatch.GetTimestamp());
            }
        }
    }

    /// <inheritdoc />
    public override void OnExecutionReport(in ExecutionReport message)
    {
        if (!_pending.TryComplete((long)message.RequestId, out var due))
        {
            // A later report of an order (its cancel), or the answer to a cancel.
            if (message.ExecType == (byte)'4')
            {
                _cancelsDone++;
            }

            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (message.ExecType == (byte)'8')
        {
            Reject(message.RejectCode, "ExecutionReport 8");
        }
        else
        {
            _acks++;
        }

        if (due >= _window.MeasureStart)
        {
            LatencyNs.Record((long)((now - due) * _nanosecondsPerTick));
            _measuredAnswered++;
        }

        Answered(now);
    }

    /// <inheritdoc />
    public override void OnReject(in Reject message)
    {
        var copy = message;
        if (!_pending.TryComplete((long)message.RequestId, out var due))
        {
            _cancelRejects++;
            _firstRejectText ??= $"Reject {CodeNames.Of(message.Code)}: {copy.Text}";
            return;
        }

        Reject(message.Code, copy.Text.ToString());
        if (due >= _window.MeasureStart)
        {
            _measuredAnswered++;
        }

        Answered(Stopwatch.GetTimestamp());
    }

    /// <inheritdoc />
    public override void OnCancelReject(in CancelReject message)
    {
        _cancelRejects++;
        _firstRejectText ??= $"CancelReject {CodeNames.Of(message.RejectCode)}";
    }

    /// <inheritdoc />
    public override void OnClosed(ConnectionClosed closed) => Closed = closed;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private void Reject(ushort code, string text)
    {
        _rejected++;
        _rejectsByCode[code] = _rejectsByCode.GetValueOrDefault(code) + 1;
        _firstRejectText ??= $"{CodeNames.Of(code)}: {text}";
    }

    /// <summary>On the receive loop, after an order's first answer: in closed loop, the next order goes.</summary>
    private void Answered(long now)
    {
        if (now >= _window.MeasureStart && now < _window.End)
        {
            _answersInWindow++;
        }

        if (_closedLoop && now < _window.End)
        {
            lock (_sendLock)
            {
                SendNextOrder(now);
            }
        }
    }

    /// <summary>
    /// Sends order <c>k</c> (recorded as pending before it can be answered) and the cancel it brings; under
    /// <see cref="_sendLock"/>. An order due after the connection ended is counted as unsent instead.
    /// </summary>
    private void SendNextOrder(long dueTimestamp)
    {
        var flow = _flow!;
        var k = _nextOrder;
        if (dueTimestamp >= _window.MeasureStart)
        {
            Volatile.Write(ref _measuredSent, _measuredSent + 1);
        }

        if (!Client.IsConnected)
        {
            Volatile.Write(ref _unsent, _unsent + 1);
            return;
        }

        var requestId = Client.AllocateRequestId();
        _pending.Add((long)requestId, dueTimestamp);
        var order = new PlaceOrder
        {
            RequestId = requestId,
            PriceTicks = flow.PriceTicksOf(k),
            QuantityLots = flow.QuantityLots,
            InstrumentId = flow.InstrumentId,
            Side = WsOrderFlow.IsBuy(k) ? (byte)Side.Buy : (byte)Side.Sell,
            OrderType = (byte)OrderType.Limit,
            TimeInForce = (byte)TimeInForce.GoodTillCancel,
        };
        Span<char> clOrdId = stackalloc char[WsOrderFlow.MaxClOrdIdLength];
        AsciiField.Write(order.ClOrdId, clOrdId[..flow.FormatClOrdId(clOrdId, _number, k)]);
        try
        {
            Client.PlaceOrder(ref order);
            Volatile.Write(ref _nextOrder, k + 1);
            if (flow.CancelDueAfter(k, out var cancelled))
            {
                Client.CancelOrderByClOrdId(clOrdId[..flow.FormatClOrdId(clOrdId, _number, cancelled)]);
                Volatile.Write(ref _cancelsSent, _cancelsSent + 1);
            }
        }
        catch (MatcherClientException)
        {
            // The connection ended between the check and the send (its end is reported); the order stays pending, so missing.
            Volatile.Write(ref _nextOrder, k + 1);
        }
    }
}
