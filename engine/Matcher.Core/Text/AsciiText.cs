using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Matcher.Core.Text;

/// <summary>
/// Fixed-width ASCII fields inside blittable structs: printable ASCII (0x20–0x7E),
/// zero-padded on the right, so an empty field is all zeros and equality is a
/// comparison of the raw words.
/// </summary>
public static class AsciiText
{
    /// <summary>The bytes of an unmanaged value, for the fixed-width text types.</summary>
    internal static Span<byte> Bytes<T>(ref T value)
        where T : unmanaged =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref value), Unsafe.SizeOf<T>());

    /// <summary>Writes <paramref name="text"/> zero-padded into <paramref name="destination"/>.</summary>
    /// <returns>False, writing nothing, when the text is too long or not printable ASCII.</returns>
    public static bool TryWrite(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.Length > destination.Length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = (byte)text[i];
        }

        destination[text.Length..].Clear();
        return true;
    }

    /// <summary>Copies ASCII bytes zero-padded into <paramref name="destination"/>.</summary>
    /// <returns>False, writing nothing, when too long or not printable ASCII.</returns>
    public static bool TryWrite(ReadOnlySpan<byte> ascii, Span<byte> destination)
    {
        if (ascii.Length > destination.Length || !IsPrintable(ascii))
        {
            return false;
        }

        ascii.CopyTo(destination);
        destination[ascii.Length..].Clear();
        return true;
    }

    /// <summary>True when the zero-padded field holds valid text: printable ASCII, then only padding.</summary>
    public static bool IsValid(ReadOnlySpan<byte> field)
    {
        var length = LengthOf(field);
        return IsPrintable(field[..length]) && !field[length..].ContainsAnyExcept((byte)0);
    }

    /// <summary>The text length: bytes before the first zero.</summary>
    public static int LengthOf(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return end < 0 ? field.Length : end;
    }

    /// <summary>The text as a string (off the hot path).</summary>
    public static string ToString(ReadOnlySpan<byte> field)
    {
        var length = LengthOf(field);
        return string.Create(length, field[..length].ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }
        });
    }

    private static bool IsPrintable(ReadOnlySpan<byte> ascii) =>
        !ascii.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);
}
