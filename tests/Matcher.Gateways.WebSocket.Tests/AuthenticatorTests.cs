using System.Security.Cryptography;
using System.Text;
using Matcher.Protocol;

namespace Matcher.Gateways.WebSocket.Tests;

public sealed class AuthenticatorTests
{
    private const long Now = 1_764_000_000_000_000_000;
    private static readonly TimeSpan _skew = TimeSpan.FromSeconds(30);

    private static (byte[] Frame, Login Login) Signed(string key, string secret, long timestampNs, ulong nonce)
    {
        var login = new Login { ApiKey = Chars32.From(key), TimestampNs = timestampNs, Nonce = nonce };
        var frame = new byte[Login.FixedLength];
        Codec.Write(ref login, frame);

        // Signed over the spec's bytes 8–55, laid out here independently of the codec's structs.
        var signed = new byte[48];
        Encoding.ASCII.GetBytes(key).CopyTo(signed, 0);
        BitConverter.GetBytes(timestampNs).CopyTo(signed, 32);
        BitConverter.GetBytes(nonce).CopyTo(signed, 40);
        Assert.That(frame.AsSpan(8, 48).ToArray(), Is.EqualTo(signed));
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed).CopyTo(frame, 56);
        Codec.TryRead(frame, out login);
        return (frame, login);
    }

    private static Authenticator Create() => new([new ApiKey("k1", "secret-one-xxxxxxx", 1001), new ApiKey("k2", "secret-two-xxxxxxx", 1002)], _skew);

    private static RejectCode Check(Authenticator authenticator, (byte[] Frame, Login Login) login, out long account) =>
        authenticator.Check(login.Frame, in login.Login, Now, out account);

    [Test]
    public void A_signed_login_gives_the_keys_account()
    {
        Assert.That(Check(Create(), Signed("k2", "secret-two-xxxxxxx", Now, 1), out var account), Is.EqualTo(RejectCode.None));
        Assert.That(account, Is.EqualTo(1002));
    }

    [Test]
    public void A_wrong_secret_and_an_unknown_key_get_the_same_code()
    {
        var authenticator = Create();
        Assert.That(Check(authenticator, Signed("k1", "secret-two-xxxxxxx", Now, 1), out var account), Is.EqualTo(RejectCode.AuthenticationFailed));
        Assert.That(account, Is.Zero);
        Assert.That(Check(authenticator, Signed("k9", "secret-one-xxxxxxx", Now, 2), out _), Is.EqualTo(RejectCode.AuthenticationFailed));
    }

    [Test]
    public void A_signature_over_other_bytes_is_refused()
    {
        var (frame, login) = Signed("k1", "secret-one-xxxxxxx", Now, 1);
        frame[50] ^= 1;
        Codec.TryRead(frame, out login);
        Assert.That(Create().Check(frame, in login, Now, out _), Is.EqualTo(RejectCode.AuthenticationFailed));
    }

    [TestCase(-30_000_000_001L, RejectCode.StaleTimestamp)]
    [TestCase(-30_000_000_000L, RejectCode.None)]
    [TestCase(30_000_000_000L, RejectCode.None)]
    [TestCase(30_000_000_001L, RejectCode.StaleTimestamp)]
    public void Timestamps_must_be_within_the_skew(long offsetNs, RejectCode expected) =>
        Assert.That(Check(Create(), Signed("k1", "secret-one-xxxxxxx", Now + offsetNs, 1), out _), Is.EqualTo(expected));

    [Test]
    public void A_nonce_is_good_once_per_key()
    {
        var authenticator = Create();
        Assert.That(Check(authenticator, Signed("k1", "secret-one-xxxxxxx", Now, 7), out _), Is.EqualTo(RejectCode.None));
        Assert.That(Check(authenticator, Signed("k1", "secret-one-xxxxxxx", Now + 1, 7), out _), Is.EqualTo(RejectCode.NonceReused));
        Assert.That(Check(authenticator, Signed("k2", "secret-two-xxxxxxx", Now, 7), out _), Is.EqualTo(RejectCode.None), "another key's nonces are its own");
    }

    [Test]
    public void A_replay_after_its_nonce_was_forgotten_is_stale()
    {
        var authenticator = Create();
        var login = Signed("k1", "secret-one-xxxxxxx", Now, 7);
        Assert.That(Check(authenticator, login, out _), Is.EqualTo(RejectCode.None));

        // A minute later the nonce may be purged, but the same Login is then out of the window.
        Assert.That(authenticator.Check(login.Frame, in login.Login, Now + 61_000_000_000, out _), Is.EqualTo(RejectCode.StaleTimestamp));
        Assert.That(authenticator.Check(login.Frame, in login.Login, Now + 1_000_000_000, out _), Is.EqualTo(RejectCode.NonceReused));
    }
}
