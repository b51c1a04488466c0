using Matcher.Gateways.WebSocket;

namespace Matcher.Server.Configuration;

/// <summary>Configuration of the binary WebSocket gateway (section <c>Matcher:WebSocket</c>), served at <c>/ws</c> on the HTTP endpoint.</summary>
public sealed class WebSocketSettings
{
    /// <summary>Whether <c>/ws</c> accepts connections.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The keys that may log in, each for one account.</summary>
    public List<ApiKeyConfig> ApiKeys { get; set; } = [];

    /// <summary>Rate limit per connection, messages per second (every message but the Login).</summary>
    public int MessagesPerSecond { get; set; } = 5_000;

    /// <summary>The rate limit's burst.</summary>
    public int Burst { get; set; } = 10_000;

    /// <summary>The longest WebSocket message accepted (one or more protocol messages); a longer one closes the connection.</summary>
    public int MaxMessageBytes { get; set; } = 4_096;

    /// <summary>A connection's send queue: market data is dropped beyond half, the connection closed beyond all.</summary>
    public int MaxQueuedBytes { get; set; } = 4 << 20;

    /// <summary>How far a Login's timestamp may be from the server's clock.</summary>
    public int MaxClockSkewSeconds { get; set; } = 30;

    /// <summary>Instruments one connection may subscribe to.</summary>
    public int MaxSubscriptions { get; set; } = 64;

    /// <summary>Connections open at once, logged in or not; one more is closed with Goodbye <c>TooManyConnections</c>.</summary>
    public int MaxConnections { get; set; } = 1_000;

    /// <summary>Browser origins allowed besides the server's own (e.g. <c>https://trade.example.com</c>).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The gateway's options.</summary>
    public WebSocketGatewayOptions ToOptions() => new()
    {
        ApiKeys = [.. ApiKeys.Select(k => new ApiKey(k.Key, k.Secret, k.AccountId))],
        MessagesPerSecond = MessagesPerSecond,
        Burst = Burst,
        MaxMessageBytes = MaxMessageBytes,
        MaxQueuedBytes = MaxQueuedBytes,
        MaxClockSkew = TimeSpan.FromSeconds(MaxClockSkewSeconds),
        MaxSubscriptions = MaxSubscriptions,
        MaxConnections = MaxConnections,
    };

    internal void Validate(List<string> errors)
    {
        if (!Enabled)
        {
            return;
        }

        Positive(errors, MessagesPerSecond, nameof(MessagesPerSecond));
        Positive(errors, Burst, nameof(Burst));
        Positive(errors, MaxClockSkewSeconds, nameof(MaxClockSkewSeconds));
        Positive(errors, MaxSubscriptions, nameof(MaxSubscriptions));
        Positive(errors, MaxConnections, nameof(MaxConnections));
        if (MaxMessageBytes is < 256 or > 1 << 20)
        {
            errors.Add("Matcher:WebSocket:MaxMessageBytes must be 256 to 1048576");
        }

        if (MaxQueuedBytes < 64 << 10)
        {
            errors.Add("Matcher:WebSocket:MaxQueuedBytes must be at least 65536");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            var at = $"Matcher:WebSocket:ApiKeys:{i}";
            if (key.Key is not { Length: > 0 and <= 32 } || key.Key.Any(c => c is < '!' or > '~') || !keys.Add(key.Key))
            {
                errors.Add($"{at}:Key must be unique, 1 to 32 printable ASCII characters without spaces");
            }

            if (string.IsNullOrEmpty(key.Secret) || key.Secret.Length < 16)
            {
                errors.Add($"{at}:Secret must be at least 16 characters");
            }

            if (key.AccountId <= 0)
            {
                errors.Add($"{at}:AccountId must be positive");
            }
        }

        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                errors.Add($"Matcher:WebSocket:AllowedOrigins: '{origin}' is not an origin like https://host:port");
            }
        }
    }

    private static void Positive(List<string> errors, int value, string name)
    {
        if (value <= 0)
        {
            errors.Add($"Matcher:WebSocket:{name} must be positive");
        }
    }
}

/// <summary>One API key (an entry of <c>Matcher:WebSocket:ApiKeys</c>).</summary>
public sealed class ApiKeyConfig
{
    /// <summary>The key clients send in their Login.</summary>
    public string Key { get; set; } = "";

    /// <summary>The HMAC secret; never logged.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The account the key trades for.</summary>
    public long AccountId { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"ApiKey {Key} (account {AccountId})";
}
