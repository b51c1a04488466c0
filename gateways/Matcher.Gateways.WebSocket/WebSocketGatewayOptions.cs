namespace Matcher.Gateways.WebSocket;

/// <summary>An API key: who may log in, and for which account.</summary>
/// <param name="Key">The key (printable ASCII, 1–32 characters), sent in the Login.</param>
/// <param name="Secret">The HMAC secret; never logged.</param>
/// <param name="AccountId">The account every request of the connection acts for.</param>
public sealed record ApiKey(string Key, string Secret, long AccountId)
{
    /// <inheritdoc />
    public override string ToString() => $"ApiKey {{ Key = {Key}, AccountId = {AccountId} }}";
}

/// <summary>The gateway's limits and credentials (docs/WEBSOCKET.md, "Protections").</summary>
public sealed class WebSocketGatewayOptions
{
    /// <summary>The keys that may log in.</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];

    /// <summary>The rate limit per connection, in messages per second (every message but the Login).</summary>
    public int MessagesPerSecond { get; init; } = 5_000;

    /// <summary>The rate limit's burst.</summary>
    public int Burst { get; init; } = 10_000;

    /// <summary>The longest WebSocket message accepted (one or more protocol messages); a longer one closes the connection.</summary>
    public int MaxMessageBytes { get; init; } = 4_096;

    /// <summary>The most bytes a connection's send queue holds; market data is dropped beyond half of it, and beyond all of it the connection is closed.</summary>
    public int MaxQueuedBytes { get; init; } = 4 << 20;

    /// <summary>How far a Login's timestamp may be from the server's clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Instruments one connection may subscribe to.</summary>
    public int MaxSubscriptions { get; init; } = 64;

    /// <summary>Connections open at once, logged in or not; one more gets a Goodbye (<c>TooManyConnections</c>) and is closed.</summary>
    public int MaxConnections { get; init; } = 1_000;

    /// <summary>How long a closing connection may take to flush its last messages.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
