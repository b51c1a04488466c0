namespace Matcher.Gateways.Fix.Codec;

/// <summary>SessionRejectReason (373) values of FIX 4.4; the numbers are on the wire (pinned by a test).</summary>
public enum FixSessionRejectReason
{
    /// <summary>0: a tag is not a positive integer.</summary>
    InvalidTagNumber = 0,

    /// <summary>1: a required tag is missing.</summary>
    RequiredTagMissing = 1,

    /// <summary>2: the tag is not defined for this message type.</summary>
    TagNotDefinedForMessageType = 2,

    /// <summary>3: the tag is not defined.</summary>
    UndefinedTag = 3,

    /// <summary>4: <c>tag=</c> with an empty value.</summary>
    TagSpecifiedWithoutValue = 4,

    /// <summary>5: the value is out of range for the tag.</summary>
    ValueIsIncorrect = 5,

    /// <summary>6: the value has the wrong data format.</summary>
    IncorrectDataFormat = 6,

    /// <summary>7: decryption problem.</summary>
    DecryptionProblem = 7,

    /// <summary>8: signature problem.</summary>
    SignatureProblem = 8,

    /// <summary>9: SenderCompID or TargetCompID does not match the session.</summary>
    CompIdProblem = 9,

    /// <summary>10: SendingTime is too far from our clock.</summary>
    SendingTimeAccuracyProblem = 10,

    /// <summary>11: the MsgType is not valid.</summary>
    InvalidMsgType = 11,

    /// <summary>13: a tag appears more than once.</summary>
    TagAppearsMoreThanOnce = 13,

    /// <summary>14: a tag is out of its required order.</summary>
    TagSpecifiedOutOfRequiredOrder = 14,

    /// <summary>15: repeating group fields are out of order.</summary>
    RepeatingGroupFieldsOutOfOrder = 15,

    /// <summary>16: a NumInGroup count does not match the entries.</summary>
    IncorrectNumInGroupCount = 16,

    /// <summary>99: other.</summary>
    Other = 99,
}
