namespace Matcher.Core.Pipeline;

/// <summary>What a producer does when the inbound ring has no free slot.</summary>
public enum RingFullPolicy
{
    /// <summary>Wait for a slot: the producer (a gateway session) slows down, nothing is refused.</summary>
    Wait = 0,

    /// <summary>Refuse the command at once; the gateway answers the client with a "system busy" reject.</summary>
    Reject = 1,
}
