namespace Matcher.Gateways.Fix.Codec;

/// <summary>
/// FIX 4.4's data fields, whose value may contain SOH, each with the length field that precedes it
/// (RawDataLength 95 then RawData 96, and so on). The parser takes a data field's value by that length.
/// </summary>
internal static class FixDataFields
{
    /// <summary>The length tag that must precede <paramref name="dataTag"/>, or 0 when it is not a data field.</summary>
    public static int LengthTagOf(int dataTag) => dataTag switch
    {
        89 => 93, // Signature / SignatureLength
        91 => 90, // SecureData / SecureDataLen
        96 => 95, // RawData / RawDataLength
        213 => 212, // XmlData / XmlDataLen
        349 => 348, // EncodedIssuer
        351 => 350, // EncodedSecurityDesc
        353 => 352, // EncodedListExecInst
        355 => 354, // EncodedText
        357 => 356, // EncodedSubject
        359 => 358, // EncodedHeadline
        361 => 360, // EncodedAllocText
        363 => 362, // EncodedUnderlyingIssuer
        365 => 364, // EncodedUnderlyingSecurityDesc
        446 => 445, // EncodedListStatusText
        619 => 618, // EncodedLegIssuer
        622 => 621, // EncodedLegSecurityDesc
        _ => 0,
    };

    /// <summary>True when <paramref name="tag"/> is the length field of a data field.</summary>
    public static bool IsLengthTag(int tag) => tag is 93 or 90 or 95 or 212 or 348 or 350 or 352 or 354 or 356 or 358
        or 360 or 362 or 364 or 445 or 618 or 621;
}
