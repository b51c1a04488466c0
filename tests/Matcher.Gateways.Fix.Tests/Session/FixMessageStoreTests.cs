using System.Text;
using Matcher.Gateways.Fix.Session;

namespace Matcher.Gateways.Fix.Tests.Session;

public sealed class FixMessageStoreTests
{
    private string _directory = null!;

    private string FilePath => Path.Combine(_directory, FixMessageStore.FileName);

    [SetUp]
    public void SetUp() => _directory = Path.Combine(Path.GetTempPath(), "matcher-fix-store-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public void AppendMessage_GoldenBytes_MatchTheDocumentedLayout()
    {
        using (var store = FixMessageStore.Open(_directory, fsync: false))
        {
            store.AppendMessage(3, "8=FIX"u8);
            store.AppendNextTargetSeqNum(42);
            store.Commit();
        }

        // docs/FIX.md, "Message store": magic "MFXS", version 1, type, payload length, sequence, CRC-32C
        // of the record with the CRC bytes as zero (computed independently of the code under test).
        var expected = Convert.FromHexString(
            "4D465853" + "0100" + "0100" + "05000000" + "0300000000000000" + "E998C218" + "383D464958"
            + "4D465853" + "0100" + "0200" + "00000000" + "2A00000000000000" + "A5791929");
        Assert.That(File.ReadAllBytes(FilePath), Is.EqualTo(expected));
    }

    [Test]
    public void Open_AfterAppends_RestoresSequencesAndMessages()
    {
        using (var store = FixMessageStore.Open(_directory, fsync: true))
        {
            Assert.That((store.NextSenderSeqNum, store.NextTargetSeqNum), Is.EqualTo((1L, 1L)));
            for (var seq = 1; seq <= 5; seq++)
            {
                store.AppendMessage(seq, Encoding.ASCII.GetBytes($"message {seq}"));
            }

            store.AppendNextTargetSeqNum(9);
            store.Commit();
        }

        using var reopened = FixMessageStore.Open(_directory, fsync: true);
        Assert.That((reopened.NextSenderSeqNum, reopened.NextTargetSeqNum), Is.EqualTo((6L, 9L)));
        Assert.That(reopened.TruncatedBytes, Is.Zero);
        Assert.That(Read(reopened, 3), Is.EqualTo("message 3"));
        Assert.That(Read(reopened, 0), Is.Null);
        Assert.That(Read(reopened, 6), Is.Null);
    }

    [Test]
    public void TryRead_BeforeFlush_IsFalseAndAfterFlushTrue()
    {
        using var store = FixMessageStore.Open(_directory, fsync: false);
        store.AppendMessage(1, "one"u8);
        Assert.That(Read(store, 1), Is.Null);
        store.Flush();
        Assert.That(Read(store, 1), Is.EqualTo("one"));
    }

    [Test]
    public void AppendMessage_SequenceGoingBack_Throws()
    {
        using var store = FixMessageStore.Open(_directory, fsync: false);
        store.AppendMessage(5, "five"u8);
        Assert.Throws<InvalidOperationException>(() => store.AppendMessage(5, "again"u8));
    }

    [TestCase(1)]
    [TestCase(10)]
    [TestCase(27)]
    public void Open_TornTail_CutsItAndKeepsEverythingBefore(int tornBytes)
    {
        WriteMessages(3);
        var goodLength = new FileInfo(FilePath).Length;
        var record = File.ReadAllBytes(FilePath)[..(int)(goodLength / 3)];
        using (var file = new FileStream(FilePath, FileMode.Append))
        {
            file.Write(record, 0, Math.Min(tornBytes, record.Length - 1));
        }

        using var store = FixMessageStore.Open(_directory, fsync: false);
        Assert.That(store.TruncatedBytes, Is.EqualTo(Math.Min(tornBytes, record.Length - 1)));
        Assert.That(new FileInfo(FilePath).Length, Is.EqualTo(goodLength));
        Assert.That(store.NextSenderSeqNum, Is.EqualTo(4));
        store.AppendMessage(4, "message 4"u8);
        store.Commit();
        Assert.That(Read(store, 4), Is.EqualTo("message 4"));
    }

    [Test]
    public void Open_LastRecordWithBadCrc_IsATornTail()
    {
        WriteMessages(3);
        var bytes = File.ReadAllBytes(FilePath);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(FilePath, bytes);

        using var store = FixMessageStore.Open(_directory, fsync: false);
        Assert.That(store.NextSenderSeqNum, Is.EqualTo(3));
        Assert.That(store.TruncatedBytes, Is.EqualTo(bytes.Length / 3));
    }

    [Test]
    public void Open_BadCrcInTheMiddle_RefusesWithTheOffset()
    {
        WriteMessages(3);
        var bytes = File.ReadAllBytes(FilePath);
        var recordLength = bytes.Length / 3;
        bytes[recordLength + 30] ^= 0x01;
        File.WriteAllBytes(FilePath, bytes);

        var exception = Assert.Throws<FixStoreCorruptException>(() => FixMessageStore.Open(_directory, fsync: false));
        Assert.That(exception!.Offset, Is.EqualTo(recordLength));
        Assert.That(exception.Message, Does.Contain("CRC mismatch"));
        Assert.That(File.ReadAllBytes(FilePath), Is.EqualTo(bytes), "nothing is repaired");
    }

    [Test]
    public void Open_GarbageHeaderInTheMiddle_Refuses()
    {
        WriteMessages(3);
        var bytes = File.ReadAllBytes(FilePath);
        bytes[0] = (byte)'X';
        File.WriteAllBytes(FilePath, bytes);

        var exception = Assert.Throws<FixStoreCorruptException>(() => FixMessageStore.Open(_directory, fsync: false));
        Assert.That(exception!.Offset, Is.Zero);
    }

    [Test]
    public void Reset_AfterMessages_StartsAnEmptyStoreThatSurvivesReopen()
    {
        WriteMessages(3);
        using (var store = FixMessageStore.Open(_directory, fsync: true))
        {
            store.AppendMessage(4, "four"u8);
            store.Reset();
            Assert.That((store.NextSenderSeqNum, store.NextTargetSeqNum), Is.EqualTo((1L, 1L)));
            Assert.That(Read(store, 2), Is.Null);
            store.AppendMessage(1, "new one"u8);
            store.Commit();
        }

        using var reopened = FixMessageStore.Open(_directory, fsync: true);
        Assert.That((reopened.NextSenderSeqNum, reopened.NextTargetSeqNum), Is.EqualTo((2L, 1L)));
        Assert.That(Read(reopened, 1), Is.EqualTo("new one"));
        Assert.That(File.Exists(FilePath + ".new"), Is.False);
    }

    [Test]
    public void Open_WhileOpen_IsRefused()
    {
        using var store = FixMessageStore.Open(_directory, fsync: false);
        Assert.Throws<IOException>(() => FixMessageStore.Open(_directory, fsync: false).Dispose());
    }

    [Test]
    public void Open_ManyRecordsAcrossReadChunks_RecoversAll()
    {
        var payload = new byte[3000];
        Array.Fill(payload, (byte)'x');
        using (var store = FixMessageStore.Open(_directory, fsync: false))
        {
            for (var seq = 1; seq <= 1000; seq++)
            {
                store.AppendMessage(seq, payload);
            }

            store.Commit();
        }

        using var reopened = FixMessageStore.Open(_directory, fsync: false);
        Assert.That(reopened.NextSenderSeqNum, Is.EqualTo(1001));
        Assert.That(Read(reopened, 777)!.Length, Is.EqualTo(3000));
    }

    [Test]
    public void RecordType_Values_ArePinned()
    {
        Assert.That((ushort)FixStoreRecordType.Message, Is.EqualTo(1));
        Assert.That((ushort)FixStoreRecordType.NextTargetSeqNum, Is.EqualTo(2));
        Assert.That(FixStoreRecord.HeaderSize, Is.EqualTo(24));
        Assert.That(FixStoreRecord.Version, Is.EqualTo(1));
    }

    private void WriteMessages(int count)
    {
        using var store = FixMessageStore.Open(_directory, fsync: false);
        for (var seq = 1; seq <= count; seq++)
        {
            store.AppendMessage(seq, Encoding.ASCII.GetBytes($"message {seq}"));
        }

        store.Commit();
    }

    private static string? Read(FixMessageStore store, long seq)
    {
        var buffer = new byte[4];
        return store.TryRead(seq, ref buffer, out var length) ? Encoding.ASCII.GetString(buffer, 0, length) : null;
    }
}
