using System.Net;

// In the Session namespace with the rest of the public session API (the contract the application is written against).
namespace Matcher.Gateways.Fix.Session;

/// <summary>Where and how the FIX acceptor listens and stores its sessions.</summary>
public sealed class FixAcceptorOptions
{
    /// <summary>The address to listen on; loopback and an ephemeral port by default.</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The directory of the session stores: one subdirectory <c>&lt;SenderCompId&gt;-&lt;TargetCompId&gt;</c> each.</summary>
    public required string StoreDirectory { get; init; }

    /// <summary>fsync the store once per batch of outbound messages before they go to the socket.</summary>
    public bool FsyncStore { get; init; } = true;

    /// <summary>
    /// The slow-consumer limit: when more than this many bytes wait for a client's socket, the client is
    /// disconnected (its messages stay in the store for a resend after it logs on again).
    /// </summary>
    public int MaxOutboundBufferBytes { get; init; } = 8 << 20;

    /// <summary>The largest inbound message accepted; a larger one (or a frame that claims to be) disconnects.</summary>
    public int MaxMessageBytes { get; init; } = 64 << 10;

    /// <summary>How long a new connection may take to send its Logon.</summary>
    public TimeSpan LogonTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The socket's send buffer (SO_SNDBUF) in bytes; 0 leaves the system's default.</summary>
    public int SocketSendBufferBytes { get; init; }
}
