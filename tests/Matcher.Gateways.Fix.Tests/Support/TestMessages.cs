using System.Text;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Tests.Support;

/// <summary>Well-formed messages for codec tests.</summary>
internal static class TestMessages
{
    /// <summary>2024-03-05 13:45:10.123 UTC in nanoseconds since the epoch.</summary>
    public const long SendingTimeNs = 1_709_646_310_123_000_000;

    public static byte[] NewOrderSingle(long seqNum = 7, string clOrdId = "order-1")
    {
        var body = new FixBodyWriter();
        body.Add(FixTags.ClOrdID, clOrdId).Add(FixTags.Symbol, "BTC-USD").Add(FixTags.Side, (byte)'1')
            .Add(FixTags.OrderQty, 5L).Add(FixTags.OrdType, (byte)'2').AddDecimal(FixTags.Price, 3_000_050, 2)
            .AddTimestamp(FixTags.TransactTime, SendingTimeNs);
        return FixTestClient.Encode("D", "CLIENT1", "MATCHER", seqNum, SendingTimeNs, body.Written);
    }

    /// <summary>Replaces '|' by SOH and appends BodyLength and CheckSum around <paramref name="afterBodyLength"/>.</summary>
    public static byte[] Frame(string afterBodyLength, string beginString = "FIX.4.4")
    {
        var body = Encoding.ASCII.GetBytes(afterBodyLength.Replace('|', '\u0001'));
        var head = Encoding.ASCII.GetBytes($"8={beginString}\u00019={body.Length}\u0001");
        var message = head.Concat(body).ToArray();
        var checksum = FixParser.Checksum(message);
        return [.. message, .. Encoding.ASCII.GetBytes($"10={checksum:D3}\u0001")];
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text.Replace('|', '\u0001'));
}
