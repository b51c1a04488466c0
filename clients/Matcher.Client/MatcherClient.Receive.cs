using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>The receive side: one loop, one buffer, one handler call per protocol message (several may share a WebSocket message).</summary>
public sealed partial class MatcherClient
{
    private byte[] _receiveBuffer;
    private long _messagesReceived;
    private long _unknownMessages;
    private Goodbye? _goodbye;

    private async Task ReceiveLoopAsync(ClientWebSocket socket)
    {
        Exception? error = null;
        WebSocketCloseStatus? closeStatus = null;
        string? closeDescription = null;
        try
        {
            var buffer = _receiveBuffer;
            while (true)
            {
                var count = 0;
                var closed = false;
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        buffer = _receiveBuffer = GrowReceiveBuffer(buffer, count);
                    }

                    var result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        closed = true;
                        break;
                    }

                    if (result.MessageType != WebSocketMessageType.Binary)
                    {
                        throw new MatcherClientException("the server sent a text message; the protocol is binary only");
                    }

                    count += result.Count;
                    if (result.EndOfMessage)
                    {
                        break;
                    }
                }

                if (closed)
                {
                    closeStatus = socket.CloseStatus;
                    closeDescription = socket.CloseStatusDescription;
                    // The server closed first: answer its close after what is queued, completing the handshake.
                    await SendCloseAsync(socket, closeStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None)
                        .ConfigureAwait(false);
                    break;
                }

