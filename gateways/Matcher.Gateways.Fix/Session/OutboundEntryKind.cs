namespace Matcher.Gateways.Fix.Session;

/// <summary>What an <see cref="OutboundEntry"/> asks the outbound writer to do.</summary>
internal enum OutboundEntryKind
{
    /// <summary>Store the message (payload) under its MsgSeqNum, then send it if its connection is current.</summary>
    Message = 1,

    /// <summary>Store the next inbound MsgSeqNum (<see cref="OutboundEntry.Sequence"/>).</summary>
    NextTargetSeqNum = 2,

    /// <summary>Start a new, empty store (ResetSeqNumFlag).</summary>
    Reset = 3,

    /// <summary>Answer a ResendRequest for <see cref="OutboundEntry.Sequence"/> to <see cref="OutboundEntry.EndSequence"/>.</summary>
    Resend = 4,

    /// <summary>After everything before it is sent, close the connection's output (then the connection).</summary>
    Close = 5,
}
