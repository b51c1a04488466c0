using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Fix.Transport;

/// <summary>
/// One accepted socket. Three loops: receive (socket into the input pipe), process (parse, then the Logon
/// router or the bound session's protocol, plus timer ticks, one at a time), and send (the output pipe,
/// filled by the session's outbound writer, onto the socket). Nothing here blocks a session's senders.
/// </summary>
internal sealed class FixConnection : IFixConnection
{
    private readonly Socket _socket;
    private readonly FixAcceptor _acceptor;
    private readonly FixAcceptorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly Lock _outputLock = new();
    private readonly FixMessage _message = new();
    private readonly ITimer _timer;
    private readonly long _acceptedTimestamp;
    private FixSession? _session;
    private TimeSpan _timerPeriod;
    private int _aborted;
    private bool _outputCompleted;
    private int _logoutRequested;
    private TimeSpan _logoutTimeout;
    private string _closeReason = "peer closed the connection";

    public FixConnection(long id, Socket socket, FixAcceptor acceptor, FixAcceptorOptions options, TimeProvider time, ILogger logger)
    {
        Id = id;
        _socket = socket;
        _acceptor = acceptor;
        _options = options;
        _time = time;
        _logger = logger;
        Remote = RemoteOf(socket);
        // Input: the receive loop waits when the processing loop is this far behind.
        _input = new Pipe(new PipeOptions(pauseWriterThreshold: options.MaxMessageBytes * 4L, resumeWriterThreshold: options.MaxMessageBytes * 2L, useSynchronizationContext: false));
        // Output: a flush that cannot complete at once means the socket is MaxOutboundBufferBytes behind.
        _output = new Pipe(new PipeOptions(pauseWriterThreshold: options.MaxOutboundBufferBytes, resumeWriterThreshold: options.MaxOutboundBufferBytes / 2, useSynchronizationContext: false));
        _acceptedTimestamp = time.GetTimestamp();
        _timerPeriod = TimeSpan.FromMilliseconds(250);
        _timer = time.CreateTimer(static state => ((FixConnection)state!)._input.Reader.CancelPendingRead(), this, _timerPeriod, _timerPeriod);
    }

    public long Id { get; }

    public string Remote { get; }

    public bool IsClosed => Volatile.Read(ref _aborted) != 0 || Volatile.Read(ref _outputCompleted);

    private bool IsAborted => Volatile.Read(ref _aborted) != 0;

