namespace Matcher.Gateways.Fix.Codec;

/// <summary>FIX 4.4 tag numbers used by the session and application layers.</summary>
public static class FixTags
{
#pragma warning disable CS1591 // One constant per FIX field; the name is the FIX field name.
    public const int Account = 1, AvgPx = 6, BeginSeqNo = 7, BeginString = 8, BodyLength = 9, CheckSum = 10, ClOrdID = 11,
        CumQty = 14, EndSeqNo = 16, ExecID = 17, ExecInst = 18, LastPx = 31, LastQty = 32, MsgSeqNum = 34, MsgType = 35,
        NewSeqNo = 36, OrderID = 37, OrderQty = 38, OrdStatus = 39, OrdType = 40, OrigClOrdID = 41, PossDupFlag = 43,
        Price = 44, RefSeqNum = 45, SenderCompID = 49, SendingTime = 52, Side = 54, Symbol = 55, TargetCompID = 56,
        Text = 58, TimeInForce = 59, TransactTime = 60, PossResend = 97, EncryptMethod = 98, HeartBtInt = 108,
        TestReqID = 112, OrigSendingTime = 122, GapFillFlag = 123, ExpireTime = 126, ResetSeqNumFlag = 141,
        NoRelatedSym = 146, ExecType = 150, LeavesQty = 151, MDReqID = 262, SubscriptionRequestType = 263,
        MarketDepth = 264, MDUpdateType = 265, NoMDEntryTypes = 267, NoMDEntries = 268, MDEntryType = 269,
        MDEntryPx = 270, MDEntrySize = 271, MDUpdateAction = 279, SecurityReqID = 320, SecurityResponseID = 322,
        SecurityRequestResult = 560, SecurityListRequestType = 559,
        NoSecurities = 146 /* same tag as NoRelatedSym in 4.4 */,
        RefTagID = 371, RefMsgType = 372, SessionRejectReason = 373, BusinessRejectRefID = 379,
        BusinessRejectReason = 380, OrdRejReason = 103, CxlRejReason = 102, CxlRejResponseTo = 434,
        MassCancelRequestType = 530, MassCancelResponse = 531, TotalAffectedOrders = 533, MassStatusReqID = 584,
        Username = 553, Password = 554, MinPriceIncrement = 969, ContractMultiplier = 231, RoundLot = 561, MinQty = 110,
        Currency = 15, SecurityStatus = 965, NextExpectedMsgSeqNum = 789, TestMessageIndicator = 464,
        LastMsgSeqNumProcessed = 369;

    // Added for the session layer and data (length-prefixed) fields.
    public const int SecureDataLen = 90, SecureData = 91, Signature = 89, SignatureLength = 93, RawDataLength = 95,
        RawData = 96, XmlDataLen = 212, XmlData = 213, EncodedTextLen = 354, EncodedText = 355, NewPassword = 925;
#pragma warning restore CS1591
}
