using System.Globalization;
using System.Net.WebSockets;
using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>Why and how a connection ended: the server's Goodbye, the WebSocket close, or the error that ended it.</summary>
public sealed class ConnectionClosed
{
    /// <summary>The Goodbye the server sent before closing, if it sent one.</summary>
    public Goodbye? Goodbye { get; init; }

    /// <summary>The WebSocket close status the peer sent, if the close handshake happened.</summary>
    public WebSocketCloseStatus? CloseStatus { get; init; }

    /// <summary>The WebSocket close description the peer sent.</summary>
    public string? CloseDescription { get; init; }

    /// <summary>The error that ended the connection (network, protocol, a throwing handler), if any.</summary>
    public Exception? Error { get; init; }

    /// <summary>True when this client asked to close (<see cref="MatcherClient.CloseAsync"/> or dispose).</summary>
    public bool ClosedByClient { get; init; }

    /// <summary>The Goodbye's code, or 0.</summary>
    public ushort GoodbyeCode => Goodbye?.Code ?? 0;

    /// <summary>The Goodbye's text, or null.</summary>
    public string? GoodbyeText => Goodbye is { } goodbye ? goodbye.Text.ToString() : null;

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>(4);
        if (ClosedByClient)
        {
            parts.Add("closed by the client");
        }

        if (Goodbye is { } goodbye)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"Goodbye {(RejectCode)goodbye.Code} ({goodbye.Code}): {goodbye.Text}"));
        }

        if (CloseStatus is { } status)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"close {(int)status} {CloseDescription}").TrimEnd());
        }

        if (Error is not null)
        {
            parts.Add(Error.Message);
        }

        return parts.Count == 0 ? "connection lost" : string.Join("; ", parts);
    }
}
