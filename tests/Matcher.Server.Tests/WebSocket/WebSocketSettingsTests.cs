using Matcher.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace Matcher.Server.Tests.WebSocket;

/// <summary>The gateway's settings (section <c>Matcher:WebSocket</c>) as bound, checked and handed to the gateway.</summary>
public sealed class WebSocketSettingsTests
{
    [Test]
    public void Bind_MaxConnections_ReachesTheGatewayOptions()
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Matcher:WebSocket:MaxConnections", "17")])
            .Build()
            .GetSection(ServerOptions.Section)
            .Get<ServerOptions>(o => o.ErrorOnUnknownConfiguration = true)!;

        Assert.That(options.WebSocket.MaxConnections, Is.EqualTo(17));
        Assert.That(options.WebSocket.ToOptions().MaxConnections, Is.EqualTo(17));
        Assert.That(new WebSocketSettings().MaxConnections, Is.EqualTo(1000), "the default");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Validate_MaxConnectionsNotPositive_IsAnError(int maxConnections)
    {
        var errors = new List<string>();
        new WebSocketSettings { MaxConnections = maxConnections }.Validate(errors);

        Assert.That(errors, Is.EqualTo(new[] { "Matcher:WebSocket:MaxConnections must be positive" }));
    }
}
