using System.Runtime.InteropServices;

namespace Matcher.Core.Commands;

/// <summary>
/// Where a command came from, so responders can route the events it causes: the gateway,
/// its session (a FIX session, a WebSocket connection) and the caller's correlation id.
/// The core copies it into events and stores it with resting orders, so a maker's fills
/// reach the maker's session.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Origin : IEquatable<Origin>
{
    /// <summary>The gateway that produced the command (0: admin or timers).</summary>
    public ushort GatewayId;

    /// <summary>The session within the gateway.</summary>
    public int SessionId;

    /// <summary>The caller's id for the request, echoed in the events it causes.</summary>
    public long CorrelationId;

    /// <summary>Makes an origin.</summary>
    public Origin(ushort gatewayId, int sessionId, long correlationId)
    {
        GatewayId = gatewayId;
        SessionId = sessionId;
        CorrelationId = correlationId;
    }

    /// <inheritdoc />
    public readonly bool Equals(Origin other) =>
        GatewayId == other.GatewayId && SessionId == other.SessionId && CorrelationId == other.CorrelationId;

    /// <inheritdoc />
    public readonly override bool Equals(object? obj) => obj is Origin other && Equals(other);

    /// <inheritdoc />
    public readonly override int GetHashCode() => HashCode.Combine(GatewayId, SessionId, CorrelationId);

    /// <summary>Equality.</summary>
    public static bool operator ==(Origin left, Origin right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Origin left, Origin right) => !left.Equals(right);
}
