using System.Globalization;
using System.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;

namespace Matcher.Gateways.Fix.Tests.Support;

/// <summary>A message the test client received, copied out of the socket buffer.</summary>
internal sealed class ReceivedMessage
{
    public ReceivedMessage(byte[] raw)
    {
        Raw = raw;
        Message = new FixMessage();
        if (FixParser.TryParse(raw, Message, out _) != FixParseStatus.Complete)
        {
            throw new InvalidOperationException("not a whole message");
        }
    }

    public byte[] Raw { get; }

    public FixMessage Message { get; }

    public string MsgType => Encoding.ASCII.GetString(Message.MsgType);

    public long SeqNum => Message.TryGetLong(FixTags.MsgSeqNum, out var value) ? value : 0;

    public string? Get(int tag) => Message.TryGet(tag, out var value) ? Encoding.ASCII.GetString(value) : null;

    public long GetLong(int tag) => long.Parse(Get(tag) ?? throw new AssertionException($"tag {tag} missing in {this}"), CultureInfo.InvariantCulture);

    public bool Has(int tag) => Message.Has(tag);

    /// <summary>Every field in the order received, repeating-group fields included.</summary>
    public List<(int Tag, string Value)> Fields()
    {
        var fields = new List<(int Tag, string Value)>();
        foreach (var field in Encoding.ASCII.GetString(Raw).Split('\x01', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = field.IndexOf('=', StringComparison.Ordinal);
            fields.Add((int.Parse(field.AsSpan(0, eq), CultureInfo.InvariantCulture), field[(eq + 1)..]));
        }

        return fields;
    }

    /// <summary>Every value of <paramref name="tag"/>, in order (a group's field once per entry).</summary>
    public List<string> All(int tag) => [.. Fields().Where(f => f.Tag == tag).Select(f => f.Value)];

    public override string ToString() => FixLogFormat.Masked(Raw);
}
