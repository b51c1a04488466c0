using System.Runtime.InteropServices;

namespace Matcher.Gateways.Fix.Session;

/// <summary>The fixed header of one entry in an <see cref="OutboundQueue"/>; the payload follows it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OutboundEntry
{
    /// <summary>The header's size in the queue.</summary>
    public static readonly int Size = Marshal.SizeOf<OutboundEntry>();

    /// <summary>What to do.</summary>
    public OutboundEntryKind Kind;

    /// <summary>Bytes of payload after the header.</summary>
    public int PayloadLength;

    /// <summary>The MsgSeqNum, the next target MsgSeqNum, or a resend's first MsgSeqNum.</summary>
    public long Sequence;

    /// <summary>A resend's last MsgSeqNum.</summary>
    public long EndSequence;

    /// <summary>The connection to send to; 0 for store-only (nobody is logged on).</summary>
    public long ConnectionId;
}
