using Matcher.Gateways.Fix.Session;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Session;

public sealed class FixLogFormatTests
{
    [Test]
    public void Masked_Logon_HidesPasswordsAndKeepsTheRest()
    {
        var logon = TestMessages.Frame("35=A|49=C|56=M|34=1|52=20240305-13:45:10.123|98=0|108=30|553=user|554=hunter2|925=newpass|");

        var text = FixLogFormat.Masked(logon);

        Assert.That(text, Does.Contain("|553=user|554=***|925=***|"));
        Assert.That(text, Does.Not.Contain("hunter2"));
        Assert.That(text, Does.Not.Contain("newpass"));
        Assert.That(text, Does.StartWith("8=FIX.4.4|9="));
    }

    [Test]
    public void Masked_TagEndingIn554_IsNotMasked()
    {
        Assert.That(FixLogFormat.Masked([.. TestMessages.Ascii("1554=x|58=a"), 0xFF, .. TestMessages.Ascii("b|")]), Is.EqualTo("1554=x|58=a.b|"));
    }
}
