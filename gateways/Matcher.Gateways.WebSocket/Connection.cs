using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Matcher.Core.Pipeline;
using Matcher.Protocol;
using Matcher.Views.MarketData;
using Microsoft.Extensions.Logging;
using ViewSnapshot = Matcher.Views.MarketData.BookSnapshot;

namespace Matcher.Gateways.WebSocket;

/// <summary>
/// One WebSocket client: a receive loop that hands each protocol message to the gateway, a
/// writer that sends what the send queue holds (several messages per WebSocket message), and
/// the connection's state (login, rate limit, subscriptions). It is also the market-data hub's
/// subscriber for its subscriptions.
/// </summary>
internal sealed class Connection : IMarketDataSubscriber, IDisposable
{
    /// <summary>
    /// The most the writer puts in one WebSocket message (a single larger protocol message, a deep
    /// snapshot, goes alone). One WebSocket message per batch rather than per protocol message saves
    /// a frame and a socket write per message under load (bench/ws-load.sh; docs/PERFORMANCE.md,
    /// "With several messages per WebSocket message"); the cap bounds what a client buffers before
    /// it can read the first message, and matches the C# client's initial receive buffer.
    /// </summary>
    internal const int MaxFrameBytes = 64 * 1024;

    private readonly System.Net.WebSockets.WebSocket _socket;
    private readonly WebSocketGateway _gateway;
    private readonly WebSocketGatewayOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private int _closing;

    public Connection(int id, System.Net.WebSockets.WebSocket socket, WebSocketGateway gateway, WebSocketGatewayOptions options, TokenBucket rateLimit, ILogger logger)
    {
        Id = id;
        _socket = socket;
        _gateway = gateway;
        _options = options;
        _logger = logger;
        RateLimit = rateLimit;
        Queue = new SendQueue(options.MaxQueuedBytes);
    }

    /// <summary>The connection's session id in the origins of its commands.</summary>
    public int Id { get; }

    /// <summary>The account of the API key it logged in with; 0 before.</summary>
    public long AccountId { get; private set; }

    public bool IsLoggedIn => AccountId != 0;

    /// <summary>True once it sent an order-entry command: only then is there anything to cancel when it goes.</summary>
    public bool EnteredOrders { get; set; }

    public SendQueue Queue { get; }

    public TokenBucket RateLimit { get; }

    /// <summary>Its subscriptions by instrument; touched only by its receive loop (and at the end, after it).</summary>
    public Dictionary<int, MarketDataSubscription> Subscriptions { get; } = [];

    /// <summary>Why the connection closes, once decided.</summary>
    public RejectCode CloseReason { get; private set; }

    /// <summary>The schema version its messages are written in (that of its Login; 1 before).</summary>
    public ushort SchemaVersion => Queue.SchemaVersion;

    /// <summary>Logs it in: from now on it is written to in <paramref name="schemaVersion"/>, its Login's.</summary>
    public void LoggedIn(long accountId, ushort schemaVersion)
    {
        Queue.SchemaVersion = schemaVersion;
        AccountId = accountId;
    }

