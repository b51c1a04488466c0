using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// Password hashes for <see cref="FixSessionSettings.PasswordHash"/>: PBKDF2 with HMAC-SHA256, written as
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;saltBase64&gt;$&lt;hashBase64&gt;</c>. Verification compares in
/// constant time. Neither passwords nor hashes are ever logged.
/// </summary>
public static class FixPasswordHash
{
    /// <summary>Iterations of <see cref="Create(string)"/> (OWASP's 2023 advice for PBKDF2-SHA256 is 600,000; a logon pays it once).</summary>
    public const int DefaultIterations = 600_000;

    private const string Prefix = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A new hash of <paramref name="password"/> with a random salt and <see cref="DefaultIterations"/>.</summary>
    public static string Create(string password) => Create(password, DefaultIterations);

    /// <summary>A new hash of <paramref name="password"/> with a random salt and <paramref name="iterations"/>.</summary>
    public static string Create(string password, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>; false for a malformed hash.</summary>
    public static bool Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Verify(hash, Encoding.UTF8.GetBytes(password));
    }

    /// <summary>True when the password bytes (as they came in field 554) match <paramref name="hash"/>.</summary>
    internal static bool Verify(string hash, ReadOnlySpan<byte> password)
    {
        if (!TryParse(hash, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HashBytes];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, actual[..expected.Length], iterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(actual[..expected.Length], expected);
    }

    /// <summary>True when <paramref name="hash"/> has the format <see cref="Create(string)"/> writes.</summary>
    public static bool IsWellFormed(string hash) => TryParse(hash, out _, out _, out _);

    private static bool TryParse(string hash, out int iterations, out byte[] salt, out byte[] expected)
    {
        iterations = 0;
        salt = expected = [];
        var parts = hash?.Split('$');
        if (parts is not { Length: 4 } || parts[0] != Prefix
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length > 0 && expected.Length is > 0 and <= HashBytes;
    }
}
