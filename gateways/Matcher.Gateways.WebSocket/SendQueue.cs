using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Matcher.Protocol;

namespace Matcher.Gateways.WebSocket;

/// <summary>What became of a message offered to a <see cref="SendQueue"/>.</summary>
internal enum EnqueueResult
{
    /// <summary>Queued.</summary>
    Queued,

    /// <summary>Market data dropped: the queue is more than half full. The client sees a sequence gap.</summary>
    Dropped,

    /// <summary>A private message did not fit: the connection must close as a slow consumer.</summary>
    Overflow,

    /// <summary>The queue is closed; nothing more is sent.</summary>
    Closed,
}

/// <summary>
/// A connection's bounded send queue: producers (the outbound-ring consumer, the market-data
/// hub, the connection's own receive loop) encode messages straight into it under a lock;
/// one writer takes everything queued in one swap and sends it. Producers never wait for the
/// socket, and queuing allocates nothing once the buffers have grown.
/// </summary>
/// <remarks>
/// Messages are self-delimiting (each starts with its length), so a batch is a plain byte
/// buffer. <see cref="QueuedBytes"/> counts what is queued and what the writer has taken but
/// not yet sent, so a client that stops reading fills the queue even while a send is stuck.
/// </remarks>
internal sealed class SendQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly int _maxBytes;
    private readonly SemaphoreSlim _signal = new(0);
    private byte[] _pending = new byte[4096];
    private int _pendingLength;
    private int _inFlight;
    private bool _closed;
    private bool _waiting;
    private long _dropped;
    private ushort _schemaVersion = Codec.MinSchemaVersion;

    public SendQueue(int maxBytes) => _maxBytes = maxBytes;

    /// <summary>
    /// The schema version messages are written in: 1 until the client logs in, then the version of its
    /// Login (docs/WEBSOCKET.md, "Versioning"). Version 1 before a Login, which every client reads.
    /// </summary>
    public ushort SchemaVersion
    {
        get => Volatile.Read(ref _schemaVersion);
        set
        {
            lock (_lock)
            {
                _schemaVersion = value;
            }
        }
    }

    /// <summary>Queued and in-flight bytes.</summary>
    public int QueuedBytes
    {
        get
        {
            lock (_lock)
            {
                return _pendingLength + _inFlight;
            }
        }
    }

    /// <summary>Market-data messages dropped because the queue was more than half full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Encodes and queues a fixed message; <paramref name="droppable"/> for market data.</summary>
    public EnqueueResult Enqueue<T>(ref T message, bool droppable)
        where T : unmanaged, IFixedMessage
    {
        lock (_lock)
        {
            var result = Reserve(Codec.FixedLength<T>(_schemaVersion), droppable);
            if (result == EnqueueResult.Queued)
            {
                _pendingLength += Codec.Write(ref message, _pending.AsSpan(_pendingLength), _schemaVersion);
                Signal();
            }

            return result;
        }
    }

    /// <summary>Queues an already encoded message (snapshots, instrument lists), never dropped.</summary>
    public EnqueueResult Enqueue(ReadOnlySpan<byte> encoded)
    {
        lock (_lock)
        {
            var result = Reserve(encoded.Length, droppable: false);
            if (result == EnqueueResult.Queued)
            {
                encoded.CopyTo(_pending.AsSpan(_pendingLength));
                _pendingLength += encoded.Length;
                Signal();
            }

            return result;
        }
    }

    /// <summary>
    /// Waits until something is queued (or the queue is closed), then swaps it out into
    /// <paramref name="batch"/> (which it may replace with a larger buffer); returns the batch's
    /// length, 0 when closed and empty. Call <see cref="Sent"/> after sending it.
    /// </summary>
    public async ValueTask<int> TakeAsync(StrongBox<byte[]> batch, CancellationToken cancel)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_pendingLength > 0)
                {
                    var taken = _pending;
                    var length = _pendingLength;
                    _pending = batch.Value!.Length >= taken.Length ? batch.Value : new byte[taken.Length];
                    batch.Value = taken;
                    _inFlight = length;
                    _pendingLength = 0;
                    return length;
                }

                if (_closed)
                {
                    return 0;
                }

                _waiting = true;
            }

            await _signal.WaitAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The batch taken last was sent.</summary>
    public void Sent()
    {
        lock (_lock)
        {
            _inFlight = 0;
        }
    }

    /// <summary>Refuses everything from now on; what is queued may still be taken.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            Signal();
        }
    }

    /// <summary>
    /// Queues a last message even past the limit (a Goodbye), after what is queued or
    /// instead of it, and closes the queue; nothing when already closed.
    /// </summary>
    public void EnqueueFinal<T>(ref T message, bool discardQueued)
        where T : unmanaged, IFixedMessage
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            if (discardQueued)
            {
                _pendingLength = 0;
            }

            Grow(T.FixedLength);
            _pendingLength += Codec.Write(ref message, _pending.AsSpan(_pendingLength), _schemaVersion);
            _closed = true;
            Signal();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _signal.Dispose();

    /// <summary>The length of the message that starts <paramref name="batch"/> (taken batches hold whole messages).</summary>
    public static int NextMessageLength(ReadOnlySpan<byte> batch) => (int)BinaryPrimitives.ReadUInt32LittleEndian(batch);

    /// <summary>
    /// How many bytes from the start of <paramref name="batch"/> go in the next WebSocket message:
    /// whole messages up to <paramref name="maxBytes"/>, and always at least one (a larger message goes alone).
    /// </summary>
    public static int NextFrameLength(ReadOnlySpan<byte> batch, int maxBytes)
    {
        var length = NextMessageLength(batch);
        while (length < batch.Length)
        {
            var next = NextMessageLength(batch[length..]);
            if (length + next > maxBytes)
            {
                break;
            }

            length += next;
        }

        return length;
    }

    private EnqueueResult Reserve(int length, bool droppable)
    {
        if (_closed)
        {
            return EnqueueResult.Closed;
        }

        var queued = _pendingLength + _inFlight;
        if (droppable && queued + length > _maxBytes / 2)
        {
            Interlocked.Increment(ref _dropped);
            return EnqueueResult.Dropped;
        }

        if (queued + length > _maxBytes)
        {
            return EnqueueResult.Overflow;
        }

        Grow(length);
        return EnqueueResult.Queued;
    }

    private void Grow(int length)
    {
        if (_pendingLength + length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + length));
        }
    }

    /// <summary>Wakes the writer if it waits. A stale release only costs the writer one extra look.</summary>
    private void Signal()
    {
        if (_waiting)
        {
            _waiting = false;
            _signal.Release();
        }
    }
}
