using Matcher.Gateways.Fix.Session;

namespace Matcher.Gateways.Fix.Tests.Session;

public sealed class FixPasswordHashTests
{
    [Test]
    public void Verify_RightAndWrongPassword_MatchesOnlyTheRightOne()
    {
        var hash = FixPasswordHash.Create("s3cret!", 1000);

        Assert.That(FixPasswordHash.Verify(hash, "s3cret!"), Is.True);
        Assert.That(FixPasswordHash.Verify(hash, "s3cret"), Is.False);
        Assert.That(FixPasswordHash.Verify(hash, ""), Is.False);
    }

    [Test]
    public void Create_SamePasswordTwice_UsesDifferentSalts()
    {
        var first = FixPasswordHash.Create("pw", 1000);
        var second = FixPasswordHash.Create("pw", 1000);

        Assert.That(first, Is.Not.EqualTo(second));
        Assert.That(first, Does.StartWith("pbkdf2-sha256$1000$"));
        Assert.That(first.Split('$'), Has.Length.EqualTo(4));
        Assert.That(FixPasswordHash.Verify(second, "pw"), Is.True);
    }

    [Test]
    public void Create_Default_UsesTheDefaultIterations()
    {
        Assert.That(FixPasswordHash.Create("pw"), Does.StartWith($"pbkdf2-sha256${FixPasswordHash.DefaultIterations}$"));
    }

    [Test]
    public void Verify_KnownVector_Matches()
    {
        // The published PBKDF2-HMAC-SHA256 vector: P="password", S="salt", c=1, dkLen=32 (120fb6cf...0be17b).
        const string Hash = "pbkdf2-sha256$1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=";
        Assert.That(FixPasswordHash.Verify(Hash, "password"), Is.True);
    }

    [TestCase("")]
    [TestCase("plain")]
    [TestCase("pbkdf2-sha256$x$c2FsdA==$Eg==")]
    [TestCase("pbkdf2-sha256$0$c2FsdA==$Eg==")]
    [TestCase("pbkdf2-sha1$1$c2FsdA==$Eg==")]
    [TestCase("pbkdf2-sha256$1$!!!$Eg==")]
    [TestCase("pbkdf2-sha256$1$c2FsdA==")]
    public void Verify_MalformedHash_IsFalse(string hash)
    {
        Assert.That(FixPasswordHash.Verify(hash, "password"), Is.False);
        Assert.That(FixPasswordHash.IsWellFormed(hash), Is.False);
    }
}
