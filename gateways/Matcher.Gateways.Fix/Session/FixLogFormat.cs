using System.Text;

namespace Matcher.Gateways.Fix.Session;

/// <summary>Raw FIX for logs: SOH shown as <c>|</c>, other control and non-ASCII bytes as <c>.</c>, passwords masked.</summary>
public static class FixLogFormat
{
    /// <summary>The message as a loggable string with the values of Password (554) and NewPassword (925) replaced by <c>***</c>.</summary>
    public static string Masked(ReadOnlySpan<byte> message)
    {
        var text = new StringBuilder(message.Length);
        var fieldStart = true;
        var masking = false;
        for (var i = 0; i < message.Length; i++)
        {
            var b = message[i];
            if (b == 1)
            {
                text.Append('|');
                fieldStart = true;
                masking = false;
            }
            else if (masking)
            {
                continue;
            }
            else if (fieldStart && (message[i..].StartsWith("554="u8) || message[i..].StartsWith("925="u8)))
            {
                text.Append((char)message[i]).Append((char)message[i + 1]).Append((char)message[i + 2]).Append("=***");
                i += 3;
                masking = true;
                fieldStart = false;
            }
            else
            {
                fieldStart = false;
                text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
            }
        }

        return text.ToString();
    }
}
