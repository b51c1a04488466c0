using System.Buffers;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Bench.Fix;

/// <summary>
/// The FIX codec on a NewOrderSingle (parse) and an ExecutionReport (encode), each beside what a .NET
/// user might write without a FIX engine (the baselines): split the string on SOH into a dictionary of
/// strings, and build the message with a <see cref="StringBuilder"/>. Parse runs on one segment (the fast
/// path, no copy) and on three (copied once into the message's buffer).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FixCodecBenchmarks
{
    private const long SendingTimeNs = 1_709_646_310_123_000_000;

    private readonly FixMessage _message = new();
    private readonly FixBodyWriter _body = new();
    private readonly byte[] _destination = new byte[1024];
    private readonly long _msgSeqNum = 1234;
    private byte[] _order = null!;
    private ReadOnlySequence<byte> _single;
    private ReadOnlySequence<byte> _split;

    [GlobalSetup]
    public void Setup()
    {
        var body = new FixBodyWriter();
        body.Add(FixTags.ClOrdID, "order-000123").Add(FixTags.Account, "mm1").Add(FixTags.Symbol, "BTC-USD")
            .Add(FixTags.Side, (byte)'1').Add(FixTags.OrderQty, 5L).Add(FixTags.OrdType, (byte)'2')
            .AddDecimal(FixTags.Price, 3_000_050, 2).Add(FixTags.TimeInForce, (byte)'1')
            .AddTimestamp(FixTags.TransactTime, SendingTimeNs);
        _order = new byte[FixEncoder.GetLength(1, 7, 7, 1234, 0, body.Written.Length)];
        FixEncoder.Encode(_order, "D"u8, "CLIENT1"u8, "MATCHER"u8, 1234, SendingTimeNs, body.Written);
        _single = new ReadOnlySequence<byte>(_order);
        _split = ThreeSegments(_order);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("parse")]
    public int ParseSplitToDictionary()
    {
        var fields = new Dictionary<int, string>();
        foreach (var field in Encoding.ASCII.GetString(_order).Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            fields[int.Parse(field.AsSpan(0, equals), CultureInfo.InvariantCulture)] = field[(equals + 1)..];
        }

        return fields.Count + fields[FixTags.ClOrdID].Length + int.Parse(fields[FixTags.MsgSeqNum], CultureInfo.InvariantCulture);
    }

    [Benchmark]
    [BenchmarkCategory("parse")]
    public int Parse()
    {
        FixParser.TryParse(_single, _message, out _);
        _message.TryGet(FixTags.ClOrdID, out var id);
        _message.TryGetLong(FixTags.MsgSeqNum, out var sequence);
        return _message.FieldCount + id.Length + (int)sequence;
    }

    [Benchmark]
    [BenchmarkCategory("parse")]
    public int ParseThreeSegments()
    {
        FixParser.TryParse(_split, _message, out _);
        _message.TryGet(FixTags.ClOrdID, out var id);
        _message.TryGetLong(FixTags.MsgSeqNum, out var sequence);
        return _message.FieldCount + id.Length + (int)sequence;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("encode")]
    public int EncodeStringBuilder()
    {
        var body = new StringBuilder()
            .Append("35=8\u000149=MATCHER\u000156=CLIENT1\u000134=").Append(_msgSeqNum).Append("\u000152=")
            .Append(DateTime.UnixEpoch.AddTicks(SendingTimeNs / 100).ToString("yyyyMMdd-HH:mm:ss.fff", CultureInfo.InvariantCulture))
            .Append("\u000137=987654\u000111=order-000123\u000117=exec-1\u0001150=F\u000139=1\u000155=BTC-USD\u000154=1")
            .Append("\u000132=2\u000131=30000.50\u0001151=3\u000114=2\u00016=30000.50\u0001").ToString();
        var head = "8=FIX.4.4\u00019=" + body.Length.ToString(CultureInfo.InvariantCulture) + "\u0001" + body;
        var sum = 0;
        foreach (var c in head)
        {
            sum += c;
        }

        return Encoding.ASCII.GetBytes(head + "10=" + (sum % 256).ToString("D3", CultureInfo.InvariantCulture) + "\u0001").Length;
    }

    [Benchmark]
    [BenchmarkCategory("encode")]
    public int Encode()
    {
        _body.Clear();
        _body.Add(FixTags.OrderID, 987_654L).Add(FixTags.ClOrdID, "order-000123"u8).Add(FixTags.ExecID, "exec-1"u8)
            .Add(FixTags.ExecType, (byte)'F').Add(FixTags.OrdStatus, (byte)'1').Add(FixTags.Symbol, "BTC-USD"u8)
            .Add(FixTags.Side, (byte)'1').Add(FixTags.LastQty, 2L).AddDecimal(FixTags.LastPx, 3_000_050, 2)
            .Add(FixTags.LeavesQty, 3L).Add(FixTags.CumQty, 2L).AddDecimal(FixTags.AvgPx, 3_000_050, 2);
        return FixEncoder.Encode(_destination, "8"u8, "MATCHER"u8, "CLIENT1"u8, _msgSeqNum, SendingTimeNs, _body.Written);
    }

    private static ReadOnlySequence<byte> ThreeSegments(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, 40));
        var second = first.Append(new Segment(bytes.AsMemory(40, 60)));
        var third = second.Append(new Segment(bytes.AsMemory(100)));
        return new ReadOnlySequence<byte>(first, 0, third, third.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
            return next;
        }
    }
}
