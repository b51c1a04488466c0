using System.Buffers.Text;

namespace Matcher.Gateways.Fix.Codec;

/// <summary>
/// Writes a whole FIX 4.4 message: header <c>8 9 35 49 56 34 [43] 52 [122]</c>, the body as given, and the
/// trailer <c>10</c>, with BodyLength and CheckSum computed. Writes into the caller's buffer; no allocation.
/// </summary>
public static class FixEncoder
{
    private const byte Soh = 1;

    /// <summary>The bytes <see cref="Encode"/> will write for these field lengths.</summary>
    /// <param name="msgTypeLength">Bytes of MsgType.</param>
    /// <param name="senderCompIdLength">Bytes of SenderCompID.</param>
    /// <param name="targetCompIdLength">Bytes of TargetCompID.</param>
    /// <param name="msgSeqNum">The MsgSeqNum (its digits count).</param>
    /// <param name="origSendingTimeLength">Bytes of OrigSendingTime, 0 for a message that is not a resend.</param>
    /// <param name="bodyLength">Bytes of the body fields.</param>
    public static int GetLength(int msgTypeLength, int senderCompIdLength, int targetCompIdLength, long msgSeqNum,
        int origSendingTimeLength, int bodyLength)
    {
        var length = BodyLength(msgTypeLength, senderCompIdLength, targetCompIdLength, msgSeqNum, origSendingTimeLength, bodyLength);
        return 12 + Digits(length) + 1 + length + 7;
    }

    /// <summary>
    /// Encodes one message into <paramref name="destination"/> and returns its length. When
    /// <paramref name="origSendingTime"/> is not empty the message is a resend: PossDupFlag=Y and
    /// OrigSendingTime are added.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetLength"/>.</exception>
    public static int Encode(Span<byte> destination, ReadOnlySpan<byte> msgType, ReadOnlySpan<byte> senderCompId,
        ReadOnlySpan<byte> targetCompId, long msgSeqNum, long sendingTimeNs, ReadOnlySpan<byte> body,
        ReadOnlySpan<byte> origSendingTime = default)
    {
        var bodyLength = BodyLength(msgType.Length, senderCompId.Length, targetCompId.Length, msgSeqNum, origSendingTime.Length, body.Length);
        var total = 12 + Digits(bodyLength) + 1 + bodyLength + 7;
        if (destination.Length < total)
        {
            throw new ArgumentException($"the message needs {total} bytes, the destination has {destination.Length}", nameof(destination));
        }

        var position = 0;
        Put(destination, ref position, "8=FIX.4.4\u00019="u8);
        Utf8Formatter.TryFormat(bodyLength, destination[position..], out var written);
        position += written;
        destination[position++] = Soh;
        Field(destination, ref position, "35="u8, msgType);
        Field(destination, ref position, "49="u8, senderCompId);
        Field(destination, ref position, "56="u8, targetCompId);
        Put(destination, ref position, "34="u8);
        Utf8Formatter.TryFormat(msgSeqNum, destination[position..], out written);
        position += written;
        destination[position++] = Soh;
        if (!origSendingTime.IsEmpty)
        {
            Put(destination, ref position, "43=Y\u0001"u8);
        }

        Put(destination, ref position, "52="u8);
        FixTimestamp.Write(destination[position..], sendingTimeNs);
        position += FixTimestamp.Length;
        destination[position++] = Soh;
        if (!origSendingTime.IsEmpty)
        {
            Field(destination, ref position, "122="u8, origSendingTime);
        }

        Put(destination, ref position, body);
        var checksum = FixParser.Checksum(destination[..position]);
        Put(destination, ref position, "10="u8);
        destination[position++] = (byte)('0' + (checksum / 100));
        destination[position++] = (byte)('0' + (checksum / 10 % 10));
        destination[position++] = (byte)('0' + (checksum % 10));
        destination[position++] = Soh;
        return position;
    }

    private static int BodyLength(int msgTypeLength, int senderCompIdLength, int targetCompIdLength, long msgSeqNum,
        int origSendingTimeLength, int bodyLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(msgSeqNum);
        var length = 4 + msgTypeLength + 4 + senderCompIdLength + 4 + targetCompIdLength + 4 + Digits(msgSeqNum)
            + 4 + FixTimestamp.Length + bodyLength;
        if (origSendingTimeLength > 0)
        {
            length += 5 + 5 + origSendingTimeLength;
        }

        return length;
    }

    private static int Digits(long value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10)
        {
            digits++;
        }

        return digits;
    }

    private static void Field(Span<byte> destination, ref int position, ReadOnlySpan<byte> tagAndEquals, ReadOnlySpan<byte> value)
    {
        Put(destination, ref position, tagAndEquals);
        Put(destination, ref position, value);
        destination[position++] = Soh;
    }

    private static void Put(Span<byte> destination, ref int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[position..]);
        position += bytes.Length;
    }
}
