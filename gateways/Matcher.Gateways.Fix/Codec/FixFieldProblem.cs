namespace Matcher.Gateways.Fix.Codec;

/// <summary>
/// The first field of a well-framed message that cannot be a field (no tag number, empty value): the session
/// answers it with a Reject carrying <see cref="Reason"/> and, when known, <see cref="Tag"/> as RefTagID.
/// </summary>
/// <param name="Exists">True when there is a problem (the default value has none).</param>
/// <param name="Reason">The SessionRejectReason to send.</param>
/// <param name="Tag">The offending tag, or 0 when the tag itself is unreadable.</param>
internal readonly record struct FixFieldProblem(bool Exists, FixSessionRejectReason Reason, int Tag);
