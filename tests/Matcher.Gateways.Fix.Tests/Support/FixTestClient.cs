using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Tests.Support;

/// <summary>
/// A scripted FIX initiator built on the codec: it sends exactly what a test says (any MsgSeqNum, PossDup,
/// SendingTime, raw bytes) and queues every message it receives.
/// </summary>
internal sealed class FixTestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly Channel<ReceivedMessage> _received = Channel.CreateUnbounded<ReceivedMessage>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FixBodyWriter _body = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Task _readLoop;
    private int _disposed;

    private FixTestClient(Socket socket, string senderCompId, string targetCompId)
    {
        _socket = socket;
        SenderCompId = senderCompId;
        TargetCompId = targetCompId;
        _readLoop = ReadLoopAsync();
    }

    /// <summary>Our CompID (the server's TargetCompID).</summary>
    public string SenderCompId { get; }

    public string TargetCompId { get; }

    /// <summary>The MsgSeqNum the next message gets unless a test gives one.</summary>
    public long NextSeqNum { get; set; } = 1;

    /// <summary>The MsgSeqNum expected from the server next (tracked from what was received).</summary>
    public long ExpectedServerSeqNum { get; private set; } = 1;

    public bool IsClosed => _closed.Task.IsCompleted;

    public static async Task<FixTestClient> ConnectAsync(IPEndPoint endPoint, string senderCompId, string targetCompId = "MATCHER")
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint).ConfigureAwait(false);
        return new FixTestClient(socket, senderCompId, targetCompId);
    }

    /// <summary>Encodes a message from this client; <paramref name="body"/> adds the body fields.</summary>
    public byte[] Build(string msgType, Action<FixBodyWriter>? body = null, long? seqNum = null, bool possDup = false,
        long? sendingTimeNs = null, string? senderCompId = null, string? origSendingTime = null)
    {
        _body.Clear();
        body?.Invoke(_body);
        var sequence = seqNum ?? NextSeqNum++;
        var now = sendingTimeNs ?? NowNs();
        var original = possDup ? Encoding.ASCII.GetBytes(origSendingTime ?? Timestamp(now - 1_000_000_000)) : [];
        return Encode(msgType, senderCompId ?? SenderCompId, TargetCompId, sequence, now, _body.Written, original);
    }

    public static byte[] Encode(string msgType, string senderCompId, string targetCompId, long sequence, long sendingTimeNs,
        ReadOnlySpan<byte> body, ReadOnlySpan<byte> origSendingTime = default)
    {
        var type = Encoding.ASCII.GetBytes(msgType);
        var sender = Encoding.ASCII.GetBytes(senderCompId);
        var target = Encoding.ASCII.GetBytes(targetCompId);
        var buffer = new byte[FixEncoder.GetLength(type.Length, sender.Length, target.Length, sequence, origSendingTime.Length, body.Length)];
        FixEncoder.Encode(buffer, type, sender, target, sequence, sendingTimeNs, body, origSendingTime);
        return buffer;
    }

    public Task SendAsync(string msgType, Action<FixBodyWriter>? body = null, long? seqNum = null, bool possDup = false,
        long? sendingTimeNs = null, string? senderCompId = null, string? origSendingTime = null) =>
        SendRawAsync(Build(msgType, body, seqNum, possDup, sendingTimeNs, senderCompId, origSendingTime));

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends Logon and expects the Logon response.</summary>
    public async Task<ReceivedMessage> LogonAsync(int heartBtInt = 30, bool reset = false, string? username = null, string? password = null)
    {
        await SendLogonAsync(heartBtInt, reset, username, password).ConfigureAwait(false);
        return await ExpectAsync("A").ConfigureAwait(false);
    }

    public Task SendLogonAsync(int heartBtInt = 30, bool reset = false, string? username = null, string? password = null)
    {
        if (reset)
        {
            NextSeqNum = 1;
            ExpectedServerSeqNum = 1;
        }

        return SendAsync("A", body =>
        {
            body.Add(FixTags.EncryptMethod, 0L).Add(FixTags.HeartBtInt, heartBtInt);
            if (reset)
            {
                body.Add(FixTags.ResetSeqNumFlag, (byte)'Y');
            }

            if (username is not null)
            {
                body.Add(FixTags.Username, username);
            }

            if (password is not null)
            {
                body.Add(FixTags.Password, password);
            }
        });
    }

    /// <summary>The next message of any type.</summary>
    public async Task<ReceivedMessage> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            var message = await _received.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
            if (!message.Has(FixTags.PossDupFlag) || message.Get(FixTags.PossDupFlag) != "Y")
            {
                ExpectedServerSeqNum = message.MsgType == "4" && message.Get(FixTags.GapFillFlag) != "Y"
                    ? message.GetLong(FixTags.NewSeqNo)
                    : message.SeqNum + 1;
            }

            return message;
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"{SenderCompId}: no message within {timeout ?? DefaultTimeout}");
        }
        catch (ChannelClosedException)
        {
            throw new AssertionException($"{SenderCompId}: the connection closed while a message was expected");
        }
    }

    /// <summary>The next message that is not a Heartbeat; it must be of <paramref name="msgType"/>.</summary>
    public async Task<ReceivedMessage> ExpectAsync(string msgType, TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout).ConfigureAwait(false);
            if (message.MsgType == "0" && msgType != "0")
            {
                continue;
            }

            Assert.That(message.MsgType, Is.EqualTo(msgType), $"expected 35={msgType}, received {message}");
            return message;
        }
    }

    /// <summary>True when the server closes the connection within <paramref name="timeout"/> (messages before it are kept).</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        var closed = _closed.Task;
        return await Task.WhenAny(closed, Task.Delay(timeout ?? DefaultTimeout)).ConfigureAwait(false) == closed;
    }

    /// <summary>Every message received so far and not yet taken.</summary>
    public List<ReceivedMessage> Drain()
    {
        var messages = new List<ReceivedMessage>();
        while (_received.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by the server.
        }

        _socket.Dispose();
        await _readLoop.ConfigureAwait(false);
        _sendLock.Dispose();
    }

    public static long NowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    public static string Timestamp(long unixNs)
    {
        var buffer = new byte[FixTimestamp.Length];
        FixTimestamp.Write(buffer, unixNs);
        return Encoding.ASCII.GetString(buffer);
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false));
        var message = new FixMessage();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var status = FixParser.TryParse(buffer, message, out var consumed);
                    if (status == FixParseStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == FixParseStatus.Complete)
                    {
                        _received.Writer.TryWrite(new ReceivedMessage(message.Raw.ToArray()));
                    }

                    buffer = buffer.Slice(consumed);
                }

                reader.AdvanceTo(buffer.Start, result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            // The server closed (or reset) the connection, or the test disposed the client.
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            _received.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }
}
