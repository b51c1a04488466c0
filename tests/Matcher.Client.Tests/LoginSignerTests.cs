using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Matcher.Protocol;

namespace Matcher.Client.Tests;

public sealed class LoginSignerTests
{
    /// <summary>Bytes 8–55 of a Login laid out by hand from the spec's table: apiKey char[32], timestampNs i64, nonce u64.</summary>
    private static byte[] SignedBytesByHand(string apiKey, long timestampNs, ulong nonce)
    {
        var bytes = new byte[48];
        Encoding.ASCII.GetBytes(apiKey).CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(32), timestampNs);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(40), nonce);
        return bytes;
    }

    [TestCase("demo-key-1001", "demo-secret-1001", 1_767_225_600_123_456_789L, 0x0123456789ABCDEFUL)]
    [TestCase("k", "", 0L, 0UL)]
    [TestCase("a-key-of-exactly-thirty-two-char", "sécret ünicode ✓", -1L, ulong.MaxValue)]
    public void Create_Signature_IsHmacSha256OfTheSecretOverBytes8To55(string apiKey, string secret, long timestampNs, ulong nonce)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = hmac.ComputeHash(SignedBytesByHand(apiKey, timestampNs, nonce));

        var login = LoginSigner.Create(apiKey, secret, timestampNs, nonce);
        var encoded = Frames.Encode(login);

        Assert.Multiple(() =>
        {
            Assert.That(encoded.AsSpan(8, 48).ToArray(), Is.EqualTo(SignedBytesByHand(apiKey, timestampNs, nonce)));
            Assert.That(encoded.AsSpan(56, 32).ToArray(), Is.EqualTo(expected));
            Assert.That(LoginSigner.Verify(login, Encoding.UTF8.GetBytes(secret)), Is.True);
            Assert.That(LoginSigner.Verify(login, Encoding.UTF8.GetBytes(secret + "x")), Is.False);
        });
    }

    [Test]
    public void Create_ChangedTimestampOrNonce_ChangesTheSignature()
    {
        var login = LoginSigner.Create("key", "secret", 1, 1);
        var laterTime = LoginSigner.Create("key", "secret", 2, 1);
        var otherNonce = LoginSigner.Create("key", "secret", 1, 2);

        Assert.Multiple(() =>
        {
            Assert.That(laterTime.Signature.AsSpan().ToArray(), Is.Not.EqualTo(login.Signature.AsSpan().ToArray()));
            Assert.That(otherNonce.Signature.AsSpan().ToArray(), Is.Not.EqualTo(login.Signature.AsSpan().ToArray()));
        });
    }

    [TestCase("")]
    [TestCase("a-key-that-is-longer-than-32-characters")]
    [TestCase("key\twith a tab")]
    public void Create_BadApiKey_Throws(string apiKey) =>
        Assert.That(() => LoginSigner.Create(apiKey, "secret", 1, 1), Throws.ArgumentException);

    [Test]
    public void Create_LongSecret_SignsWithTheWholeSecret()
    {
        var secret = new string('s', 1000);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));

        var login = LoginSigner.Create("key", secret, 5, 6);

        Assert.That(login.Signature.AsSpan().ToArray(), Is.EqualTo(hmac.ComputeHash(SignedBytesByHand("key", 5, 6))));
    }
}
