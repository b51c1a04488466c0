using System.Net.WebSockets;
using Matcher.Protocol;

namespace Matcher.Client.Tests;

/// <summary>The server's side of one connection, driven by the test.</summary>
internal sealed class FakeConnection
{
    private readonly WebSocket _socket;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _buffer = new byte[1 << 20];

    public FakeConnection(WebSocket socket)
    {
        _socket = socket;
    }

    public Task Released => _released.Task;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public void Release() => _released.TrySetResult();

    /// <summary>The next whole message, or null when the client closed.</summary>
    public async Task<byte[]?> ReceiveAsync()
    {
        var count = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(count), CancellationToken.None).AsTask().WaitAsync(FakeServer.Timeout);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return _buffer.AsSpan(0, count).ToArray();
            }
        }
    }

    /// <summary>The next message, which must be a <typeparamref name="T"/>, with its bytes.</summary>
    public async Task<(T Message, byte[] Frame)> ExpectAsync<T>()
        where T : unmanaged, IFixedMessage
    {
        var frame = await ReceiveAsync();
        Assert.That(frame, Is.Not.Null, $"the client closed instead of sending a {T.Template}");
        Assert.That(Codec.TryReadHeader(frame, out var header), Is.EqualTo(HeaderStatus.Ok));
        Assert.That(header.TemplateId, Is.EqualTo(T.Template));
        Assert.That(frame!.Length, Is.EqualTo(T.FixedLength));
        Assert.That(Codec.TryRead(frame, out T message), Is.True);
        return (message, frame);
    }

    public Task SendAsync<T>(T message)
        where T : unmanaged, IFixedMessage => SendAsync(Frames.Encode(message));

    /// <summary>Sends one WebSocket message, in <paramref name="fragments"/> frames.</summary>
    public async Task SendAsync(byte[] frame, int fragments = 1)
    {
        var size = (frame.Length + fragments - 1) / fragments;
        for (var offset = 0; offset < frame.Length; offset += size)
        {
            var length = Math.Min(size, frame.Length - offset);
            await _socket.SendAsync(frame.AsMemory(offset, length), WebSocketMessageType.Binary, offset + length == frame.Length, CancellationToken.None);
        }
    }

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Starts the close handshake and waits for the client's answer.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        await _socket.CloseOutputAsync(status, description, CancellationToken.None);
        while (await ReceiveAsync() is not null)
        {
            // Messages the client sent before it saw the close.
        }
    }

    /// <summary>Answers the client's close.</summary>
    public Task AnswerCloseAsync() => _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
}
