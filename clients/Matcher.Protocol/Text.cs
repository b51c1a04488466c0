using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Matcher.Protocol;

/// <summary>
/// The rules of a <c>char[N]</c> field: printable ASCII (0x20–0x7E), left-aligned, padded
/// with zero bytes; all zero is empty.
/// </summary>
public static class AsciiField
{
    /// <summary>True when <paramref name="field"/> follows the rules.</summary>
    public static bool IsValid(ReadOnlySpan<byte> field)
    {
        var length = TextLength(field);
        for (var i = 0; i < length; i++)
        {
            if (field[i] is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return !field[length..].ContainsAnyExcept((byte)0);
    }

    /// <summary>The length of the text: the bytes before the first zero.</summary>
    public static int TextLength(ReadOnlySpan<byte> field)
    {
        var zero = field.IndexOf((byte)0);
        return zero < 0 ? field.Length : zero;
    }

    /// <summary>Writes <paramref name="text"/> into <paramref name="field"/>, zero-padded; false (field cleared) when it is too long or not printable ASCII.</summary>
    public static bool TryWrite(Span<byte> field, ReadOnlySpan<char> text)
    {
        field.Clear();
        if (text.Length > field.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is < ' ' or > '~')
            {
                field.Clear();
                return false;
            }

            field[i] = (byte)text[i];
        }

        return true;
    }

    /// <summary>Writes <paramref name="text"/> into <paramref name="field"/>; throws when it does not fit the rules.</summary>
    public static void Write(Span<byte> field, ReadOnlySpan<char> text)
    {
        if (!TryWrite(field, text))
        {
            throw new ArgumentException($"'{text}' is not 0–{field.Length} printable ASCII characters", nameof(text));
        }
    }

    /// <summary>The text of a field (up to the first zero byte).</summary>
    public static string Read(ReadOnlySpan<byte> field) =>
        System.Text.Encoding.ASCII.GetString(field[..TextLength(field)]);
}

/// <summary>A <c>char[16]</c> field (symbols, asset codes).</summary>
[InlineArray(16)]
public struct Chars16
{
    private byte _element0;

    /// <summary>The field holding <paramref name="text"/>; throws when it does not fit.</summary>
    public static Chars16 From(string text)
    {
        var field = default(Chars16);
        AsciiField.Write(field, text);
        return field;
    }

    /// <summary>The field's bytes.</summary>
    public Span<byte> AsSpan() => MemoryMarshal.CreateSpan(ref _element0, 16);

    /// <inheritdoc />
    public override string ToString() => AsciiField.Read(AsSpan());
}

/// <summary>A <c>char[32]</c> field (API keys, client order ids).</summary>
[InlineArray(32)]
public struct Chars32
{
    private byte _element0;

    /// <summary>The field holding <paramref name="text"/>; throws when it does not fit.</summary>
    public static Chars32 From(string text)
    {
        var field = default(Chars32);
        AsciiField.Write(field, text);
        return field;
    }

    /// <summary>The field's bytes.</summary>
    public Span<byte> AsSpan() => MemoryMarshal.CreateSpan(ref _element0, 32);

    /// <inheritdoc />
    public override string ToString() => AsciiField.Read(AsSpan());
}

/// <summary>A <c>char[64]</c> field (reject and goodbye texts).</summary>
[InlineArray(64)]
public struct Chars64
{
    private byte _element0;

    /// <summary>The field holding as much of <paramref name="text"/> as fits, non-printable characters replaced by '?'.</summary>
    public static Chars64 FromLossy(string text)
    {
        var field = default(Chars64);
        var span = field.AsSpan();
        var length = Math.Min(text.Length, span.Length);
        for (var i = 0; i < length; i++)
        {
            span[i] = text[i] is >= ' ' and <= '~' ? (byte)text[i] : (byte)'?';
        }

        return field;
    }

    /// <summary>The field's bytes.</summary>
    public Span<byte> AsSpan() => MemoryMarshal.CreateSpan(ref _element0, 64);

    /// <inheritdoc />
    public override string ToString() => AsciiField.Read(AsSpan());
}

/// <summary>32 raw bytes (the Login's HMAC-SHA256 signature).</summary>
[InlineArray(32)]
public struct Bytes32
{
    private byte _element0;

    /// <summary>The bytes.</summary>
    public Span<byte> AsSpan() => MemoryMarshal.CreateSpan(ref _element0, 32);
}
