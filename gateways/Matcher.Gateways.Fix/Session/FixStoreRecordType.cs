namespace Matcher.Gateways.Fix.Session;

/// <summary>The kind of a message-store record; the numbers are on disk (pinned by a test).</summary>
internal enum FixStoreRecordType : ushort
{
    /// <summary>An outbound message: the sequence is its MsgSeqNum, the payload its bytes.</summary>
    Message = 1,

    /// <summary>The next inbound MsgSeqNum expected: the sequence field; no payload.</summary>
    NextTargetSeqNum = 2,
}
