namespace Matcher.Gateways.Fix.Application;

/// <summary>FIX 4.4 tags the application layer uses beyond the session layer's <see cref="Codec.FixTags"/>.</summary>
internal static class ApplicationTags
{
    public const int ExecRestatementReason = 378;
    public const int MassCancelRejectReason = 532;
    public const int MinTradeVol = 562;
    public const int MDReqRejReason = 281;
}
