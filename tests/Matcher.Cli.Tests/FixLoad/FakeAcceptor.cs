using System.IO.Pipelines;
using System.Text;
using Matcher.Cli.FixLoad;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Cli.Tests.FixLoad;

/// <summary>The acceptor's end of two in-memory pipes to a <see cref="FixClient"/>: sends framed messages, reads the client's.</summary>
internal sealed class FakeAcceptor
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);

    private readonly Pipe _toClient = new();
    private readonly Pipe _fromClient = new();
    private long _nextSeq = 1;

    /// <summary>A client started over the pipes.</summary>
    public FixClient StartClient(FixClientOptions? options = null)
    {
        var client = new FixClient(options ?? new FixClientOptions("LOAD1", "MATCHER") { Username = "u1", Password = "pw" });
        return Start(client);
    }

    /// <summary>Starts <paramref name="client"/> over the pipes.</summary>
    public FixClient Start(FixClient client)
    {
        client.Start(_toClient.Reader, _fromClient.Writer);
        return client;
    }

    /// <summary>Sends one message under the next sequence number (or <paramref name="seq"/>).</summary>
    public void Send(string msgType, (int Tag, string Value)[] fields, long seq = 0)
    {
        var body = new FixBodyWriter();
        foreach (var (tag, value) in fields)
        {
            body.Add(tag, value);
        }

        if (seq == 0)
        {
            seq = _nextSeq++;
        }

        var buffer = new byte[1024];
        var length = FixEncoder.Encode(buffer, Encoding.ASCII.GetBytes(msgType), "MATCHER"u8, "LOAD1"u8, seq,
            (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100, body.Written);
        var result = _toClient.Writer.WriteAsync(buffer.AsMemory(0, length)).AsTask().Result;
        Assert.That(result.IsCompleted, Is.False, "the client stopped reading");
    }

    /// <summary>Sends raw bytes (several messages in one write, say).</summary>
    public void SendRaw(byte[] bytes) => _toClient.Writer.WriteAsync(bytes).AsTask().Wait();

    /// <summary>Frames a message as <see cref="Send"/> would, without sending it.</summary>
    public byte[] Frame(string msgType, params (int Tag, string Value)[] fields)
    {
        var body = new FixBodyWriter();
        foreach (var (tag, value) in fields)
        {
            body.Add(tag, value);
        }

        var buffer = new byte[1024];
        var length = FixEncoder.Encode(buffer, Encoding.ASCII.GetBytes(msgType), "MATCHER"u8, "LOAD1"u8, _nextSeq++,
            (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100, body.Written);
        return buffer[..length];
    }

    /// <summary>The next message the client sent (a copy), failing the test after 10 s.</summary>
    public async Task<FixMessage> ReadAsync()
    {
        using var cancel = new CancellationTokenSource(_timeout);
        var reader = _fromClient.Reader;
        var parsed = new FixMessage();
        while (true)
        {
            var result = await reader.ReadAsync(cancel.Token);
            var buffer = result.Buffer;
            var status = FixParser.TryParse(buffer, parsed, out var consumed);
            if (status == FixParseStatus.Complete)
            {
                var copy = new FixMessage();
                Assert.That(FixParser.TryParse(parsed.Raw.ToArray(), copy, out _), Is.EqualTo(FixParseStatus.Complete));
                reader.AdvanceTo(consumed);
                return copy;
            }

            Assert.That(status, Is.EqualTo(FixParseStatus.NeedMoreData), "the client sent garbage");
            Assert.That(result.IsCompleted, Is.False, "the client closed its output");
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Reads the client's next message and checks its type.</summary>
    public async Task<FixMessage> ExpectAsync(string msgType)
    {
        var message = await ReadAsync();
        Assert.That(Encoding.ASCII.GetString(message.MsgType), Is.EqualTo(msgType), Encoding.ASCII.GetString(message.Raw).Replace('\u0001', '|'));
        return message;
    }

    /// <summary>Whether the client has completed its output (after disposal).</summary>
    public async Task<bool> ClientOutputCompletedAsync()
    {
        using var cancel = new CancellationTokenSource(_timeout);
        var result = await _fromClient.Reader.ReadAsync(cancel.Token);
        _fromClient.Reader.AdvanceTo(result.Buffer.End);
        return result.IsCompleted;
    }

    /// <summary>Ends the acceptor's output: the client sees the connection close.</summary>
    public void Close() => _toClient.Writer.Complete();

    /// <summary>Answers the client's Logon.</summary>
    public async Task<FixMessage> AcceptLogonAsync()
    {
        var logon = await ExpectAsync("A");
        Send("A", [(FixTags.EncryptMethod, "0"), (FixTags.HeartBtInt, "30"), (FixTags.ResetSeqNumFlag, "Y")]);
        return logon;
    }

    public static string Text(FixMessage message, int tag) => OrderFlowTests.Text(message, tag);
}
