using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Matcher.Protocol;

namespace Matcher.Server.Tests.WebSocket;

/// <summary>
/// A bare protocol client for the gateway's tests: sends raw frames built with the codec and
/// keeps every message it receives (split out of the server's WebSocket messages), so a test can
/// wait for one and read it.
/// </summary>
internal sealed class RawClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly List<byte[]> _received = [];
    private readonly Lock _lock = new();
    private Task? _receiving;
    private ulong _nextRequestId;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public bool Closed { get; private set; }

    public static async Task<RawClient> ConnectAsync(Uri http, string? origin = null)
    {
        var client = new RawClient();
        if (origin is not null)
        {
            client._socket.Options.SetRequestHeader("Origin", origin);
        }

        await client._socket.ConnectAsync(WebSocketUri(http), CancellationToken.None);
        client._receiving = client.ReceiveLoopAsync();
        return client;
    }

    public static Uri WebSocketUri(Uri http) => new UriBuilder(http) { Scheme = "ws", Path = "/ws" }.Uri;

    public ulong NextRequestId() => Interlocked.Increment(ref _nextRequestId);

    public Task SendAsync<T>(T message)
        where T : unmanaged, IFixedMessage
    {
        var buffer = new byte[T.FixedLength];
        Codec.Write(ref message, buffer);
        return SendRawAsync(buffer);
    }

    /// <summary>Sends <paramref name="frame"/> as one WebSocket message (it may hold several protocol messages).</summary>
    public async Task SendRawAsync(byte[] frame, WebSocketMessageType type = WebSocketMessageType.Binary) =>
        await _socket.SendAsync(frame, type, endOfMessage: true, CancellationToken.None);

    /// <summary>A signed Login for <paramref name="key"/>; <paramref name="secret"/> signs it (pass a wrong one to test refusals).</summary>
    public static byte[] LoginFrame(string key, string secret, long timestampNs, ulong nonce)
    {
        var login = new Login { ApiKey = Chars32.From(key), TimestampNs = timestampNs, Nonce = nonce };
        var buffer = new byte[Login.FixedLength];
        Codec.Write(ref login, buffer);
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), buffer.AsSpan(Login.SignedOffset, Login.SignedLength), buffer.AsSpan(56, 32));
        return buffer;
    }

    public static long NowNs() => (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    public async Task<LoginAccepted> LoginAsync(string key, string secret)
    {
        await SendRawAsync(LoginFrame(key, secret, NowNs(), (ulong)Random.Shared.NextInt64()));
        return await WaitForAsync<LoginAccepted>(_ => true);
    }

    /// <summary>Waits for a received message of type <typeparamref name="T"/> that <paramref name="match"/> accepts.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, int seconds = 20)
        where T : unmanaged, IFixedMessage
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var message in All<T>())
            {
                if (match(message))
                {
                    return message;
                }
            }

            await Task.Delay(5);
        }

        Assert.Fail($"no {T.Template} arrived within {seconds} s; received: {string.Join(", ", Templates())}");
        return default;
    }

    /// <summary>Waits for a frame of <paramref name="template"/> that <paramref name="match"/> accepts, for the messages with groups.</summary>
    public async Task<byte[]> WaitForFrameAsync(TemplateId template, Func<byte[], bool> match, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var frame in Frames())
            {
                if (TemplateOf(frame) == template && match(frame))
                {
                    return frame;
                }
            }

            await Task.Delay(5);
        }

        Assert.Fail($"no {template} arrived within {seconds} s; received: {string.Join(", ", Templates())}");
        return [];
    }

    public async Task WaitClosedAsync(int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!Closed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.That(Closed, Is.True, "the server did not close the connection");
    }

    public List<T> All<T>()
        where T : unmanaged, IFixedMessage
    {
        var result = new List<T>();
        foreach (var frame in Frames())
        {
            if (TemplateOf(frame) == T.Template && Codec.TryRead<T>(frame, out var message))
            {
                result.Add(message);
            }
        }

        return result;
    }

    public byte[][] Frames()
    {
        lock (_lock)
        {
            return [.. _received];
        }
    }

    public IEnumerable<TemplateId> Templates() => Frames().Select(TemplateOf);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, new CancellationTokenSource(2000).Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                _socket.Abort();
            }
        }

        if (_receiving is not null)
        {
            await Task.WhenAny(_receiving, Task.Delay(2000));
        }

        _socket.Dispose();
    }

    /// <summary>Aborts without a close handshake, as a crashed client would.</summary>
    public void Abort() => _socket.Abort();

    private static TemplateId TemplateOf(byte[] frame) => (TemplateId)BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(4));

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                // The server puts several messages back to back in one WebSocket message: keep each.
                lock (_lock)
                {
                    for (var at = 0; at < length;)
                    {
                        var size = length - at < Codec.HeaderLength ? length - at : (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at));
                        if (size < Codec.HeaderLength || size > length - at)
                        {
                            // Not a whole message: kept as it is, for the test to see.
                            size = length - at;
                        }

                        _received.Add(buffer[at..(at + size)]);
                        at += size;
                    }
                }
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            Closed = true;
        }
    }
}
