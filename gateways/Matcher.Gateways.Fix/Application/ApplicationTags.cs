namespace Matcher.Gateways.Fix.Application;

/// <summary>FIX 4.4 tags the application layer uses beyond the session layer's <see cref="Codec.FixTags"/>.</summary>
internal static class ApplicationTags
{
    public const int StopPx = 99;
    public const int MaxFloor = 111;
    public const int QuoteID = 117;
    public const int PegOffsetValue = 211;
    public const int DefBidSize = 293;
    public const int DefOfferSize = 294;
    public const int NoQuoteEntries = 295;
    public const int NoQuoteSets = 296;
    public const int QuoteStatus = 297;
    public const int QuoteCancelType = 298;
    public const int QuoteEntryID = 299;
    public const int QuoteRejectReason = 300;
    public const int QuoteResponseLevel = 301;
    public const int QuoteSetID = 302;
    public const int TotNoQuoteEntries = 304;
    public const int QuoteEntryRejectReason = 368;
    public const int BidPx = 132;
    public const int OfferPx = 133;
    public const int BidSize = 134;
    public const int OfferSize = 135;
    public const int ExecRestatementReason = 378;
    public const int MassCancelRejectReason = 532;
    public const int MinTradeVol = 562;
    public const int ClOrdLinkID = 583;
    public const int PegOffsetType = 836;
    public const int LastFragment = 893;
    public const int MDReqRejReason = 281;

    /// <summary>A FIX 5.0 tag we accept in 4.4 NewOrderSingle (documented in docs/FIX.md): 1 = one cancels the other.</summary>
    public const int ContingencyType = 1385;
}
