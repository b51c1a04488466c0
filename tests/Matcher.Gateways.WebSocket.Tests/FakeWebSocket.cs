using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Threading.Channels;
using Matcher.Protocol;

namespace Matcher.Gateways.WebSocket.Tests;

/// <summary>
/// A WebSocket for unit tests: the test feeds what the client "sends", sees what the server
/// sends (as WebSocket messages, or split into protocol messages), and can make the client stop reading (sends then never complete, as with a full
/// TCP window).
/// </summary>
internal sealed class FakeWebSocket : System.Net.WebSockets.WebSocket
{
    private readonly Channel<byte[]> _incoming = Channel.CreateUnbounded<byte[]>();
    private readonly List<byte[]> _sent = [];
    private readonly List<byte> _fragments = [];
    private readonly Lock _lock = new();
    private WebSocketState _state = WebSocketState.Open;
    private WebSocketCloseStatus? _closeStatus;

    /// <summary>While true, the client reads nothing: every send waits until cancelled.</summary>
    public volatile bool Stalled;

    public override WebSocketCloseStatus? CloseStatus => _closeStatus;

    public override string? CloseStatusDescription => null;

    public override WebSocketState State => _state;

    public override string? SubProtocol => null;

    public bool Aborted { get; private set; }

    public void ClientSends(byte[] frame) => _incoming.Writer.TryWrite(frame);

    /// <summary>The client closes: the server's next receive returns a close message.</summary>
    public void ClientCloses() => _incoming.Writer.TryComplete();

    /// <summary>What the server sent of type <typeparamref name="T"/>, in order.</summary>
    public List<T> SentOf<T>()
        where T : unmanaged, IFixedMessage
    {
        var result = new List<T>();
        foreach (var frame in Sent())
        {
            if (BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(4)) == (ushort)T.Template && Codec.TryRead<T>(frame, out var message))
            {
                result.Add(message);
            }
        }

        return result;
    }

    /// <summary>The protocol messages the server sent, in order, split out of its WebSocket messages.</summary>
    public byte[][] Sent()
    {
        var messages = new List<byte[]>();
        foreach (var frame in SentFrames())
        {
            for (var at = 0; at < frame.Length;)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(at));
                Assert.That(length, Is.InRange(Codec.HeaderLength, frame.Length - at), "a message runs past its WebSocket message");
                messages.Add(frame[at..(at + length)]);
                at += length;
            }
        }

        return [.. messages];
    }

    /// <summary>The WebSocket messages the server sent (each one or more protocol messages), in order.</summary>
    public byte[][] SentFrames()
    {
        lock (_lock)
        {
            return [.. _sent];
        }
    }

    public override void Abort()
    {
        Aborted = true;
        _state = WebSocketState.Aborted;
        _incoming.Writer.TryComplete();
    }

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        _closeStatus = closeStatus;
        _state = WebSocketState.CloseSent;
        _incoming.Writer.TryComplete();
        return Task.CompletedTask;
    }

    public override void Dispose()
    {
    }

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        if (!await _incoming.Reader.WaitToReadAsync(cancellationToken) || !_incoming.Reader.TryRead(out var frame))
        {
            return new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, WebSocketCloseStatus.NormalClosure, null);
        }

        frame.CopyTo(buffer.AsSpan());
        return new WebSocketReceiveResult(frame.Length, WebSocketMessageType.Binary, true);
    }

    public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (Stalled)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        lock (_lock)
        {
            _fragments.AddRange(buffer);
            if (endOfMessage)
            {
                _sent.Add([.. _fragments]);
                _fragments.Clear();
            }
        }
    }
}
