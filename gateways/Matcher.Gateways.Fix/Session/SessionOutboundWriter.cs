using Matcher.Gateways.Fix.Codec;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// The one writer of a session's store and of its connection's output: a loop that takes everything staged
/// since its last turn, appends it to the store, fsyncs once (group commit), and only then hands the
/// messages, and the answers to ResendRequests, to the connection in staging order.
/// </summary>
internal sealed class SessionOutboundWriter
{
    /// <summary>A resend hands the socket this much at a time, waiting for room between chunks.</summary>
    private const int ResendChunkBytes = 64 << 10;

    private readonly FixSession _session;
    private readonly FixMessageStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AsyncAutoResetSignal _signal = new();
    private readonly FixMessage _stored = new();
    private readonly byte[] _scratch = new byte[1024];
    private OutboundQueue _draining = new();
    private byte[] _readBuffer = new byte[4096];
    private byte[] _encodeBuffer = new byte[4096];
    private Task _loop = Task.CompletedTask;
    private volatile bool _stopRequested;

    public SessionOutboundWriter(FixSession session, FixMessageStore store, TimeProvider time, ILogger logger)
    {
        _session = session;
        _store = store;
        _time = time;
        _logger = logger;
    }

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Wakes the loop: something was staged.</summary>
    public void Signal() => _signal.Set();

