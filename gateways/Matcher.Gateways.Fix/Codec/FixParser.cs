using System.Buffers;
using System.Runtime.CompilerServices;

namespace Matcher.Gateways.Fix.Codec;

/// <summary>
/// Frames and parses FIX 4.4 messages from the front of a byte sequence: BeginString must be <c>FIX.4.4</c>,
/// BodyLength must land on the CheckSum field, the CheckSum must match, MsgType must be the third field.
/// </summary>
/// <remarks>
/// A message inside the first segment is parsed where it lies (no copy); one that spans segments is copied
/// once into the <see cref="FixMessage"/>'s own buffer. The parser never allocates and never throws on input.
/// </remarks>
public static class FixParser
{
    /// <summary>BodyLength has at most this many digits (9,999,999 bytes); the session's size limit is far lower.</summary>
    private const int MaxBodyLengthDigits = 7;

    /// <summary>The longest header prefix that decides a message's length: <c>8=FIX.4.4|9=</c>, 7 digits, SOH.</summary>
    private const int MaxPrefixLength = 12 + MaxBodyLengthDigits + 1;

    /// <summary><c>10=nnn|</c>.</summary>
    private const int TrailerLength = 7;

    private const byte Soh = 1;

    private static ReadOnlySpan<byte> BeginString => "8=FIX.4.4\u00019="u8;

    private static ReadOnlySpan<byte> MessageStart => "8=FIX"u8;

    /// <summary>
    /// Parses one message from the front of <paramref name="buffer"/>. On <see cref="FixParseStatus.Complete"/>,
    /// <paramref name="consumed"/> is the end of the message and <paramref name="into"/> holds it; on
    /// <see cref="FixParseStatus.NeedMoreData"/>, nothing is consumed; on <see cref="FixParseStatus.Garbled"/>,
    /// <paramref name="consumed"/> is where to resume: the next <c>8=FIX</c> (always at least one byte on).
    /// </summary>
    public static FixParseStatus TryParse(in ReadOnlySequence<byte> buffer, FixMessage into, out SequencePosition consumed)
    {
        ArgumentNullException.ThrowIfNull(into);
        var first = buffer.First;
        var status = ReadFrameLength(first.Span, out var length);
        if (status == FixParseStatus.Complete && length <= first.Length)
        {
            status = Validate(first.Span[..length]);
            if (status == FixParseStatus.Complete)
            {
                into.Load(first[..length]);
                consumed = buffer.GetPosition(length);
                return FixParseStatus.Complete;
            }
        }

        if (buffer.IsSingleSegment)
        {
            if (status == FixParseStatus.Garbled)
            {
                consumed = buffer.GetPosition(ResumeOffset(first.Span));
                return FixParseStatus.Garbled;
            }

            consumed = buffer.Start;
            return FixParseStatus.NeedMoreData;
        }

        return TryParseMultiSegment(buffer, into, out consumed);
    }

    /// <summary>Parses one message from the front of a contiguous buffer (the message store, tests, benchmarks).</summary>
    public static FixParseStatus TryParse(ReadOnlyMemory<byte> buffer, FixMessage into, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(into);
        var span = buffer.Span;
        var status = ReadFrameLength(span, out var length);
        if (status == FixParseStatus.Complete)
        {
            if (length > span.Length)
            {
                consumed = 0;
                return FixParseStatus.NeedMoreData;
            }

            status = Validate(span[..length]);
            if (status == FixParseStatus.Complete)
            {
                into.Load(buffer[..length]);
                consumed = length;
                return status;
            }
        }

        consumed = status == FixParseStatus.Garbled ? ResumeOffset(span) : 0;
        return status;
    }

    /// <summary>
    /// Reads the prefix <c>8=FIX.4.4|9=n|</c>: <see cref="FixParseStatus.Complete"/> with the whole message's
    /// <paramref name="length"/> (which may exceed the data available), NeedMoreData when the prefix is cut
    /// short, Garbled when it is wrong.
    /// </summary>
    private static FixParseStatus ReadFrameLength(ReadOnlySpan<byte> data, out int length)
    {
        length = 0;
        var expected = BeginString;
        var compared = Math.Min(data.Length, expected.Length);
        if (!data[..compared].SequenceEqual(expected[..compared]))
        {
            return FixParseStatus.Garbled;
        }

        var bodyLength = 0;
        var position = expected.Length;
        while (true)
        {
            if (position >= data.Length)
            {
                return FixParseStatus.NeedMoreData;
            }

            var b = data[position];
            if (b == Soh)
            {
                break;
            }

            var digit = b - '0';
            if ((uint)digit > 9 || position - expected.Length >= MaxBodyLengthDigits)
            {
                return FixParseStatus.Garbled;
            }

            bodyLength = (bodyLength * 10) + digit;
            position++;
        }

        // No digits, or a body too short to hold "35=x|".
        if (position == expected.Length || bodyLength < 5)
        {
            return FixParseStatus.Garbled;
        }

        length = position + 1 + bodyLength + TrailerLength;
        return FixParseStatus.Complete;
    }