    /// <summary>Runs the connection until the client or the server closes it.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _abort.Token);
        var writer = Task.Run(() => WriteAsync(linked.Token), CancellationToken.None);
        try
        {
            await ReceiveAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            WebSocketLog.ReceiveEnded(_logger, Id, e.Message);
        }
        finally
        {
            // Let the writer flush what is queued (a Goodbye, say) for a moment, then cut the socket.
            Queue.Close();
            _abort.CancelAfter(_options.CloseTimeout);

            try
            {
                await writer.ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // The client did not take its last messages in time (or the socket broke): cut it.
                WebSocketLog.SendEnded(_logger, Id, e.Message);
                _socket.Abort();
            }
        }
    }

    /// <summary>Closes with a Goodbye: the reason goes out first (best effort), then the socket closes.</summary>
    public void Close(RejectCode reason, string text)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        CloseReason = reason;
        var goodbye = new Goodbye { Code = (ushort)reason, Text = Chars64.FromLossy(text) };

        // A slow consumer may never read what is queued: its Goodbye goes alone.
        Queue.EnqueueFinal(ref goodbye, discardQueued: reason == RejectCode.SlowConsumer);
        WebSocketLog.Closing(_logger, Id, reason, text);

        // A client that does not read would hold the writer (and the connection) forever.
        try
        {
            _abort.CancelAfter(_options.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The connection has already ended.
        }
    }

    /// <summary>Queues a private message (never dropped); an overflow closes the connection as a slow consumer.</summary>
    public void Send<T>(ref T message)
        where T : unmanaged, IFixedMessage
    {
        if (Queue.Enqueue(ref message, droppable: false) == EnqueueResult.Overflow)
        {
            Close(RejectCode.SlowConsumer, $"send queue over {_options.MaxQueuedBytes} bytes: slow consumer");
        }
    }

    /// <summary>Queues an encoded private message.</summary>
    public void Send(ReadOnlySpan<byte> encoded)
    {
        if (Queue.Enqueue(encoded) == EnqueueResult.Overflow)
        {
            Close(RejectCode.SlowConsumer, $"send queue over {_options.MaxQueuedBytes} bytes: slow consumer");
        }
    }

    /// <inheritdoc />
    public void OnSnapshot(MarketDataSubscription subscription, ViewSnapshot snapshot)
    {
        var header = new Protocol.BookSnapshot
        {
            RequestId = subscription.State is ulong requestId ? requestId : 0,
            BookSequence = snapshot.BookSequence,
            TradeSequence = snapshot.TradeSequence,
            InstrumentId = snapshot.InstrumentId,
            Channels = (byte)subscription.Channels,
        };
        var bids = Levels(snapshot.Bids);
        var asks = Levels(snapshot.Asks);
        var buffer = new byte[Codec.BookSnapshotLength(bids.Length, asks.Length)];
        Codec.WriteBookSnapshot(ref header, bids, asks, buffer, SchemaVersion);
        Send(buffer);
    }

    /// <inheritdoc />
    public void OnLevel(MarketDataSubscription subscription, in LevelUpdate update)
    {
        var message = new BookUpdate
        {
            BookSequence = update.BookSequence,
            PriceTicks = update.PriceTicks,
            Lots = update.Lots,
            InstrumentId = update.InstrumentId,
            OrderCount = update.OrderCount,
            Side = (byte)update.Side,
            Action = (byte)update.Action,
        };
        SendMarketData(ref message);
    }

    /// <inheritdoc />
    public void OnTrade(MarketDataSubscription subscription, in TradeUpdate trade)
    {
        var message = new Trade
        {
            TradeSequence = trade.TradeSequence,
            TradeId = trade.TradeId,
            PriceTicks = trade.PriceTicks,
            Lots = trade.Lots,
            TimestampNs = trade.TimestampNs,
            InstrumentId = trade.InstrumentId,
            AggressorSide = (byte)trade.AggressorSide,
        };
        SendMarketData(ref message);
    }

    /// <inheritdoc />
    public void OnBbo(MarketDataSubscription subscription, in BboUpdate bbo)
    {
        var message = new Bbo
        {
            BookSequence = bbo.BookSequence,
            BidPriceTicks = bbo.BidPriceTicks,
            BidLots = bbo.BidLots,
            AskPriceTicks = bbo.AskPriceTicks,
            AskLots = bbo.AskLots,
            InstrumentId = bbo.InstrumentId,
        };
        SendMarketData(ref message);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _abort.Dispose();
        Queue.Dispose();
    }

    /// <summary>Market data is dropped, not queued, when the client lags: it sees the gap and subscribes again.</summary>
    private void SendMarketData<T>(ref T message)
        where T : unmanaged, IFixedMessage
    {
        if (Queue.Enqueue(ref message, droppable: true) == EnqueueResult.Dropped)
        {
            _gateway.CountDroppedMarketData();
        }
    }

    private static LevelEntry[] Levels(IReadOnlyList<BookLevel> levels)
    {
        var entries = new LevelEntry[levels.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new LevelEntry { PriceTicks = levels[i].PriceTicks, Lots = levels[i].Lots, OrderCount = levels[i].OrderCount };
        }

        return entries;
    }

    private async Task ReceiveAsync(CancellationToken cancel)
    {
        // One byte more than the limit, to tell a message at the limit from a longer one.
        var buffer = new byte[_options.MaxMessageBytes + 1];
        while (_socket.State == WebSocketState.Open && Volatile.Read(ref _closing) == 0)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    Close(RejectCode.MessageTooLarge, $"messages are limited to {_options.MaxMessageBytes} bytes");
                    return;
                }

                result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            switch (result.MessageType)
            {
                case WebSocketMessageType.Close:
                    return;
                case WebSocketMessageType.Text:
                    Close(RejectCode.TextMessage, "only binary messages are accepted");
                    return;
                default:
                    if (length > _options.MaxMessageBytes)
                    {
                        Close(RejectCode.MessageTooLarge, $"messages are limited to {_options.MaxMessageBytes} bytes");
                        return;
                    }

                    Dispatch(buffer.AsSpan(0, length));
                    break;
            }
        }
    }

    /// <summary>
    /// Hands each protocol message of a received WebSocket message to the gateway, walking them
    /// by their length fields. A length that does not fit (under 8 bytes, or past the end) makes
    /// the rest one malformed message: the gateway refuses it, and nothing after it can be delimited.
    /// An empty WebSocket message is one malformed message too. A message that closes the
    /// connection (a refused Login) ends the walk.
    /// </summary>
    private void Dispatch(ReadOnlySpan<byte> frame)
    {
        do
        {
            var length = frame.Length;
            if (frame.Length >= Codec.HeaderLength)
            {
                var declared = BinaryPrimitives.ReadUInt32LittleEndian(frame);
                if (declared >= Codec.HeaderLength && declared <= (uint)frame.Length)
                {
                    length = (int)declared;
                }
            }

            _gateway.OnMessage(this, frame[..length]);
            frame = frame[length..];
        }
        while (!frame.IsEmpty && Volatile.Read(ref _closing) == 0);
    }

    /// <summary>
    /// Sends what the queue holds until the queue is closed and empty, several protocol messages
    /// per WebSocket message (up to <see cref="MaxFrameBytes"/>, never splitting one); then
    /// completes the close handshake from the server's side.
    /// </summary>
    private async Task WriteAsync(CancellationToken cancel)
    {
        var batch = new StrongBox<byte[]>(new byte[4096]);
        while (true)
        {
            var length = await Queue.TakeAsync(batch, cancel).ConfigureAwait(false);
            if (length == 0)
            {
                break;
            }

            var memory = batch.Value.AsMemory(0, length);
            while (!memory.IsEmpty)
            {
                var frameLength = SendQueue.NextFrameLength(memory.Span, MaxFrameBytes);
                await _socket.SendAsync(memory[..frameLength], WebSocketMessageType.Binary, endOfMessage: true, cancel).ConfigureAwait(false);
                memory = memory[frameLength..];
            }

            Queue.Sent();
        }

        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var status = CloseReason switch
            {
                RejectCode.None => WebSocketCloseStatus.NormalClosure,
                RejectCode.MessageTooLarge => WebSocketCloseStatus.MessageTooBig,
                RejectCode.TextMessage => WebSocketCloseStatus.InvalidMessageType,
                RejectCode.ServerStopping => WebSocketCloseStatus.EndpointUnavailable,
                _ => WebSocketCloseStatus.PolicyViolation,
            };
            await _socket.CloseOutputAsync(status, CloseReason == RejectCode.None ? null : CloseReason.ToString(), cancel).ConfigureAwait(false);
        }
    }
}