    /// <summary>Runs the connection until it closes; never throws.</summary>
    public async Task RunAsync()
    {
        FixLog.Accepted(_logger, Id, Remote);
        var receive = ReceiveLoopAsync();
        var send = SendLoopAsync();
        try
        {
            await ProcessLoopAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A connection's failure is logged and ends that connection only.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            if (!IsAborted)
            {
                FixLog.ConnectionFailed(_logger, exception, Id, Remote);
                _closeReason = "internal error";
            }
        }
        finally
        {
            Abort(_closeReason);
            await _timer.DisposeAsync().ConfigureAwait(false);
            try
            {
                _session?.Protocol.OnConnectionClosed(this);
            }
#pragma warning disable CA1031 // See above.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                FixLog.ConnectionFailed(_logger, exception, Id, Remote);
            }

            await _input.Reader.CompleteAsync().ConfigureAwait(false);
            await Task.WhenAll(receive, send).ConfigureAwait(false);
            _socket.Dispose();
        }
    }

    /// <summary>Asks the connection to log out (acceptor stopping): handled on the processing loop.</summary>
    public void RequestLogout(TimeSpan timeout)
    {
        _logoutTimeout = timeout;
        Volatile.Write(ref _logoutRequested, 1);
        _input.Reader.CancelPendingRead();
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_outputLock)
        {
            if (!_outputCompleted)
            {
                _output.Writer.Write(bytes);
            }
        }
    }

    public async ValueTask<bool> FlushAsync(bool waitForRoom)
    {
        ValueTask<FlushResult> flush;
        lock (_outputLock)
        {
            if (_outputCompleted)
            {
                return false;
            }

            flush = _output.Writer.FlushAsync();
        }

        if (!flush.IsCompleted && !waitForRoom)
        {
            Abort($"slow consumer: more than {_options.MaxOutboundBufferBytes} bytes unsent");
        }

        // After Abort the pending flush is cancelled, so this never waits on a dead socket.
        var result = await flush.ConfigureAwait(false);
        return !result.IsCompleted && !result.IsCanceled && !IsAborted;
    }

    public void CompleteOutput()
    {
        lock (_outputLock)
        {
            if (!_outputCompleted)
            {
                Volatile.Write(ref _outputCompleted, true);
                _output.Writer.Complete();
            }
        }
    }

    public void Abort(string reason)
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        _closeReason = reason;
        FixLog.Closed(_logger, Id, Remote, reason);
        _output.Writer.CancelPendingFlush();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already disconnected.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        _socket.Close();
        _input.Reader.CancelPendingRead();
        CompleteOutput();
    }

    private async Task ProcessLoopAsync()
    {
        var reader = _input.Reader;
        while (!IsAborted)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var end = buffer.End;
            Process(ref buffer);
            reader.AdvanceTo(buffer.Start, end);
            _session?.Protocol.OnBatchEnd();
            OnTick();
            if (result.IsCompleted)
            {
                break;
            }
        }
    }

    /// <summary>Parses and dispatches every whole message in <paramref name="buffer"/>, which moves past them.</summary>
    private void Process(ref ReadOnlySequence<byte> buffer)
    {
        while (!IsAborted && !buffer.IsEmpty)
        {
            var status = FixParser.TryParse(buffer, _message, out var consumed);
            if (status == FixParseStatus.NeedMoreData)
            {
                if (buffer.Length > _options.MaxMessageBytes)
                {
                    Abort($"message larger than {_options.MaxMessageBytes} bytes");
                }

                return;
            }

            if (status == FixParseStatus.Garbled)
            {
                var skipped = buffer.Slice(0, consumed).Length;
                if (_session is null)
                {
                    FixLog.GarbledBeforeLogon(_logger, Remote, skipped);
                }
                else
                {
                    _session.Protocol.OnGarbled(skipped);
                }
            }
            else if (_message.Raw.Length > _options.MaxMessageBytes)
            {
                Abort($"message larger than {_options.MaxMessageBytes} bytes");
                return;
            }
            else if (_session is null)
            {
                OnFirstMessage(_message);
            }
            else
            {
                _session.Protocol.OnMessage(_message);
            }

            buffer = buffer.Slice(consumed);
        }
    }

    /// <summary>The first message must be a Logon for a configured, free session; anything else disconnects without a word.</summary>
    private void OnFirstMessage(FixMessage message)
    {
        if (!message.MsgType.SequenceEqual("A"u8))
        {
            FixLog.FirstMessageNotLogon(_logger, Remote, Printable(message.MsgType));
            Abort("first message not Logon");
            return;
        }

        message.TryGet(FixTags.SenderCompID, out var theirs);
        message.TryGet(FixTags.TargetCompID, out var ours);
        var session = _acceptor.FindSession(ours, theirs);
        if (session is null)
        {
            FixLog.UnknownCompIds(_logger, Remote, Printable(theirs), Printable(ours));
            Abort("unknown CompIDs");
            return;
        }

        if (!session.TryBind(this))
        {
            FixLog.SessionBusy(_logger, Remote, session.Settings.SessionId);
            Abort("session already connected");
            return;
        }

        _session = session;
        session.Protocol.TryLogon(this, message);
    }

    /// <summary>Timers: logon timeout, the protocol's heartbeats and timeouts, a requested logout.</summary>
    private void OnTick()
    {
        if (IsAborted)
        {
            return;
        }

        if (Interlocked.Exchange(ref _logoutRequested, 0) != 0)
        {
            if (_session is null)
            {
                Abort("acceptor stopping");
                return;
            }

            _session.Protocol.InitiateLogout("Acceptor stopping", _logoutTimeout);
        }

        if (_session is null)
        {
            if (_time.GetElapsedTime(_acceptedTimestamp) > _options.LogonTimeout)
            {
                Abort("no Logon in time");
            }

            return;
        }

        _session.Protocol.OnTimer();
        var period = _session.Protocol.TimerPeriod;
        if (period != _timerPeriod)
        {
            _timerPeriod = period;
            _timer.Change(period, period);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var writer = _input.Writer;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(8192);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }

                writer.Advance(received);
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
#pragma warning disable CA1031 // Whatever ends the receive loop ends the connection, not the process.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            if (!IsAborted)
            {
                _closeReason = $"receive failed: {exception.Message}";
            }
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        try
        {
            await PipeToSocket.PumpAsync(reader, _socket).ConfigureAwait(false);

            if (!IsAborted)
            {
                // Graceful close: our last bytes, then FIN; the processing loop ends when the peer closes too.
                _socket.Shutdown(SocketShutdown.Send);
            }
        }
#pragma warning disable CA1031 // Whatever ends the send loop ends the connection, not the process.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Abort($"send failed: {exception.Message}");
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static string RemoteOf(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint?.ToString() ?? "?";
        }
        catch (SocketException)
        {
            return "?"; // reset before we looked
        }
    }

    private static string Printable(ReadOnlySpan<byte> value) => FixLogFormat.Masked(value.Length > 64 ? value[..64] : value);
}
