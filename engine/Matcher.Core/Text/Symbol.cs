using System.Runtime.InteropServices;

namespace Matcher.Core.Text;

/// <summary>
/// A short code inline: an instrument symbol ("BTC-USDT") or an asset code ("USDT"),
/// up to <see cref="MaxLength"/> printable ASCII bytes, zero-padded.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public record struct Symbol
{
    /// <summary>The longest symbol, in bytes.</summary>
    public const int MaxLength = 16;

    private ulong _word0;
    private ulong _word1;

    /// <summary>True when no symbol is given.</summary>
    public readonly bool IsEmpty => (_word0 | _word1) == 0;

    /// <summary>Makes a symbol from text; false when empty, too long or not printable ASCII.</summary>
    public static bool TryCreate(ReadOnlySpan<char> text, out Symbol symbol)
    {
        symbol = default;
        return text.Length > 0 && AsciiText.TryWrite(text, AsciiText.Bytes(ref symbol));
    }

    /// <summary>Makes a symbol from text, throwing <see cref="ArgumentException"/> when invalid.</summary>
    public static Symbol From(string text) =>
        TryCreate(text, out var symbol) ? symbol : throw new ArgumentException($"not a symbol: '{text}'", nameof(text));

    /// <summary>True when non-empty printable ASCII followed only by padding.</summary>
    public readonly bool IsValid()
    {
        var copy = this;
        return !IsEmpty && AsciiText.IsValid(AsciiText.Bytes(ref copy));
    }

    /// <summary>A 64-bit hash for the state hash.</summary>
    public readonly ulong Hash64() => Mix.Combine(_word0, _word1);

    /// <inheritdoc />
    public readonly override string ToString()
    {
        var copy = this;
        return AsciiText.ToString(AsciiText.Bytes(ref copy));
    }
}
