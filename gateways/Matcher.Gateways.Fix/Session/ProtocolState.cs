namespace Matcher.Gateways.Fix.Session;

/// <summary>Where a session's protocol is with its current connection.</summary>
internal enum ProtocolState
{
    /// <summary>No connection.</summary>
    Idle,

    /// <summary>A connection's Logon is being checked.</summary>
    LoggingOn,

    /// <summary>Logged on.</summary>
    LoggedOn,

    /// <summary>We sent Logout and wait for the client's.</summary>
    LogoutSent,

    /// <summary>The connection is ending: inbound messages are ignored.</summary>
    Closing,
}
