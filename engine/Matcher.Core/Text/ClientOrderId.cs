using System.Runtime.InteropServices;

namespace Matcher.Core.Text;

/// <summary>
/// A client order id: up to <see cref="MaxLength"/> printable ASCII bytes inline,
/// zero-padded. Four words, so comparing and hashing cost four loads.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public record struct ClientOrderId
{
    /// <summary>The longest client order id, in bytes.</summary>
    public const int MaxLength = 32;

    private ulong _word0;
    private ulong _word1;
    private ulong _word2;
    private ulong _word3;

    /// <summary>True when no id is given.</summary>
    public readonly bool IsEmpty => (_word0 | _word1 | _word2 | _word3) == 0;

    /// <summary>Makes an id from text; false when too long or not printable ASCII.</summary>
    public static bool TryCreate(ReadOnlySpan<char> text, out ClientOrderId id)
    {
        id = default;
        return AsciiText.TryWrite(text, AsciiText.Bytes(ref id));
    }

    /// <summary>Makes an id from ASCII bytes; false when too long or not printable ASCII.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> ascii, out ClientOrderId id)
    {
        id = default;
        return AsciiText.TryWrite(ascii, AsciiText.Bytes(ref id));
    }

    /// <summary>Makes an id from text, throwing <see cref="ArgumentException"/> when invalid.</summary>
    public static ClientOrderId From(string text) =>
        TryCreate(text, out var id) ? id : throw new ArgumentException($"not a client order id: '{text}'", nameof(text));

    /// <summary>True when the bytes are printable ASCII followed only by padding.</summary>
    public readonly bool IsValid()
    {
        var copy = this;
        return AsciiText.IsValid(AsciiText.Bytes(ref copy));
    }

    /// <summary>
    /// The hash for the client-id index: seeded per process (<see cref="HashCode"/>), so ids
    /// cannot be chosen to collide. Only bucket placement depends on it, never an outcome.
    /// </summary>
    public readonly override int GetHashCode() => HashCode.Combine(_word0, _word1, _word2, _word3);

    /// <summary>A well-mixed 64-bit hash of the id (deterministic across processes).</summary>
    public readonly ulong Hash64() => Mix.Combine(Mix.Combine(Mix.Combine(_word0, _word1), _word2), _word3);

    /// <summary>Copies the id's ASCII bytes (without padding) into <paramref name="destination"/>; returns how many.</summary>
    public readonly int CopyTo(Span<byte> destination)
    {
        var copy = this;
        var bytes = AsciiText.Bytes(ref copy);
        var length = AsciiText.LengthOf(bytes);
        bytes[..length].CopyTo(destination);
        return length;
    }

    /// <inheritdoc />
    public readonly override string ToString()
    {
        var copy = this;
        return AsciiText.ToString(AsciiText.Bytes(ref copy));
    }
}
