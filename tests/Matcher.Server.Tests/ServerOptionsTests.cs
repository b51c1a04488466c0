using Matcher.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace Matcher.Server.Tests;

public class ServerOptionsTests
{
    private static ServerOptions Bind(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build()
            .GetSection(ServerOptions.Section)
            .Get<ServerOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? new ServerOptions();

    [Test]
    public void Defaults_AreValid()
    {
        Assert.That(new ServerOptions().Validate(), Is.Empty);
    }

    [Test]
    public void Bind_EnumsAndSessions_FromConfigurationKeys()
    {
        var options = Bind(
            ("Matcher:Journal:Durability", "None"),
            ("Matcher:Rings:CoreWait", "Yielding"),
            ("Matcher:Rings:WhenFull", "Reject"),
            ("Matcher:Fix:Sessions:0:SessionId", "4"),
            ("Matcher:Fix:Sessions:0:TargetCompId", "MM1"),
            ("Matcher:Fix:Sessions:0:AccountId", "77"),
            ("Matcher:Fix:Sessions:0:CancelOnDisconnect", "true"));

        Assert.That(options.Journal.Durability, Is.EqualTo(Journal.Durability.None));
        Assert.That(options.Rings.CoreWait, Is.EqualTo(Ring.WaitStrategyKind.Yielding));
        Assert.That(options.Rings.WhenFull, Is.EqualTo(Core.Pipeline.RingFullPolicy.Reject));
        Assert.That(options.Fix.Sessions, Has.Count.EqualTo(1));
        Assert.That(options.Fix.Sessions[0].CancelOnDisconnect, Is.True);
        Assert.That(options.Validate(), Is.Empty);
    }

    [Test]
    public void Bind_MisspeltKey_Fails() =>
        Assert.Throws<InvalidOperationException>(() => Bind(("Matcher:Journal:Durabilty", "None")));

    [Test]
    public void Validate_DuplicateSessionsAndBadValues_ListsEveryProblem()
    {
        var options = new ServerOptions
        {
            Rings = new RingSettings { InboundSize = 1000 },
            Fix = new FixSettings
            {
                Port = 70000,
                Sessions =
                [
                    new FixSessionConfig { SessionId = 1, TargetCompId = "A", AccountId = 1 },
                    new FixSessionConfig { SessionId = 1, TargetCompId = "A", AccountId = 0, PasswordHash = "plain" },
                ],
            },
        };

        var errors = options.Validate();

        Assert.That(errors, Has.Some.Contains("InboundSize"));
        Assert.That(errors, Has.Some.Contains("Port 70000"));
        Assert.That(errors, Has.Some.Contains("Sessions:1:SessionId"));
        Assert.That(errors, Has.Some.Contains("Sessions:1:TargetCompId"));
        Assert.That(errors, Has.Some.Contains("Sessions:1:AccountId"));
        Assert.That(errors, Has.Some.Contains("Sessions:1:PasswordHash"));
    }
}
