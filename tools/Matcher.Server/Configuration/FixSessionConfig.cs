namespace Matcher.Server.Configuration;

/// <summary>One FIX session that may log on (an entry of <c>Matcher:Fix:Sessions</c>).</summary>
public sealed class FixSessionConfig
{
    /// <summary>Stable numeric id; the engine records it as the origin of the session's orders, so never reuse one.</summary>
    public int SessionId { get; set; }

    /// <summary>The client's SenderCompID (49).</summary>
    public string TargetCompId { get; set; } = "";

    /// <summary>The account the session trades for.</summary>
    public long AccountId { get; set; }

    /// <summary>When set, Logon must carry Username (553) equal to it.</summary>
    public string? Username { get; set; }

    /// <summary>When set, Logon's Password (554) must match this hash (made by <c>matcher hash-password</c>).</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Whether the session's resting orders are cancelled when it disconnects.</summary>
    public bool CancelOnDisconnect { get; set; }

    /// <summary>Application messages per second before the throttle rejects; 0 = no throttle.</summary>
    public int ThrottleMessagesPerSecond { get; set; }
}
