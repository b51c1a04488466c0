namespace Matcher.Protocol;

/// <summary>
/// The gateway's own reject codes (from 1000). Codes 1–999 are the core's reject reasons,
/// passed through with the same numbers (docs/CORE.md).
/// </summary>
public enum RejectCode : ushort
{
    /// <summary>Not a reject.</summary>
    None = 0,

    /// <summary>The core's <c>UnknownOrder</c> (5), used by the gateway for status requests.</summary>
    UnknownOrder = 5,

    /// <summary>Shorter than its template, a bad text field, or reserved flag bits set.</summary>
    Malformed = 1000,

    /// <summary>The template id is not one this server knows.</summary>
    UnknownTemplate = 1001,

    /// <summary>The schema version is newer than the server's.</summary>
    UnsupportedVersion = 1002,

    /// <summary>Order entry before a successful login.</summary>
    NotLoggedIn = 1003,

    /// <summary>A second Login on a connection.</summary>
    AlreadyLoggedIn = 1004,

    /// <summary>Unknown API key or wrong signature.</summary>
    AuthenticationFailed = 1005,

    /// <summary>The Login's timestamp is too far from the server's clock.</summary>
    StaleTimestamp = 1006,

    /// <summary>The Login's nonce was already used with this key.</summary>
    NonceReused = 1007,

    /// <summary>The connection's rate limit is exceeded.</summary>
    RateLimited = 1008,

    /// <summary>The inbound ring is full, or the server is stopping.</summary>
    SystemBusy = 1009,

    /// <summary>The connection holds the most subscriptions allowed.</summary>
    TooManySubscriptions = 1010,

    /// <summary>Unknown instrument, bad depth or bad channels.</summary>
    InvalidSubscription = 1011,

    /// <summary>The message is longer than the server accepts (Goodbye, then close).</summary>
    MessageTooLarge = 1012,

    /// <summary>The client does not read fast enough (Goodbye, then close).</summary>
    SlowConsumer = 1013,

    /// <summary>The server is stopping (Goodbye, then close).</summary>
    ServerStopping = 1014,

    /// <summary>A WebSocket text message (Goodbye, then close).</summary>
    TextMessage = 1015,

    /// <summary>The server holds the most connections allowed (Goodbye, then close).</summary>
    TooManyConnections = 1016,
}