                Dispatch(buffer, count);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A network error, a malformed message, or a handler that threw: the connection ends either way.
            error = e;
        }
        finally
        {
            EndConnection(socket, error, closeStatus, closeDescription);
        }
    }

    private void EndConnection(ClientWebSocket socket, Exception? error, WebSocketCloseStatus? closeStatus, string? closeDescription)
    {
        lock (_sendLock)
        {
            _sendClosed = true;
            _filled = 0;
            error ??= _sendError;
        }

        if (socket.State != WebSocketState.Closed)
        {
            socket.Abort();
        }

        // An abort this client asked for is how it closes, not an error.
        if (_closeRequested && error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            error = null;
        }

        var closed = new ConnectionClosed
        {
            Goodbye = _goodbye,
            CloseStatus = closeStatus,
            CloseDescription = string.IsNullOrEmpty(closeDescription) ? null : closeDescription,
            Error = error,
            ClosedByClient = _closeRequested,
        };
        FailPending(new MatcherClientException($"the connection is closed: {closed}"));
        foreach (var book in _books.Values)
        {
            book.MarkStale();
        }

        try
        {
            _handler.OnClosed(closed);
        }
        finally
        {
            _completion.TrySetResult(closed);
        }
    }

    private byte[] GrowReceiveBuffer(byte[] buffer, int count)
    {
        if (buffer.Length >= _options.MaxReceiveMessageBytes)
        {
            throw new MatcherClientException(string.Create(CultureInfo.InvariantCulture,
                $"the server sent a message longer than {_options.MaxReceiveMessageBytes} bytes"));
        }

        var grown = new byte[(int)Math.Min((long)buffer.Length * 2, _options.MaxReceiveMessageBytes)];
        buffer.AsSpan(0, count).CopyTo(grown);
        return grown;
    }

    /// <summary>
    /// Walks the protocol messages of one received WebSocket message by their length fields (the server
    /// puts several back to back) and dispatches each. A length that does not fit (under 8 bytes, or past
    /// the end) makes the rest one message, which <see cref="DispatchMessage"/> refuses.
    /// </summary>
    internal void Dispatch(byte[] buffer, int count)
    {
        var frame = new ReadOnlySpan<byte>(buffer, 0, count);
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

            DispatchMessage(frame[..length]);
            frame = frame[length..];
        }
        while (!frame.IsEmpty);
    }

    /// <summary>Decodes one whole message and hands it to the books, the awaited requests and the handler.</summary>
    private void DispatchMessage(ReadOnlySpan<byte> frame)
    {
        var status = Codec.TryReadHeader(frame, out var header);
        if (status != HeaderStatus.Ok)
        {
            throw new MatcherClientException(string.Create(CultureInfo.InvariantCulture,
                $"the server sent a message that is not valid ({status}): {frame.Length} bytes, header length {header.Length}, version {header.SchemaVersion}"));
        }

        Volatile.Write(ref _messagesReceived, _messagesReceived + 1);
        switch (header.TemplateId)
        {
            case TemplateId.ExecutionReport:
                {
                    Read(frame, out ExecutionReport message);
                    _handler.OnExecutionReport(in message);
                    break;
                }

            case TemplateId.BookUpdate:
                {
                    Read(frame, out BookUpdate message);
                    if (_books.TryGetValue(message.InstrumentId, out var book) && book.Apply(in message, out var gap) == BookApplyResult.Gap)
                    {
                        OnGap(book, gap);
                    }

                    _handler.OnBookUpdate(in message);
                    break;
                }

            case TemplateId.Trade:
                {
                    Read(frame, out Trade message);
                    if (_books.TryGetValue(message.InstrumentId, out var book) && book.Apply(in message, out var gap) == BookApplyResult.Gap)
                    {
                        OnGap(book, gap);
                    }

                    _handler.OnTrade(in message);
                    break;
                }

            case TemplateId.Bbo:
                {
                    Read(frame, out Bbo message);
                    if (_books.TryGetValue(message.InstrumentId, out var book))
                    {
                        book.Apply(in message);
                    }

                    _handler.OnBbo(in message);
                    break;
                }

            case TemplateId.QuoteAck:
                {
                    Read(frame, out QuoteAck message);
                    _handler.OnQuoteAck(in message);
                    break;
                }

            case TemplateId.MarketMakerProtection:
                {
                    Read(frame, out MarketMakerProtection message);
                    _handler.OnMarketMakerProtection(in message);
                    break;
                }

            case TemplateId.CancelReject:
                {
                    Read(frame, out CancelReject message);
                    _handler.OnCancelReject(in message);
                    break;
                }

            case TemplateId.MassCancelReport:
                {
                    Read(frame, out MassCancelReport message);
                    _handler.OnMassCancelReport(in message);
                    break;
                }

            case TemplateId.BalanceUpdate:
                {
                    Read(frame, out BalanceUpdate message);
                    _handler.OnBalanceUpdate(in message);
                    break;
                }

            case TemplateId.Reject:
                {
                    Read(frame, out Reject message);
                    OnRejectReceived(in message);
                    _handler.OnReject(in message);
                    break;
                }

            case TemplateId.Pong:
                {
                    Read(frame, out Pong message);
                    if (TakePending(message.RequestId) is { Template: TemplateId.Ping } ping)
                    {
                        ping.Completion?.TrySetResult(new PingResult(Stopwatch.GetElapsedTime(ping.StartTimestamp), message.ServerTimeNs));
                    }

                    _handler.OnPong(in message);
                    break;
                }

            case TemplateId.BookSnapshot:
                OnBookSnapshot(frame);
                break;

            case TemplateId.InstrumentList:
                OnInstrumentList(frame);
                break;

            case TemplateId.LoginAccepted:
                {
                    Read(frame, out LoginAccepted message);
                    _login?.TrySetResult(message);
                    _handler.OnLoginAccepted(in message);
                    break;
                }

            case TemplateId.Goodbye:
                {
                    Read(frame, out Goodbye message);
                    _goodbye = message;
                    _handler.OnGoodbye(in message);
                    break;
                }

            default:
                // A template of a newer server: ids are never reused, so skipping it is safe.
                Volatile.Write(ref _unknownMessages, _unknownMessages + 1);
                break;
        }
    }

    private static void Read<T>(ReadOnlySpan<byte> frame, out T message)
        where T : unmanaged, IFixedMessage
    {
        if (!Codec.TryRead(frame, out message))
        {
            throw new MatcherClientException(string.Create(CultureInfo.InvariantCulture,
                $"the server sent a {T.Template} of {frame.Length} bytes; it has at least {Codec.FixedLength<T>(BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]))}"));
        }
    }

    private void OnBookSnapshot(ReadOnlySpan<byte> frame)
    {
        if (!Codec.TryReadBookSnapshot(frame, out var message, out var bidGroup, out var askGroup))
        {
            throw new MatcherClientException(string.Create(CultureInfo.InvariantCulture,
                $"the server sent a BookSnapshot whose groups do not fit its {frame.Length} bytes"));
        }

        var bids = new GroupView<LevelEntry>(frame, bidGroup);
        var asks = new GroupView<LevelEntry>(frame, askGroup);
        var pending = TakePending(message.RequestId);
        OrderBook? book;
        if (pending is { Template: TemplateId.Subscribe })
        {
            book = _books.GetOrAdd(message.InstrumentId, static id => new OrderBook(id));
            book.Depth = pending.Depth;
        }
        else
        {
            // The answer to a subscription nobody waits for any more (timed out); keep the book if there is one.
            _books.TryGetValue(message.InstrumentId, out book);
        }

        book?.ApplySnapshot(in message, bids, asks);
        if (book is not null)
        {
            pending?.Completion?.TrySetResult(book);
        }

        _handler.OnBookSnapshot(in message, bids, asks);
    }

    private void OnInstrumentList(ReadOnlySpan<byte> frame)
    {
        if (!Codec.TryReadInstrumentList(frame, out var message, out var group))
        {
            throw new MatcherClientException(string.Create(CultureInfo.InvariantCulture,
                $"the server sent an InstrumentList whose group does not fit its {frame.Length} bytes"));
        }

        var instruments = new GroupView<InstrumentEntry>(frame, group);
        if (TakePending(message.RequestId) is { Template: TemplateId.InstrumentListRequest, Completion: { } completion })
        {
            var list = new InstrumentInfo[instruments.Count];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = new InstrumentInfo(instruments[i]);
            }

            completion.TrySetResult(list);
        }

        _handler.OnInstrumentList(in message, instruments);
    }

    private void OnRejectReceived(in Reject message)
    {
        if (message.RefTemplateId == TemplateId.Login)
        {
            _login?.TrySetException(new MatcherRejectException(in message));
            return;
        }

        if (TakePending(message.RequestId) is not { } pending)
        {
            return;
        }

        if (pending.Completion is not null)
        {
            pending.Completion.TrySetException(new MatcherRejectException(in message));
        }
        else if (pending.Template == TemplateId.Subscribe
                 && (RejectCode)message.Code is RejectCode.RateLimited or RejectCode.SystemBusy)
        {
            _ = RetryResubscribeAsync(pending.InstrumentId);
        }
    }

    /// <summary>A book's sequence broke: it is stale; subscribe again (a new snapshot rebuilds it), then tell the handler.</summary>
    private void OnGap(OrderBook book, in SequenceGap gap)
    {
        if (_options.ResubscribeOnGap)
        {
            Resubscribe(book);
        }

        _handler.OnBookStale(book, in gap);
    }

    private void Resubscribe(OrderBook book)
    {
        var requestId = AllocateRequestId();
        Register(requestId, new PendingRequest { Template = TemplateId.Subscribe, InstrumentId = book.InstrumentId, Depth = book.Depth });
        var message = new Subscribe
        {
            RequestId = requestId,
            InstrumentId = book.InstrumentId,
            Depth = (ushort)book.Depth,
            Channels = (byte)book.Channels,
        };
        try
        {
            Enqueue(ref message, hasRequestId: true);
        }
        catch (MatcherClientException)
        {
            // Closing: the book stays stale, and the connection's end says why.
            TakePending(requestId);
        }
    }

    private async Task RetryResubscribeAsync(int instrumentId)
    {
        await Task.Delay(_options.ResubscribeRetryDelay).ConfigureAwait(false);
        if (!_completion.Task.IsCompleted && _books.TryGetValue(instrumentId, out var book) && book.IsStale)
        {
            Resubscribe(book);
        }
    }
}
