using System.Runtime.InteropServices;

namespace Matcher.Core.Commands;

/// <summary>
/// Where a command came from, so responders can route the events it causes. The core
/// copies it into events and stores it with resting orders, so a maker's fills reach the
/// maker's session.
/// </summary>
/// <param name="GatewayId">The gateway that produced the command (0: admin or timers).</param>
/// <param name="SessionId">The session within the gateway (a FIX session, a WebSocket connection).</param>
/// <param name="CorrelationId">The caller's id for the request, echoed in the events it causes.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Origin(ushort GatewayId, int SessionId, long CorrelationId);
