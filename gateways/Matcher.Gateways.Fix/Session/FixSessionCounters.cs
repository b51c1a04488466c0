namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// Monotonic counters of one session for <c>/metrics</c>. The session updates them with
/// <see cref="Interlocked"/>; read them with <see cref="Volatile.Read(ref readonly long)"/>.
/// </summary>
public sealed class FixSessionCounters
{
    /// <summary>Messages received that were parsed (garbled ones are not counted).</summary>
    public long MessagesIn;

    /// <summary>Messages sent with a new MsgSeqNum (resends are not counted again).</summary>
    public long MessagesOut;

    /// <summary>Session-level Rejects (35=3) sent.</summary>
    public long SessionRejects;

    /// <summary>BusinessMessageRejects (35=j) sent by the session layer (throttle).</summary>
    public long BusinessRejects;

    /// <summary>Application messages refused by the throttle.</summary>
    public long Throttled;

    /// <summary>ResendRequests answered.</summary>
    public long ResendRequestsServed;

    /// <summary>Successful logons.</summary>
    public long Logons;

    /// <summary>Disconnects of logged-on connections.</summary>
    public long Disconnects;

    /// <summary>Garbled messages ignored.</summary>
    public long Garbled;
}
