using System.IO.Pipelines;
using System.Net.Sockets;

namespace Matcher.Gateways.Fix.Transport;

/// <summary>Copies what is written to a pipe onto a socket: the send loop of both ends of a FIX connection.</summary>
public static class PipeToSocket
{
    /// <summary>
    /// Sends every buffered segment, whole, until the pipe's writer completes (or the read is
    /// cancelled). Socket errors propagate to the caller, which decides what they end; the
    /// reader is left for the caller to complete.
    /// </summary>
    public static async Task PumpAsync(PipeReader reader, Socket socket)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(socket);
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            foreach (var segment in buffer)
            {
                for (var sent = 0; sent < segment.Length;)
                {
                    sent += await socket.SendAsync(segment[sent..], SocketFlags.None).ConfigureAwait(false);
                }
            }

            reader.AdvanceTo(buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }
}
