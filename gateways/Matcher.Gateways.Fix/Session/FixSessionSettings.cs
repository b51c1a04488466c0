namespace Matcher.Gateways.Fix.Session;

/// <summary>One FIX session the acceptor accepts: who the counterparty is and how the session behaves.</summary>
public sealed class FixSessionSettings
{
    /// <summary>A stable numeric id; the application uses it as the session in engine commands' origin.</summary>
    public required int SessionId { get; init; }

    /// <summary>Our CompID (the acceptor's), e.g. <c>MATCHER</c>: inbound TargetCompID (56) must equal it.</summary>
    public required string SenderCompId { get; init; }

    /// <summary>The client's CompID: inbound SenderCompID (49) must equal it.</summary>
    public required string TargetCompId { get; init; }

    /// <summary>The account the session trades for; the session layer does not read it, the application does.</summary>
    public long AccountId { get; init; }

    /// <summary>When set, Logon must carry Username (553) equal to it.</summary>
    public string? Username { get; init; }

    /// <summary>When set, Logon's Password (554) must verify against it (<see cref="FixPasswordHash"/>).</summary>
    public string? PasswordHash { get; init; }

    /// <summary>The shortest HeartBtInt (108) a Logon may ask for, in seconds.</summary>
    public int MinHeartBtInt { get; init; } = 1;

    /// <summary>The longest HeartBtInt (108) a Logon may ask for, in seconds.</summary>
    public int MaxHeartBtInt { get; init; } = 300;

    /// <summary>How far SendingTime (52) may be from our clock before the message is rejected and the session ends.</summary>
    public TimeSpan MaxSendingTimeSkew { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Application messages per second a client may send (a token bucket with a one-second burst); 0 = no throttle.</summary>
    public int ThrottleMessagesPerSecond { get; init; }

    /// <summary>Whether the session's orders are cancelled when it disconnects; the application reads it.</summary>
    public bool CancelOnDisconnect { get; init; }
}
