using System.Buffers;
using System.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Codec;

public sealed class FixParserTests
{
    [Test]
    public void TryParse_EncodedMessage_RoundTripsEveryField()
    {
        var bytes = TestMessages.NewOrderSingle();
        var message = new FixMessage();

        var status = FixParser.TryParse(new ReadOnlySequence<byte>(bytes), message, out var consumed);

        Assert.That(status, Is.EqualTo(FixParseStatus.Complete));
        Assert.That(new ReadOnlySequence<byte>(bytes).Slice(consumed).Length, Is.Zero);
        Assert.That(message.Raw.ToArray(), Is.EqualTo(bytes));
        Assert.That(Encoding.ASCII.GetString(message.MsgType), Is.EqualTo("D"));
        var tags = Enumerable.Range(0, message.FieldCount).Select(message.TagAt).ToArray();
        Assert.That(tags, Is.EqualTo(new[] { 8, 9, 35, 49, 56, 34, 52, 11, 55, 54, 38, 40, 44, 60, 10 }));
        Assert.That(message.TryGet(FixTags.Price, out var price) && price.SequenceEqual("30000.50"u8));
        Assert.That(message.TryGetLong(FixTags.MsgSeqNum, out var seq) && seq == 7);
        Assert.That(message.TryGetTimestamp(FixTags.SendingTime, out var time) && time == TestMessages.SendingTimeNs);
        Assert.That(message.TryGetChar(FixTags.Side, out var side) && side == '1');
        Assert.That(message.Has(FixTags.Account), Is.False);
        Assert.That(message.Problem.Exists, Is.False);
    }

    [Test]
    public void TryParse_TwoMessagesBackToBack_ConsumesOneAtATime()
    {
        var first = TestMessages.NewOrderSingle(1, "a");
        var second = TestMessages.NewOrderSingle(2, "b");
        var buffer = new ReadOnlySequence<byte>([.. first, .. second]);
        var message = new FixMessage();

        Assert.That(FixParser.TryParse(buffer, message, out var consumed), Is.EqualTo(FixParseStatus.Complete));
        Assert.That(buffer.Slice(0, consumed).Length, Is.EqualTo(first.Length));
        buffer = buffer.Slice(consumed);
        Assert.That(FixParser.TryParse(buffer, message, out consumed), Is.EqualTo(FixParseStatus.Complete));
        Assert.That(message.TryGet(FixTags.ClOrdID, out var id) && id.SequenceEqual("b"u8));
        Assert.That(buffer.Slice(consumed).IsEmpty);
    }

