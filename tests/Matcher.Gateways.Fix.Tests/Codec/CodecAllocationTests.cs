using System.Buffers;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Codec;

public sealed class CodecAllocationTests
{
    private const int Iterations = 10_000;

    [Test]
    public void TryParse_SingleSegmentSteadyState_AllocatesNothing()
    {
        var buffer = new ReadOnlySequence<byte>(TestMessages.NewOrderSingle());
        var message = new FixMessage();
        ParseMany(buffer, message, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var fields = ParseMany(buffer, message, Iterations);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(fields, Is.EqualTo(Iterations * 15));
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void TryParse_MultiSegmentSteadyState_AllocatesNothing()
    {
        var bytes = TestMessages.NewOrderSingle();
        var buffer = Sequences.Split(bytes, 10, 70, 100);
        var message = new FixMessage();
        ParseMany(buffer, message, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ParseMany(buffer, message, Iterations);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Encode_SteadyState_AllocatesNothing()
    {
        var writer = new FixBodyWriter();
        var destination = new byte[1024];
        EncodeMany(writer, destination, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = EncodeMany(writer, destination, Iterations);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(bytes, Is.GreaterThan(Iterations * 100));
        Assert.That(allocated, Is.Zero);
    }

    private static long ParseMany(ReadOnlySequence<byte> buffer, FixMessage message, int count)
    {
        long fields = 0;
        for (var i = 0; i < count; i++)
        {
            FixParser.TryParse(buffer, message, out _);
            message.TryGetLong(FixTags.MsgSeqNum, out _);
            message.TryGet(FixTags.ClOrdID, out _);
            fields += message.FieldCount;
        }

        return fields;
    }

    private static long EncodeMany(FixBodyWriter writer, byte[] destination, int count)
    {
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            writer.Clear();
            writer.Add(FixTags.OrderID, i).Add(FixTags.ClOrdID, "order-1").Add(FixTags.ExecType, (byte)'F')
                .AddDecimal(FixTags.LastPx, 3_000_050, 2).Add(FixTags.Symbol, "BTC-USD"u8)
                .AddTimestamp(FixTags.TransactTime, TestMessages.SendingTimeNs);
            bytes += FixEncoder.Encode(destination, "8"u8, "MATCHER"u8, "CLIENT1"u8, i + 1, TestMessages.SendingTimeNs, writer.Written);
        }

        return bytes;
    }
}
