namespace Matcher.Cli.FixLoad;

/// <summary>Who a <see cref="FixClient"/> is and how it logs on.</summary>
/// <param name="SenderCompId">Our SenderCompID (49); the acceptor's TargetCompID for this session.</param>
/// <param name="TargetCompId">The acceptor's SenderCompID (56), e.g. MATCHER.</param>
internal sealed record FixClientOptions(string SenderCompId, string TargetCompId)
{
    /// <summary>HeartBtInt (108) in seconds: a Heartbeat goes out when nothing else has for this long.</summary>
    public int HeartbeatSeconds { get; init; } = 30;

    /// <summary>Username (553) on Logon, if any.</summary>
    public string? Username { get; init; }

    /// <summary>Password (554) on Logon, if any.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Whether Logon carries ResetSeqNumFlag (141=Y), so both sides start at 1 whatever a persistent store
    /// remembers from an earlier run. A load client keeps no store, so this is the default.
    /// </summary>
    public bool ResetSequenceNumbers { get; init; } = true;
}
