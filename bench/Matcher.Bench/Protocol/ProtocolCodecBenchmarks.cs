using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Matcher.Protocol;

namespace Matcher.Bench.Protocol;

/// <summary>
/// The binary WebSocket codec (docs/WEBSOCKET.md) on its hot messages: encode a PlaceOrder (the client's
/// send), decode an ExecutionReport (the client's receive), write a BookSnapshot of 20 levels per side (the
/// gateway's answer to a depth-20 Subscribe). Each beside what a .NET user would write without a codec (the
/// baselines): a <see cref="BinaryWriter"/> or <see cref="BinaryReader"/> over a reused
/// <see cref="MemoryStream"/>, field by field, which gives the same bytes.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ProtocolCodecBenchmarks : IDisposable
{
    private const int Depth = 20;

    private readonly byte[] _buffer = new byte[4096];
    private readonly LevelEntry[] _bids = new LevelEntry[Depth];
    private readonly LevelEntry[] _asks = new LevelEntry[Depth];
    private readonly byte[] _clOrdId = new byte[32];
    private readonly byte[] _padding = new byte[7];
    private MemoryStream _stream = null!;
    private BinaryWriter _writer = null!;
    private BinaryReader _reader = null!;
    private byte[] _report = null!;
    private PlaceOrder _order;

    [GlobalSetup]
    public void Setup()
    {
        _stream = new MemoryStream(_buffer);
        _writer = new BinaryWriter(_stream, Encoding.ASCII, leaveOpen: true);
        _order = new PlaceOrder
        {
            RequestId = 12_345,
            PriceTicks = 3_000_050,
            QuantityLots = 10,
            InstrumentId = 1,
            Side = 1,
            OrderType = 1,
            TimeInForce = 1,
            ClOrdId = Chars32.From("order-000123"),
        };
        Encoding.ASCII.GetBytes("order-000123", _clOrdId);

        var report = new ExecutionReport
        {
            RequestId = 12_345,
            OrderId = 987_654,
            ExecSequence = 1_000_001,
            PriceTicks = 3_000_050,
            QuantityLots = 10,
            LeavesLots = 8,
            CumLots = 2,
            LastPriceTicks = 3_000_050,
            LastLots = 2,
            AvgPriceTicksE8 = 300_005_000_000_000,
            TransactTimeNs = 1_709_646_310_123_000_000,
            TradeId = 55,
            AccountId = 1001,
            InstrumentId = 1,
            ExecType = (byte)'F',
            OrdStatus = (byte)'1',
            Side = 1,
            OrderType = 1,
            TimeInForce = 1,
            Role = (byte)'T',
            ClOrdId = Chars32.From("order-000123"),
        };
        _report = new byte[ExecutionReport.FixedLength];
        Codec.Write(ref report, _report);
        _reader = new BinaryReader(new MemoryStream(_report), Encoding.ASCII, leaveOpen: false);

        for (var i = 0; i < Depth; i++)
        {
            _bids[i] = new LevelEntry { PriceTicks = 3_000_000 - i, Lots = 10 + i, OrderCount = 1 + (i % 4) };
            _asks[i] = new LevelEntry { PriceTicks = 3_000_001 + i, Lots = 12 + i, OrderCount = 1 + (i % 3) };
        }

        // The baselines must write what the codec writes, or the comparison means nothing.
        SameBytes(EncodePlaceOrder, () => (int)EncodePlaceOrderBinaryWriter(), "PlaceOrder");
        SameBytes(WriteBookSnapshot, () => (int)WriteBookSnapshotBinaryWriter(), "BookSnapshot");
        if (DecodeExecutionReport() != DecodeExecutionReportBinaryReader())
        {
            throw new InvalidOperationException("the BinaryReader baseline reads other values than the codec");
        }
    }

    private void SameBytes(Func<int> codec, Func<int> baseline, string name)
    {
        var length = codec();
        var expected = _buffer.AsSpan(0, length).ToArray();
        Array.Clear(_buffer);
        if (baseline() != length || !_buffer.AsSpan(0, length).SequenceEqual(expected))
        {
            throw new InvalidOperationException($"the BinaryWriter baseline of {name} writes other bytes than the codec");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _writer?.Dispose();
        _reader?.Dispose();
        _stream?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("encode PlaceOrder")]
    public long EncodePlaceOrderBinaryWriter()
    {
        var w = _writer;
        _stream.Position = 0;
        w.Write((uint)PlaceOrder.FixedLength);
        w.Write((ushort)TemplateId.PlaceOrder);
        w.Write(Codec.SchemaVersion);
        w.Write(_order.RequestId);
        w.Write(_order.PriceTicks);
        w.Write(_order.QuantityLots);
        w.Write(_order.QuoteBudget);
        w.Write(_order.ExpireTimeNs);
        w.Write(_order.InstrumentId);
        w.Write(_order.Side);
        w.Write(_order.OrderType);
        w.Write(_order.TimeInForce);
        w.Write(_order.SelfTradePrevention);
        w.Write(_order.Flags);
        w.Write(_padding);
        w.Write(_clOrdId);
        return _stream.Position;
    }

    [Benchmark]
    [BenchmarkCategory("encode PlaceOrder")]
    public int EncodePlaceOrder() => Codec.Write(ref _order, _buffer);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("decode ExecutionReport")]
    public long DecodeExecutionReportBinaryReader()
    {
        var r = _reader;
        r.BaseStream.Position = 0;
        var length = r.ReadUInt32();
        var template = r.ReadUInt16();
        var version = r.ReadUInt16();
        var requestId = r.ReadUInt64();
        var orderId = r.ReadInt64();
        r.ReadInt64(); // execSequence
        r.ReadInt64(); // price
        r.ReadInt64(); // quantity
        var leaves = r.ReadInt64();
        var cum = r.ReadInt64();
        var lastPrice = r.ReadInt64();
        var lastLots = r.ReadInt64();
        r.ReadInt64(); // average price
        r.ReadInt64(); // transact time
        r.ReadInt64(); // trade id
        r.ReadInt64(); // account
        var instrument = r.ReadInt32();
        r.ReadUInt16(); // exec index
        var rejectCode = r.ReadUInt16();
        var execType = r.ReadByte();
        var ordStatus = r.ReadByte();
        Span<byte> rest = stackalloc byte[6 + 64];
        r.BaseStream.ReadExactly(rest);
        return length + template + version + (long)requestId + orderId + leaves + cum + lastPrice + lastLots + instrument + rejectCode
            + execType + ordStatus + rest[6];
    }

    [Benchmark]
    [BenchmarkCategory("decode ExecutionReport")]
    public long DecodeExecutionReport()
    {
        if (Codec.TryReadHeader(_report, out var header) != HeaderStatus.Ok || !Codec.TryRead(_report, out ExecutionReport report))
        {
            return -1;
        }

        return header.Length + (ushort)header.TemplateId + header.SchemaVersion + (long)report.RequestId + report.OrderId + report.LeavesLots
            + report.CumLots + report.LastPriceTicks + report.LastLots + report.InstrumentId + report.RejectCode + report.ExecType
            + report.OrdStatus + report.ClOrdId[0];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("write BookSnapshot, 20 levels a side")]
    public long WriteBookSnapshotBinaryWriter()
    {
        var w = _writer;
        _stream.Position = 0;
        w.Write((uint)Codec.BookSnapshotLength(Depth, Depth));
        w.Write((ushort)TemplateId.BookSnapshot);
        w.Write(Codec.SchemaVersion);
        w.Write(12_345UL);
        w.Write(1_000_001L);
        w.Write(77L);
        w.Write(1);
        w.Write((byte)7);
        w.Write((byte)0);
        w.Write((ushort)0);
        WriteLevels(w, _bids);
        WriteLevels(w, _asks);
        return _stream.Position;
    }

    [Benchmark]
    [BenchmarkCategory("write BookSnapshot, 20 levels a side")]
    public int WriteBookSnapshot()
    {
        var snapshot = new BookSnapshot { RequestId = 12_345, BookSequence = 1_000_001, TradeSequence = 77, InstrumentId = 1, Channels = 7 };
        return Codec.WriteBookSnapshot(ref snapshot, _bids, _asks, _buffer);
    }

    private static void WriteLevels(BinaryWriter w, LevelEntry[] levels)
    {
        w.Write((ushort)LevelEntry.Length);
        w.Write((ushort)levels.Length);
        foreach (var level in levels)
        {
            w.Write(level.PriceTicks);
            w.Write(level.Lots);
            w.Write(level.OrderCount);
        }
    }
}