    [Test]
    public void TryParse_EveryPrefix_NeedsMoreDataAndConsumesNothing()
    {
        var bytes = TestMessages.NewOrderSingle();
        var message = new FixMessage();
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            var status = FixParser.TryParse(buffer, message, out var consumed);
            Assert.That(status, Is.EqualTo(FixParseStatus.NeedMoreData), $"prefix of {length} bytes");
            Assert.That(buffer.Slice(0, consumed).Length, Is.Zero);
        }
    }

    [Test]
    public void TryParse_SplitAtEveryPosition_ParsesTheSameFields()
    {
        var bytes = TestMessages.NewOrderSingle();
        var expected = Fields(Parse(new ReadOnlySequence<byte>(bytes)));
        for (var split = 1; split < bytes.Length; split++)
        {
            var message = Parse(Sequences.Split(bytes, split));
            Assert.That(Fields(message), Is.EqualTo(expected), $"split at {split}");
            Assert.That(message.Raw.ToArray(), Is.EqualTo(bytes));
        }
    }

    [Test]
    public void TryParse_SplitIntoThreeSegmentsAtEveryPair_ParsesTheSameFields()
    {
        var bytes = TestMessages.NewOrderSingle();
        var expected = Fields(Parse(new ReadOnlySequence<byte>(bytes)));
        for (var first = 1; first < bytes.Length; first += 3)
        {
            for (var second = first + 1; second < bytes.Length; second += 5)
            {
                Assert.That(Fields(Parse(Sequences.Split(bytes, first, second))), Is.EqualTo(expected), $"split at {first} and {second}");
            }
        }
    }

    [Test]
    public void TryParse_OneBytePerSegment_Parses()
    {
        var bytes = TestMessages.NewOrderSingle();
        var message = Parse(Sequences.Split(bytes, [.. Enumerable.Range(1, bytes.Length - 1)]));
        Assert.That(message.Raw.ToArray(), Is.EqualTo(bytes));
    }

    [Test]
    public void TryParse_WrongCheckSum_IsGarbled()
    {
        var bytes = TestMessages.NewOrderSingle();
        bytes[^2] = (byte)(bytes[^2] == '9' ? '0' : bytes[^2] + 1);

        Assert.That(Status(bytes, out _), Is.EqualTo(FixParseStatus.Garbled));
    }

    [Test]
    public void TryParse_BodyTamperedAfterFraming_IsGarbledByCheckSum()
    {
        var bytes = TestMessages.NewOrderSingle();
        var index = Array.IndexOf(bytes, (byte)'B'); // in BTC-USD
        bytes[index] = (byte)'C';

        Assert.That(Status(bytes, out _), Is.EqualTo(FixParseStatus.Garbled));
    }

    [TestCase(-1)]
    [TestCase(1)]
    [TestCase(10)]
    public void TryParse_WrongBodyLength_IsGarbled(int delta)
    {
        var text = Encoding.ASCII.GetString(TestMessages.NewOrderSingle());
        var start = text.IndexOf("\u00019=", StringComparison.Ordinal) + 3;
        var end = text.IndexOf('\u0001', start);
        var length = int.Parse(text[start..end], System.Globalization.CultureInfo.InvariantCulture);
        var tampered = Encoding.ASCII.GetBytes(text[..start] + (length + delta) + text[end..]);
        // Enough data after the message that a longer BodyLength is not simply "need more".
        var status = Status([.. tampered, .. TestMessages.NewOrderSingle(8)], out var consumed);

        Assert.That(status, Is.EqualTo(FixParseStatus.Garbled));
        Assert.That(consumed, Is.EqualTo(tampered.Length), "resumes at the next 8=FIX");
    }

    [TestCase("FIX.4.2")]
    [TestCase("FIXT.1.1")]
    [TestCase("FIX.4.4x")]
    public void TryParse_OtherBeginString_IsGarbled(string beginString)
    {
        var bytes = TestMessages.Frame("35=0|49=A|56=B|34=1|52=20240305-13:45:10.123|", beginString);
        Assert.That(Status(bytes, out var consumed), Is.EqualTo(FixParseStatus.Garbled));
        Assert.That(consumed, Is.GreaterThan(0));
    }

    [Test]
    public void TryParse_MsgTypeNotThird_IsGarbled()
    {
        var bytes = TestMessages.Frame("49=A|35=0|56=B|34=1|52=20240305-13:45:10.123|");
        Assert.That(Status(bytes, out _), Is.EqualTo(FixParseStatus.Garbled));
    }

    [Test]
    public void TryParse_GarbageThenMessage_SkipsToTheMessage()
    {
        var garbage = Encoding.ASCII.GetBytes("hello world 58=FIXME 8=FI");
        var good = TestMessages.NewOrderSingle();
        var buffer = new ReadOnlySequence<byte>([.. garbage, .. good]);
        var message = new FixMessage();

        Assert.That(FixParser.TryParse(buffer, message, out var consumed), Is.EqualTo(FixParseStatus.Garbled));
        buffer = buffer.Slice(consumed);
        while (FixParser.TryParse(buffer, message, out consumed) == FixParseStatus.Garbled)
        {
            buffer = buffer.Slice(consumed);
        }

        Assert.That(message.Raw.ToArray(), Is.EqualTo(good));
    }

    [Test]
    public void TryParse_GarbageEndingInPossibleStart_KeepsThatTail()
    {
        var garbage = Encoding.ASCII.GetBytes("xyz8=FI");
        Assert.That(Status(garbage, out var consumed), Is.EqualTo(FixParseStatus.Garbled));
        Assert.That(consumed, Is.EqualTo(3));
        Assert.That(Status(Encoding.ASCII.GetBytes("8=FI"), out consumed), Is.EqualTo(FixParseStatus.NeedMoreData));
    }

    [Test]
    public void TryParse_EmptyValue_IsCompleteWithProblem()
    {
        var message = new FixMessage();
        FixParser.TryParse(TestMessages.Frame("35=D|49=A|56=B|34=2|52=20240305-13:45:10.123|44=|55=X|"), message, out _);

        Assert.That(message.Problem, Is.EqualTo(new FixFieldProblem(true, FixSessionRejectReason.TagSpecifiedWithoutValue, 44)));
        Assert.That(message.TryGet(FixTags.Symbol, out var symbol) && symbol.SequenceEqual("X"u8));
    }

    [TestCase("abc=1|")]
    [TestCase("=1|")]
    [TestCase("055=1|")]
    [TestCase("55|")]
    public void TryParse_FieldWithoutTagNumber_IsCompleteWithInvalidTagProblem(string badField)
    {
        var message = new FixMessage();
        var status = FixParser.TryParse(TestMessages.Frame("35=D|49=A|56=B|34=2|52=20240305-13:45:10.123|" + badField + "58=after|"), message, out _);

        Assert.That(status, Is.EqualTo(FixParseStatus.Complete));
        Assert.That(message.Problem, Is.EqualTo(new FixFieldProblem(true, FixSessionRejectReason.InvalidTagNumber, 0)));
        Assert.That(message.TryGet(FixTags.Text, out var text) && text.SequenceEqual("after"u8));
    }

    [Test]
    public void TryParse_DataFieldContainingSoh_TakesItsDeclaredLength()
    {
        var message = new FixMessage();
        var status = FixParser.TryParse(TestMessages.Frame("35=B|49=A|56=B|34=2|52=20240305-13:45:10.123|95=5|96=a|b=c|58=t|"), message, out _);

        Assert.That(status, Is.EqualTo(FixParseStatus.Complete));
        Assert.That(message.TryGet(FixTags.RawData, out var raw) && raw.SequenceEqual("a\u0001b=c"u8));
        Assert.That(message.TryGet(FixTags.Text, out var text) && text.SequenceEqual("t"u8));
        Assert.That(message.Problem.Exists, Is.False);
    }

    [Test]
    public void TryParse_DataLengthReachingIntoTheTrailer_IsNotTakenAsData()
    {
        var message = new FixMessage();
        FixParser.TryParse(TestMessages.Frame("35=B|49=A|56=B|34=2|52=20240305-13:45:10.123|95=9|96=ab|"), message, out _);

        Assert.That(message.TryGet(FixTags.RawData, out var raw) && raw.SequenceEqual("ab"u8));
        Assert.That(message.TagAt(message.FieldCount - 1), Is.EqualTo(FixTags.CheckSum));
    }

    [Test]
    public void IndexOf_RepeatedTag_FindsEachOccurrence()
    {
        var message = new FixMessage();
        FixParser.TryParse(TestMessages.Frame("35=V|49=A|56=B|34=2|52=20240305-13:45:10.123|267=2|269=0|269=1|"), message, out _);

        var first = message.IndexOf(FixTags.MDEntryType);
        var second = message.IndexOf(FixTags.MDEntryType, first + 1);
        Assert.That(message.ValueAt(first).SequenceEqual("0"u8) && message.ValueAt(second).SequenceEqual("1"u8));
        Assert.That(message.IndexOf(FixTags.MDEntryType, second + 1), Is.EqualTo(-1));
        Assert.That(message.IndexOf(FixTags.MDEntryType, 1000), Is.EqualTo(-1));
    }

    [Test]
    public void TryGetLong_NotAnInteger_IsFalse()
    {
        var message = new FixMessage();
        FixParser.TryParse(TestMessages.Frame("35=D|49=A|56=B|34=+2|52=x|38=1.5|110=-3|"), message, out _);

        Assert.That(message.TryGetLong(FixTags.MsgSeqNum, out _), Is.False);
        Assert.That(message.TryGetLong(FixTags.OrderQty, out _), Is.False);
        Assert.That(message.TryGetLong(FixTags.MinQty, out var negative) && negative == -3);
        Assert.That(message.TryGetLong(FixTags.Price, out _), Is.False);
    }

    [Test]
    public void TryParse_ManyFields_GrowsTheFieldArrays()
    {
        var body = string.Concat(Enumerable.Range(0, 500).Select(i => $"269={i % 3}|"));
        var message = new FixMessage();
        Assert.That(FixParser.TryParse(TestMessages.Frame("35=V|49=A|56=B|34=2|52=20240305-13:45:10.123|" + body), message, out _), Is.EqualTo(FixParseStatus.Complete));
        Assert.That(message.FieldCount, Is.EqualTo(508));
    }

    private static FixParseStatus Status(byte[] bytes, out long consumed)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var status = FixParser.TryParse(buffer, new FixMessage(), out var position);
        consumed = buffer.Slice(0, position).Length;
        return status;
    }

    private static FixMessage Parse(ReadOnlySequence<byte> buffer)
    {
        var message = new FixMessage();
        Assert.That(FixParser.TryParse(buffer, message, out var consumed), Is.EqualTo(FixParseStatus.Complete));
        Assert.That(buffer.Slice(consumed).IsEmpty);
        return message;
    }

    private static List<(int Tag, string Value)> Fields(FixMessage message) =>
        [.. Enumerable.Range(0, message.FieldCount).Select(i => (message.TagAt(i), Encoding.ASCII.GetString(message.ValueAt(i))))];
}
