namespace Matcher.Gateways.Fix.Session;

/// <summary>Which MsgTypes the session layer handles itself, and which a resend replaces by a gap fill.</summary>
internal static class SessionMessageTypes
{
    /// <summary>Heartbeat, TestRequest, ResendRequest, Reject, SequenceReset, Logout, Logon: never given to the application.</summary>
    public static bool IsSessionLevel(ReadOnlySpan<byte> msgType) =>
        msgType.Length == 1 && msgType[0] is (byte)'0' or (byte)'1' or (byte)'2' or (byte)'3' or (byte)'4' or (byte)'5' or (byte)'A';

    /// <summary>
    /// The admin messages a resend replaces with SequenceReset-GapFill: Logon, Heartbeat, TestRequest,
    /// ResendRequest, SequenceReset, Logout. Session Rejects (3) are resent: they carry news for the client.
    /// </summary>
    public static bool IsAdmin(ReadOnlySpan<byte> msgType) =>
        msgType.Length == 1 && msgType[0] is (byte)'0' or (byte)'1' or (byte)'2' or (byte)'4' or (byte)'5' or (byte)'A';

    /// <summary>FIX 4.4 MsgTypes are one or two letters or digits.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> msgType)
    {
        if (msgType.Length is < 1 or > 2)
        {
            return false;
        }

        foreach (var b in msgType)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
