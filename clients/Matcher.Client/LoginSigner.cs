using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>
/// Builds and signs the Login message: <c>signature = HMAC-SHA256(key: UTF-8 bytes of the API secret,
/// message: bytes 8–55 of the Login)</c>, i.e. over <c>apiKey ‖ timestampNs ‖ nonce</c> exactly as encoded
/// (docs/WEBSOCKET.md, "Authentication").
/// </summary>
public static class LoginSigner
{
    /// <summary>Secrets up to this many UTF-8 bytes are encoded on the stack.</summary>
    private const int StackSecretBytes = 256;

    /// <summary>A signed Login.</summary>
    /// <param name="apiKey">The API key: 1 to 32 printable ASCII characters.</param>
    /// <param name="secret">The API secret.</param>
    /// <param name="timestampNs">The client's clock, nanoseconds since the Unix epoch.</param>
    /// <param name="nonce">A number not used with this key within the server's clock-skew window.</param>
    /// <exception cref="ArgumentException">The key is empty, too long or not printable ASCII.</exception>
    public static Login Create(ReadOnlySpan<char> apiKey, ReadOnlySpan<char> secret, long timestampNs, ulong nonce)
    {
        if (apiKey.IsEmpty)
        {
            throw new ArgumentException("the API key must not be empty", nameof(apiKey));
        }

        var login = new Login { TimestampNs = timestampNs, Nonce = nonce };
        AsciiField.Write(login.ApiKey, apiKey);
        Sign(ref login, secret);
        return login;
    }

    /// <summary>Sets <paramref name="login"/>'s signature from its key, timestamp and nonce.</summary>
    public static void Sign(ref Login login, ReadOnlySpan<char> secret)
    {
        var length = Encoding.UTF8.GetByteCount(secret);
        byte[]? rented = null;
        var key = length <= StackSecretBytes ? stackalloc byte[StackSecretBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        key = key[..length];
        try
        {
            Encoding.UTF8.GetBytes(secret, key);
            Compute(ref login, key, login.Signature);
        }
        finally
        {
            // The secret does not outlive the call in our memory.
            CryptographicOperations.ZeroMemory(key);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>True when <paramref name="login"/> carries the signature <paramref name="secretUtf8"/> gives (for fake servers and tests).</summary>
    public static bool Verify(in Login login, ReadOnlySpan<byte> secretUtf8)
    {
        var copy = login;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(ref copy, secretUtf8, expected);
        return CryptographicOperations.FixedTimeEquals(expected, copy.Signature);
    }

    private static void Compute(ref Login login, ReadOnlySpan<byte> key, Span<byte> signature)
    {
        Span<byte> encoded = stackalloc byte[Login.FixedLength];
        var copy = login;
        Codec.Write(ref copy, encoded);
        HMACSHA256.HashData(key, encoded.Slice(Login.SignedOffset, Login.SignedLength), signature);
    }
}
