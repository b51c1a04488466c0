using System.Buffers.Binary;
using System.Globalization;
using System.Net.WebSockets;
using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>The send side: one lock, two buffers, and whoever finds no send in progress sends.</summary>
public sealed partial class MatcherClient
{
    private const int InitialSendBufferBytes = 16 * 1024;

    private readonly Lock _sendLock = new();

    /// <summary>Where senders encode (under <see cref="_sendLock"/>).</summary>
    private byte[] _filling;

    /// <summary>What the writer is sending; swapped with <see cref="_filling"/> under the lock when it is done.</summary>
    private byte[] _draining;

    private int _filled;

    /// <summary>True while some thread (or continuation) is sending; only it touches the socket's send side.</summary>
    private bool _writerActive;

    /// <summary>True before the connection and from the start of its close: sends are refused.</summary>
    private bool _sendClosed = true;

    /// <summary>Completed when the writer goes idle after <see cref="_sendClosed"/> was set.</summary>
    private TaskCompletionSource? _drained;

    private Exception? _sendError;
    private long _messagesSent;

    /// <summary>
    /// Encodes <paramref name="message"/> into the send buffer and, unless another thread is sending, sends
    /// everything queued. With <paramref name="hasRequestId"/>, a request id of 0 (offset 8) is replaced by the
    /// next one.
    /// </summary>
    /// <returns>The message's request id (0 for a Login).</returns>
    private ulong Enqueue<T>(ref T message, bool hasRequestId)
        where T : unmanaged, IFixedMessage
    {
        ulong requestId = 0;
        lock (_sendLock)
        {
            if (_sendClosed)
            {
                ThrowSendClosed();
            }

            var length = T.FixedLength;
            if (_filled + length > _filling.Length)
            {
                GrowSendBuffer(length);
            }

            var destination = _filling.AsSpan(_filled, length);
            Codec.Write(ref message, destination);
            if (hasRequestId)
            {
                // Every client message but Login has its u64 requestId at offset 8.
                requestId = BinaryPrimitives.ReadUInt64LittleEndian(destination[8..]);
                if (requestId == 0)
                {
                    requestId = AllocateRequestId();
                    BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], requestId);
                }
            }

            _filled += length;
            if (_writerActive)
            {
                return requestId;
            }

            _writerActive = true;
        }

        Drain();
        return requestId;
    }

    /// <summary>
    /// The writer, on the caller's thread: takes the queued batch and sends its messages one WebSocket message
    /// each, until nothing is queued. A send that does not complete at once is handed to
    /// <see cref="ContinueDrainAsync"/> with the rest of the batch.
    /// </summary>
    private void Drain()
    {
        var socket = _socket!;
        try
        {
            while (TakeBatch(out var batch, out var length))
            {
                var offset = 0;
                while (offset < length)
                {
                    var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(batch.AsSpan(offset));
                    var sending = socket.SendAsync(batch.AsMemory(offset, size), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
                    offset += size;
                    Interlocked.Increment(ref _messagesSent);
                    if (!sending.IsCompleted)
                    {
                        _ = ContinueDrainAsync(socket, sending, batch, offset, length);
                        return;
                    }

                    sending.GetAwaiter().GetResult();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            SendFailed(socket, e);
        }
    }

    /// <summary>The writer when the socket is busy: waits for the pending send, then carries on as <see cref="Drain"/> does.</summary>
    private async Task ContinueDrainAsync(ClientWebSocket socket, ValueTask sending, byte[] batch, int offset, int length)
    {
        try
        {
            await sending.ConfigureAwait(false);
            do
            {
                while (offset < length)
                {
                    var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(batch.AsSpan(offset));
                    await socket.SendAsync(batch.AsMemory(offset, size), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None)
                        .ConfigureAwait(false);
                    offset += size;
                    Interlocked.Increment(ref _messagesSent);
                }

                offset = 0;
            }
            while (TakeBatch(out batch, out length));
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException or InvalidOperationException or OperationCanceledException)
        {
            SendFailed(socket, e);
        }
    }

    /// <summary>Swaps the buffers and returns what was queued; false (and the writer idle) when nothing was.</summary>
    private bool TakeBatch(out byte[] batch, out int length)
    {
        lock (_sendLock)
        {
            if (_filled == 0)
            {
                _writerActive = false;
                if (_sendClosed)
                {
                    _drained?.TrySetResult();
                }

                batch = [];
                length = 0;
                return false;
            }

            batch = _filling;
            length = _filled;
            _filling = _draining;
            _draining = batch;
            _filled = 0;
            return true;
        }
    }

    /// <summary>Refuses further sends; completes when what is queued has been handed to the socket.</summary>
    private Task StopSendingAsync()
    {
        lock (_sendLock)
        {
            _sendClosed = true;
            if (!_writerActive)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    private void SendFailed(ClientWebSocket socket, Exception error)
    {
        lock (_sendLock)
        {
            _sendError ??= error;
            _sendClosed = true;
            _filled = 0;
            _writerActive = false;
            _drained?.TrySetResult();
        }

        // The receive loop then ends, and reports the connection closed with this error.
        socket.Abort();
    }

    private void GrowSendBuffer(int length)
    {
        var needed = _filled + length;
        if (needed > _options.MaxQueuedSendBytes)
        {
            throw new MatcherClientException(string.Create(CultureInfo.InvariantCulture,
                $"the send queue is full ({_filled} bytes waiting, at most {_options.MaxQueuedSendBytes}): the connection does not keep up"));
        }

        var grown = new byte[Math.Min(Math.Max(needed, _filling.Length * 2), _options.MaxQueuedSendBytes)];
        _filling.AsSpan(0, _filled).CopyTo(grown);
        _filling = grown;
    }

    private void ThrowSendClosed()
    {
        if (_socket is null)
        {
            throw new InvalidOperationException("not connected: call ConnectAsync first");
        }

        throw Closed();
    }
}
