using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Session;

/// <summary>The application above the FIX session layer. Every call comes on the session's own loop, one at a time.</summary>
public interface IFixApplication
{
    /// <summary>After a successful logon.</summary>
    void OnLogon(FixSession session);

    /// <summary>
    /// After the logout handshake (<paramref name="graceful"/>) or the loss of the connection (not graceful);
    /// once per connection that logged on.
    /// </summary>
    void OnDisconnect(FixSession session, bool graceful);

    /// <summary>
    /// An application message that passed the session's checks (in sequence, not a PossDup duplicate, not
    /// throttled). <paramref name="message"/> is valid only during the call.
    /// </summary>
    void OnMessage(FixSession session, FixMessage message);
}
