namespace Matcher.Gateways.Fix.Codec;

/// <summary>BusinessRejectReason (380) values; the numbers are on the wire (pinned by a test).</summary>
public enum FixBusinessRejectReason
{
    /// <summary>0: other.</summary>
    Other = 0,

    /// <summary>1: unknown ID.</summary>
    UnknownId = 1,

    /// <summary>2: unknown security.</summary>
    UnknownSecurity = 2,

    /// <summary>3: unsupported message type.</summary>
    UnsupportedMessageType = 3,

    /// <summary>4: application not available.</summary>
    ApplicationNotAvailable = 4,

    /// <summary>5: conditionally required field missing.</summary>
    ConditionallyRequiredFieldMissing = 5,

    /// <summary>6: not authorized.</summary>
    NotAuthorized = 6,

    /// <summary>99: the session's message throttle was exceeded (Matcher's use of a value outside 4.4's list).</summary>
    ThrottleLimitExceeded = 99,
}
