using System.Runtime.CompilerServices;
using System.Text;
using Matcher.Core.Commands;
using Matcher.Core.Hashing;
using Matcher.Core.Text;

namespace Matcher.Journal.Tests;

public class JournalRecordTests
{
    private const uint GoldenChecksum = 0x4346E6C3;

    [Test]
    public void Crc32C_StandardCheckValue() =>
        Assert.That(Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")), Is.EqualTo(0xE3069283u));

    [Test]
    public void Write_PlaceOrder_GoldenBytes()
    {
        var command = new Command
        {
            Sequence = 0x0102030405060708,
            TimestampNs = 1_700_000_000_123_456_789,
            Origin = new Origin(3, 44, 555),
            Type = CommandType.PlaceOrder,
            Side = Side.Buy,
            OrderType = OrderType.Limit,
            TimeInForce = TimeInForce.GoodTillCancel,
            AccountId = 7,
            InstrumentId = 1,
            PriceTicks = 3_000_000,
            QuantityLots = 5,
            ClientOrderId = ClientOrderId.From("bid-1"),
        };
        var bytes = new byte[JournalRecord.RecordSize];
        var length = JournalRecord.Write(ref command, bytes);

        // A change here means old journals no longer read: bump JournalRecord.FormatVersion.
        Assert.That(Unsafe.SizeOf<Command>(), Is.EqualTo(JournalRecord.PayloadSize));
        Assert.That(length, Is.EqualTo(32 + JournalRecord.PayloadSize + 4));
        Assert.That(Convert.ToHexString(bytes, 0, 32), Is.EqualTo(
            "4D4A524E" + "0400" + "0100" + "C8010000" + "00000000" + "0807060504030201" + "15CD853DFE9C9717"));
        Assert.That(BitConverter.ToUInt32(bytes, length - 4), Is.EqualTo(GoldenChecksum), "the payload's layout changed");
        Assert.That(Crc32C.Compute(bytes.AsSpan(0, length - 4)), Is.EqualTo(BitConverter.ToUInt32(bytes, length - 4)));
    }

    [TestCaseSource(typeof(SampleCommands), nameof(SampleCommands.OneOfEachType))]
    public void WriteThenRead_EveryCommandType_RoundTrips(Command command)
    {
        var bytes = new byte[JournalRecord.RecordSize];
        var length = JournalRecord.Write(ref command, bytes);
        Assert.That(JournalRecord.TryRead(bytes, out var read, out var readLength), Is.EqualTo(RecordStatus.Ok));
        Assert.That(readLength, Is.EqualTo(length));
        Assert.That(read, Is.EqualTo(command));
    }

    [Test]
    public void TryRead_ShortOrFlipped_IsIncompleteOrCorrupt()
    {
        var command = SampleCommands.Stream(20)[15];
        var bytes = new byte[JournalRecord.RecordSize];
        JournalRecord.Write(ref command, bytes);
        Assert.That(JournalRecord.TryRead(bytes.AsSpan(0, 20), out _, out _), Is.EqualTo(RecordStatus.Incomplete));
        Assert.That(JournalRecord.TryRead(bytes.AsSpan(0, bytes.Length - 1), out _, out _), Is.EqualTo(RecordStatus.Incomplete));
        for (var at = 0; at < bytes.Length; at += 7)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[at] ^= 0x10;
            Assert.That(JournalRecord.TryRead(flipped, out _, out _), Is.EqualTo(RecordStatus.Corrupt), $"byte {at}");
        }
    }
}
