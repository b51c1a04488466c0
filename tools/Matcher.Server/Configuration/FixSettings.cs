namespace Matcher.Server.Configuration;

/// <summary>Configuration of the FIX 4.4 acceptor (section <c>Matcher:Fix</c>).</summary>
public sealed class FixSettings
{
    /// <summary>Whether the acceptor runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address to listen on; loopback unless deliberately opened.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (printed at start).</summary>
    public int Port { get; set; } = 9878;

    /// <summary>Our SenderCompID: what clients put in TargetCompID (56).</summary>
    public string CompId { get; set; } = "MATCHER";

    /// <summary>Whether each session's message store is fsynced before its messages are sent.</summary>
    public bool FsyncStore { get; set; } = true;

    /// <summary>Bytes a client may leave unread before it is disconnected as too slow.</summary>
    public int MaxOutboundBufferBytes { get; set; } = 8 << 20;

    /// <summary>The sessions that may log on.</summary>
    public List<FixSessionConfig> Sessions { get; set; } = [];

    private static bool IsCompId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => c is > ' ' and < (char)127 and not '=');

    internal void Validate(List<string> errors)
    {
        if (!Enabled)
        {
            return;
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"Matcher:Fix:Port {Port} is not a TCP port");
        }

        if (!System.Net.IPAddress.TryParse(Address, out _))
        {
            errors.Add($"Matcher:Fix:Address '{Address}' is not an IP address");
        }

        if (!IsCompId(CompId))
        {
            errors.Add($"Matcher:Fix:CompId '{CompId}' must be 1 to 64 printable ASCII characters without '=' or spaces");
        }

        if (MaxOutboundBufferBytes < 64 << 10)
        {
            errors.Add("Matcher:Fix:MaxOutboundBufferBytes must be at least 65536");
        }

        var ids = new HashSet<int>();
        var compIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Sessions.Count; i++)
        {
            var s = Sessions[i];
            var at = $"Matcher:Fix:Sessions:{i}";
            if (s.SessionId <= 0 || !ids.Add(s.SessionId))
            {
                errors.Add($"{at}:SessionId {s.SessionId} must be positive and unique");
            }

            if (!IsCompId(s.TargetCompId) || !compIds.Add(s.TargetCompId))
            {
                errors.Add($"{at}:TargetCompId '{s.TargetCompId}' must be unique, 1 to 64 printable ASCII characters without '=' or spaces");
            }

            if (s.AccountId <= 0)
            {
                errors.Add($"{at}:AccountId must be positive");
            }

            if (s.PasswordHash is { } hash && !Gateways.Fix.Session.FixPasswordHash.IsWellFormed(hash))
            {
                errors.Add($"{at}:PasswordHash is not a hash made by 'matcher hash-password'");
            }

            if (s.ThrottleMessagesPerSecond < 0)
            {
                errors.Add($"{at}:ThrottleMessagesPerSecond must not be negative");
            }
        }
    }
}
