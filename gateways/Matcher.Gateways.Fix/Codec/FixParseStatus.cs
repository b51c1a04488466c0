namespace Matcher.Gateways.Fix.Codec;

/// <summary>What <see cref="FixParser"/> found at the front of its buffer.</summary>
public enum FixParseStatus
{
    /// <summary>One whole, well-framed message was parsed.</summary>
    Complete,

    /// <summary>The buffer holds the start of a message but not all of it; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>
    /// The framing is broken (BeginString is not FIX.4.4, BodyLength or CheckSum wrong, MsgType not the
    /// third field); the parser says how many bytes to skip to the next <c>8=FIX</c>.
    /// </summary>
    Garbled,
}
