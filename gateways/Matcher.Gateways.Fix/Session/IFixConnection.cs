namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// The session layer's view of a transport connection (the seam between session logic and the socket).
/// Output methods are called by the session's outbound writer only; <see cref="Abort"/> from anywhere.
/// </summary>
internal interface IFixConnection
{
    /// <summary>Unique among the acceptor's connections, never 0.</summary>
    long Id { get; }

    /// <summary>The peer's address, for logs.</summary>
    string Remote { get; }

    /// <summary>True once the connection is aborted or its output completed.</summary>
    bool IsClosed { get; }

    /// <summary>Buffers bytes to send.</summary>
    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>
    /// Hands what is buffered to the socket. When more than the outbound limit is still unsent: with
    /// <paramref name="waitForRoom"/> waits until the socket catches up (resends), otherwise aborts the
    /// connection as a slow consumer. False when the connection is gone.
    /// </summary>
    ValueTask<bool> FlushAsync(bool waitForRoom);

    /// <summary>Sends what is buffered, then shuts the socket's sending side; the connection closes when the peer does.</summary>
    void CompleteOutput();

    /// <summary>Closes the connection now; idempotent, thread-safe.</summary>
    void Abort(string reason);
}
