namespace Matcher.Client;

/// <summary>Settings of a <see cref="MatcherClient"/>.</summary>
public sealed class MatcherClientOptions
{
    /// <summary>How long the awaited requests (login, ping, instruments, subscribe) wait for their answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most bytes waiting to be sent while the socket is busy; a send beyond it throws
    /// <see cref="MatcherClientException"/> rather than let memory grow without bound.
    /// </summary>
    public int MaxQueuedSendBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The receive buffer's first size; it grows (doubling) for larger WebSocket messages such as deep snapshots.
    /// The default holds the server's largest batch of messages (64 KiB), so only a larger single message grows it.
    /// </summary>
    public int InitialReceiveBufferBytes { get; init; } = 64 * 1024;

    /// <summary>The largest WebSocket message accepted from the server; a larger one ends the connection.</summary>
    public int MaxReceiveMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Whether a book whose sequence has a gap subscribes again by itself (true) or stays stale.</summary>
    public bool ResubscribeOnGap { get; init; } = true;

    /// <summary>How long to wait before subscribing again when a resubscription was refused as rate-limited or busy.</summary>
    public TimeSpan ResubscribeRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The WebSocket keep-alive (ping frame) interval; <see cref="TimeSpan.Zero"/> turns it off.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="MatcherClient.CloseAsync"/> waits for queued sends and the server's close before aborting.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock of the Login timestamp.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
