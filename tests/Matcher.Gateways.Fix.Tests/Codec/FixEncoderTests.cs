using System.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Codec;

public sealed class FixEncoderTests
{
    [Test]
    public void Encode_Heartbeat_WritesTheExactBytes()
    {
        var bytes = FixTestClient.Encode("0", "MATCHER", "CLIENT1", 12, TestMessages.SendingTimeNs, default);

        // BodyLength: "35=0|49=MATCHER|56=CLIENT1|34=12|52=20240305-13:45:10.123|" is 5+11+11+6+25 = 58 bytes.
        var expected = TestMessages.Frame("35=0|49=MATCHER|56=CLIENT1|34=12|52=20240305-13:45:10.123|");
        Assert.That(Encoding.ASCII.GetString(bytes), Is.EqualTo(Encoding.ASCII.GetString(expected)));
        Assert.That(Encoding.ASCII.GetString(bytes), Does.StartWith("8=FIX.4.4\u00019=58\u0001"));
    }

    [Test]
    public void Encode_Resend_AddsPossDupFlagAndOrigSendingTime()
    {
        var body = new FixBodyWriter().Add(FixTags.ClOrdID, "x").Written.ToArray();
        var bytes = FixTestClient.Encode("8", "MATCHER", "CLIENT1", 3, TestMessages.SendingTimeNs, body, "20240305-13:00:00.000"u8);

        var expected = TestMessages.Frame("35=8|49=MATCHER|56=CLIENT1|34=3|43=Y|52=20240305-13:45:10.123|122=20240305-13:00:00.000|11=x|");
        Assert.That(Encoding.ASCII.GetString(bytes), Is.EqualTo(Encoding.ASCII.GetString(expected)));
    }

    [Test]
    public void GetLength_MatchesWhatEncodeWrites()
    {
        foreach (var sequence in new long[] { 1, 9, 10, 99_999, long.MaxValue })
        {
            foreach (var bodyLength in new[] { 0, 1, 40, 60, 900, 10_000 })
            {
                var body = new byte[bodyLength];
                Array.Fill(body, (byte)'a');
                var length = FixEncoder.GetLength(1, 7, 7, sequence, 0, bodyLength);
                var buffer = new byte[length + 10];
                Assert.That(FixEncoder.Encode(buffer, "8"u8, "MATCHER"u8, "CLIENT1"u8, sequence, TestMessages.SendingTimeNs, body), Is.EqualTo(length));
            }
        }
    }

    [Test]
    public void Encode_DestinationTooSmall_Throws()
    {
        var buffer = new byte[20];
        Assert.Throws<ArgumentException>(() => FixEncoder.Encode(buffer, "0"u8, "A"u8, "B"u8, 1, TestMessages.SendingTimeNs, default));
    }

    [Test]
    public void Checksum_LongInput_EqualsTheSimpleSum()
    {
        var random = new Random(7);
        foreach (var length in new[] { 0, 1, 7, 8, 9, 1023, 1024, 1025, 5000 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            Assert.That(FixParser.Checksum(bytes), Is.EqualTo(bytes.Sum(b => b) % 256), $"length {length}");
        }
    }
}
