using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Matcher.Gateways.Fix.Codec;

/// <summary>
/// Reusable writer of a message's body fields: everything except 8, 9, 35, 49, 56, 34, 52, 43, 122 and 10,
/// which the session adds. <see cref="Clear"/> and reuse it: the buffer grows to the largest body and stays.
/// </summary>
/// <remarks>Values must be non-empty ASCII without SOH: FIX cannot carry anything else in a non-data field.</remarks>
public sealed class FixBodyWriter
{
    private const byte Soh = 1;

    /// <summary>A tag's digits and <c>=</c>, and the SOH after the value.</summary>
    private const int FieldOverhead = 12;

    private byte[] _buffer;
    private int _length;

    /// <summary>A writer with room for <paramref name="initialCapacity"/> bytes before it first grows.</summary>
    public FixBodyWriter(int initialCapacity = 512)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _buffer = new byte[initialCapacity];
    }

    /// <summary>The fields written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Forgets the fields written; keeps the buffer.</summary>
    public void Clear() => _length = 0;

    /// <summary>Adds <c>tag=value</c>.</summary>
    /// <exception cref="ArgumentException">The value is empty or contains SOH.</exception>
    public FixBodyWriter Add(int tag, ReadOnlySpan<byte> asciiValue)
    {
        if (asciiValue.IsEmpty || asciiValue.Contains(Soh))
        {
            ThrowBadValue(tag);
        }

        var span = BeginField(tag, asciiValue.Length);
        asciiValue.CopyTo(span);
        return EndField(asciiValue.Length);
    }

    /// <summary>Adds <c>tag=value</c> for an ASCII string.</summary>
    /// <exception cref="ArgumentException">The value is empty, not ASCII, or contains SOH.</exception>
    public FixBodyWriter Add(int tag, string asciiValue)
    {
        ArgumentNullException.ThrowIfNull(asciiValue);
        var fieldStart = _length;
        var span = BeginField(tag, asciiValue.Length);
        if (asciiValue.Length == 0 || Ascii.FromUtf16(asciiValue, span, out var written) != OperationStatus.Done
            || span[..written].Contains(Soh))
        {
            _length = fieldStart;
            ThrowBadValue(tag);
            return this;
        }

        return EndField(written);
    }

    /// <summary>Adds an integer field.</summary>
    public FixBodyWriter Add(int tag, long value)
    {
        var span = BeginField(tag, 20);
        Utf8Formatter.TryFormat(value, span, out var written);
        return EndField(written);
    }

    /// <summary>Adds a single-character field such as <c>39=2</c>.</summary>
    public FixBodyWriter Add(int tag, byte charValue)
    {
        if (charValue is Soh or 0 or >= 0x80)
        {
            ThrowBadValue(tag);
        }

        var span = BeginField(tag, 1);
        span[0] = charValue;
        return EndField(1);
    }

    /// <summary>Adds a UTCTimestamp <c>yyyyMMdd-HH:mm:ss.fff</c> from nanoseconds since the Unix epoch.</summary>
    public FixBodyWriter AddTimestamp(int tag, long unixTimeNs)
    {
        var span = BeginField(tag, FixTimestamp.Length);
        FixTimestamp.Write(span, unixTimeNs);
        return EndField(FixTimestamp.Length);
    }

    /// <summary>
    /// Adds a decimal written from an integer and a scale: <c>(12345, 2)</c> is <c>123.45</c>, <c>(5, 3)</c> is
    /// <c>0.005</c>, <c>(-7, 0)</c> is <c>-7</c>. Exact: prices in ticks leave the engine this way.
    /// </summary>
    public FixBodyWriter AddDecimal(int tag, long unscaledValue, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 18);
        var span = BeginField(tag, 22 + scale);
        Span<byte> digits = stackalloc byte[20];
        var negative = unscaledValue < 0;
        var magnitude = negative ? (ulong)(-(unscaledValue + 1)) + 1 : (ulong)unscaledValue;
        Utf8Formatter.TryFormat(magnitude, digits, out var count);
        var written = 0;
        if (negative)
        {
            span[written++] = (byte)'-';
        }

        if (count <= scale)
        {
            span[written++] = (byte)'0';
            span[written++] = (byte)'.';
            span.Slice(written, scale - count).Fill((byte)'0');
            written += scale - count;
            digits[..count].CopyTo(span[written..]);
            written += count;
        }
        else
        {
            digits[..(count - scale)].CopyTo(span[written..]);
            written += count - scale;
            if (scale > 0)
            {
                span[written++] = (byte)'.';
                digits[(count - scale)..count].CopyTo(span[written..]);
                written += scale;
            }
        }

        return EndField(written);
    }

    /// <summary>Writes the tag and <c>=</c> and returns room for a value of up to <paramref name="maxValueLength"/> bytes.</summary>
    private Span<byte> BeginField(int tag, int maxValueLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tag);
        var needed = _length + FieldOverhead + maxValueLength;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        Utf8Formatter.TryFormat(tag, _buffer.AsSpan(_length), out var written);
        _buffer[_length + written] = (byte)'=';
        _length += written + 1;
        return _buffer.AsSpan(_length, maxValueLength);
    }

    private FixBodyWriter EndField(int valueLength)
    {
        _length += valueLength;
        _buffer[_length++] = Soh;
        return this;
    }

    private static void ThrowBadValue(int tag) =>
        throw new ArgumentException($"the value of tag {tag} must be non-empty ASCII without SOH");
}
