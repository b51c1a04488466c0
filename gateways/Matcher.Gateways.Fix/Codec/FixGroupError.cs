namespace Matcher.Gateways.Fix.Codec;

/// <summary>What <see cref="FixGroupReader"/> found wrong with a repeating group.</summary>
public enum FixGroupError
{
    /// <summary>The group is as declared (or absent).</summary>
    None,

    /// <summary>The NumInGroup value is not a non-negative integer.</summary>
    BadCount,

    /// <summary>The entries found differ from the NumInGroup count (SessionRejectReason 16).</summary>
    CountMismatch,

    /// <summary>An entry does not start with the delimiter tag (SessionRejectReason 15).</summary>
    DelimiterMissing,
}