    /// <summary>Checks a whole candidate message: SOH before <c>10=</c>, three checksum digits, the sum, MsgType third.</summary>
    private static FixParseStatus Validate(ReadOnlySpan<byte> message)
    {
        var trailerStart = message.Length - TrailerLength;
        if (message[trailerStart - 1] != Soh || message[trailerStart] != '1' || message[trailerStart + 1] != '0'
            || message[trailerStart + 2] != '=' || message[^1] != Soh)
        {
            return FixParseStatus.Garbled;
        }

        var d0 = message[trailerStart + 3] - '0';
        var d1 = message[trailerStart + 4] - '0';
        var d2 = message[trailerStart + 5] - '0';
        if ((uint)d0 > 9 || (uint)d1 > 9 || (uint)d2 > 9
            || (d0 * 100) + (d1 * 10) + d2 != Checksum(message[..trailerStart]))
        {
            return FixParseStatus.Garbled;
        }

        var bodyStart = message.IndexOf(Soh) + 1; // after BeginString
        bodyStart += message[bodyStart..].IndexOf(Soh) + 1; // after BodyLength
        return message[bodyStart..].StartsWith("35="u8) ? FixParseStatus.Complete : FixParseStatus.Garbled;
    }

    /// <summary>The FIX checksum: the sum of the bytes modulo 256.</summary>
    public static int Checksum(ReadOnlySpan<byte> bytes)
    {
        // Eight bytes at a time: the two masks split a word into four 16-bit lanes each, which can add
        // 128 words before a lane could overflow (128 * 2 * 255 < 65536). FixCodecBenchmarks.Parse measures it.
        const ulong LaneMask = 0x00FF00FF00FF00FFUL;
        uint sum = 0;
        while (bytes.Length >= 8)
        {
            ulong lanes = 0;
            var words = Math.Min(bytes.Length / 8, 128);
            for (var i = 0; i < words; i++)
            {
                var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.AsRef(in bytes[i * 8]));
                lanes += (word & LaneMask) + ((word >> 8) & LaneMask);
            }

            lanes = (lanes & 0x0000FFFF0000FFFFUL) + ((lanes >> 16) & 0x0000FFFF0000FFFFUL);
            sum += (uint)(lanes + (lanes >> 32));
            bytes = bytes[(words * 8)..];
        }

        foreach (var b in bytes)
        {
            sum += b;
        }

        return (int)(sum & 0xFF);
    }

    /// <summary>
    /// Where to resume after garbage at the front of <paramref name="data"/>: the next <c>8=FIX</c> after the
    /// first byte, or, with none, the end less any tail that could be the start of one (at least one byte on).
    /// </summary>
    private static int ResumeOffset(ReadOnlySpan<byte> data)
    {
        if (data.Length <= 1)
        {
            return data.Length;
        }

        var found = data[1..].IndexOf(MessageStart);
        if (found >= 0)
        {
            return found + 1;
        }

        for (var keep = Math.Min(MessageStart.Length - 1, data.Length - 1); keep > 0; keep--)
        {
            if (data[^keep..].SequenceEqual(MessageStart[..keep]))
            {
                return data.Length - keep;
            }
        }

        return data.Length;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FixParseStatus TryParseMultiSegment(in ReadOnlySequence<byte> buffer, FixMessage into, out SequencePosition consumed)
    {
        Span<byte> prefix = stackalloc byte[MaxPrefixLength];
        var prefixLength = (int)Math.Min(buffer.Length, MaxPrefixLength);
        buffer.Slice(0, prefixLength).CopyTo(prefix);
        var status = ReadFrameLength(prefix[..prefixLength], out var length);
        if (status == FixParseStatus.Complete)
        {
            if (length > buffer.Length)
            {
                consumed = buffer.Start;
                return FixParseStatus.NeedMoreData;
            }

            var copy = into.OwnBuffer(length);
            buffer.Slice(0, length).CopyTo(copy.Span);
            status = Validate(copy.Span);
            if (status == FixParseStatus.Complete)
            {
                into.Load(copy);
                consumed = buffer.GetPosition(length);
                return status;
            }
        }

        if (status == FixParseStatus.NeedMoreData)
        {
            consumed = buffer.Start;
            return status;
        }

        consumed = buffer.GetPosition(ResumeOffset(buffer));
        return FixParseStatus.Garbled;
    }

    /// <summary><see cref="ResumeOffset(ReadOnlySpan{byte})"/> across segments.</summary>
    private static long ResumeOffset(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length <= 1)
        {
            return buffer.Length;
        }

        var reader = new SequenceReader<byte>(buffer);
        reader.Advance(1);
        while (reader.TryAdvanceTo((byte)'8', advancePastDelimiter: false))
        {
            if (reader.IsNext(MessageStart))
            {
                return reader.Consumed;
            }

            reader.Advance(1);
        }

        // No "8=FIX": keep a tail that could be its start (never the first byte: progress is at least one).
        Span<byte> tail = stackalloc byte[4];
        var tailLength = (int)Math.Min(buffer.Length - 1, tail.Length);
        buffer.Slice(buffer.Length - tailLength).CopyTo(tail);
        for (var keep = tailLength; keep > 0; keep--)
        {
            if (tail[(tailLength - keep)..tailLength].SequenceEqual(MessageStart[..keep]))
            {
                return buffer.Length - keep;
            }
        }

        return buffer.Length;
    }
}