    /// <summary>Writes what is staged, ends the loop, and closes the store.</summary>
    public Task StopAsync()
    {
        _stopRequested = true;
        _signal.Set();
        return _loop;
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync().ConfigureAwait(false);
                try
                {
                    await DrainAsync().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The loop must survive a failed batch: it logs, drops the connection and goes on.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    // The store could not be written (disk full, I/O error): nothing of the batch was sent, and
                    // sending later messages would leave a gap the client could never fill. Drop the client.
                    FixLog.StoreFailed(_logger, exception, _session.Settings.SessionId);
                    _session.BoundConnection?.Abort("message store failure");
                }

                if (_stopRequested && _session.IsStagingEmpty)
                {
                    break;
                }
            }
        }
        finally
        {
            _store.Dispose();
        }
    }

    private async ValueTask DrainAsync()
    {
        _session.SwapStaging(ref _draining);
        var connection = _session.BoundConnection;

        // Pass 1: everything into the store, one fsync.
        var position = 0;
        while (_draining.TryRead(ref position, out var entry, out var payload))
        {
            switch (entry.Kind)
            {
                case OutboundEntryKind.Message:
                    _store.AppendMessage(entry.Sequence, payload);
                    break;
                case OutboundEntryKind.NextTargetSeqNum:
                    _store.AppendNextTargetSeqNum(entry.Sequence);
                    break;
                case OutboundEntryKind.Reset:
                    _store.Reset();
                    break;
            }
        }

        _store.Commit();
        if (connection is null || connection.IsClosed)
        {
            return;
        }

        // Pass 2: to the connection, in staging order, what was meant for it.
        var wrote = false;
        var close = false;
        position = 0;
        while (_draining.TryRead(ref position, out var entry, out var payload))
        {
            if (entry.ConnectionId != connection.Id)
            {
                continue;
            }

            switch (entry.Kind)
            {
                case OutboundEntryKind.Message:
                    connection.Write(payload);
                    wrote = true;
                    break;
                case OutboundEntryKind.Resend:
                    if (wrote && !await connection.FlushAsync(waitForRoom: false).ConfigureAwait(false))
                    {
                        return;
                    }

                    wrote = false;
                    if (!await ResendAsync(connection, entry.Sequence, entry.EndSequence).ConfigureAwait(false))
                    {
                        return;
                    }

                    break;
                case OutboundEntryKind.Close:
                    close = true;
                    break;
            }

            if (close)
            {
                // Nothing goes after our last words (a Logout), not even what was staged behind them.
                break;
            }
        }

        if (wrote && !await connection.FlushAsync(waitForRoom: false).ConfigureAwait(false))
        {
            return;
        }

        if (close)
        {
            connection.CompleteOutput();
        }
    }

    /// <summary>
    /// Answers a ResendRequest from the store: application messages again with PossDupFlag=Y and
    /// OrigSendingTime; admin messages, and anything missing, as SequenceReset-GapFill, one per run.
    /// </summary>
    private async ValueTask<bool> ResendAsync(IFixConnection connection, long begin, long end)
    {
        var sendingTimeNs = FixSession.UnixTimeNs(_time);
        var unflushed = 0;
        long gapStart = 0;
        for (var sequence = begin; sequence <= end; sequence++)
        {
            if (!TryLoadApplicationMessage(sequence))
            {
                if (gapStart == 0)
                {
                    gapStart = sequence;
                }

                continue;
            }

            if (gapStart != 0)
            {
                unflushed += WriteGapFill(connection, gapStart, sequence, sendingTimeNs);
                gapStart = 0;
            }

            unflushed += WritePossDup(connection, sendingTimeNs);
            if (unflushed >= ResendChunkBytes)
            {
                unflushed = 0;
                if (!await connection.FlushAsync(waitForRoom: true).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }

        if (gapStart != 0)
        {
            WriteGapFill(connection, gapStart, end + 1, sendingTimeNs);
        }

        return await connection.FlushAsync(waitForRoom: true).ConfigureAwait(false);
    }

    /// <summary>Loads stored message <paramref name="sequence"/> into <see cref="_stored"/>; false when it is missing or admin.</summary>
    private bool TryLoadApplicationMessage(long sequence)
    {
        if (!_store.TryRead(sequence, ref _readBuffer, out var length))
        {
            FixLog.ResendMissing(_logger, _session.Settings.SessionId, sequence);
            return false;
        }

        return FixParser.TryParse(_readBuffer.AsMemory(0, length), _stored, out _) == FixParseStatus.Complete
            && !SessionMessageTypes.IsAdmin(_stored.MsgType);
    }

    private int WriteGapFill(IFixConnection connection, long gapStart, long newSeqNo, long sendingTimeNs)
    {
        var body = _scratch.AsSpan();
        var bodyLength = WriteGapFillBody(body, newSeqNo);
        Span<byte> time = stackalloc byte[FixTimestamp.Length];
        FixTimestamp.Write(time, sendingTimeNs);
        var length = FixEncoder.GetLength(1, _session.SenderCompIdBytes.Length, _session.TargetCompIdBytes.Length, gapStart, time.Length, bodyLength);
        EnsureEncodeBuffer(length);
        length = FixEncoder.Encode(_encodeBuffer, "4"u8, _session.SenderCompIdBytes, _session.TargetCompIdBytes,
            gapStart, sendingTimeNs, body[..bodyLength], time);
        connection.Write(_encodeBuffer.AsSpan(0, length));
        return length;
    }

    private static int WriteGapFillBody(Span<byte> body, long newSeqNo)
    {
        "123=Y\u000136="u8.CopyTo(body);
        var position = 9;
        System.Buffers.Text.Utf8Formatter.TryFormat(newSeqNo, body[position..], out var written);
        position += written;
        body[position++] = 1;
        return position;
    }

    private int WritePossDup(IFixConnection connection, long sendingTimeNs)
    {
        var message = _stored;
        var sendingTimeIndex = message.IndexOf(FixTags.SendingTime);
        message.TryGetLong(FixTags.MsgSeqNum, out var sequence);
        var bodyStart = message.FieldStart(sendingTimeIndex + 1);
        var body = message.Raw[bodyStart..message.FieldStart(message.FieldCount - 1)];
        var original = message.ValueAt(sendingTimeIndex);
        var length = FixEncoder.GetLength(message.MsgType.Length, _session.SenderCompIdBytes.Length, _session.TargetCompIdBytes.Length,
            sequence, original.Length, body.Length);
        EnsureEncodeBuffer(length);
        length = FixEncoder.Encode(_encodeBuffer, message.MsgType, _session.SenderCompIdBytes, _session.TargetCompIdBytes,
            sequence, sendingTimeNs, body, original);
        connection.Write(_encodeBuffer.AsSpan(0, length));
        return length;
    }

    private void EnsureEncodeBuffer(int length)
    {
        if (_encodeBuffer.Length < length)
        {
            _encodeBuffer = new byte[Math.Max(length, _encodeBuffer.Length * 2)];
        }
    }
}
