using System.Numerics;
using Matcher.Core.Pipeline;
using Matcher.Ring;

namespace Matcher.Server.Configuration;

/// <summary>Configuration of the rings and how their consumers wait (section <c>Matcher:Rings</c>).</summary>
/// <remarks>
/// Busy-spin waiting burns a whole core per consumer; on a machine with fewer cores than
/// consumers it starves everything else, so the defaults block.
/// </remarks>
public sealed class RingSettings
{
    /// <summary>Slots of the inbound (command) ring; a power of two.</summary>
    public int InboundSize { get; set; } = 1 << 16;

    /// <summary>Slots of the outbound (event) ring; a power of two.</summary>
    public int OutboundSize { get; set; } = 1 << 16;

    /// <summary>What a gateway does when the inbound ring is full: <c>Wait</c> or <c>Reject</c>.</summary>
    public RingFullPolicy WhenFull { get; set; } = RingFullPolicy.Wait;

    /// <summary>How the journaler waits for commands.</summary>
    public WaitStrategyKind JournalerWait { get; set; } = WaitStrategyKind.Blocking;

    /// <summary>How the core waits for journaled commands.</summary>
    public WaitStrategyKind CoreWait { get; set; } = WaitStrategyKind.Blocking;

    /// <summary>How the responders wait for events.</summary>
    public WaitStrategyKind ResponderWait { get; set; } = WaitStrategyKind.Blocking;

    internal void Validate(List<string> errors)
    {
        foreach (var (name, size) in new[] { ("InboundSize", InboundSize), ("OutboundSize", OutboundSize) })
        {
            if (size < 64 || !BitOperations.IsPow2(size))
            {
                errors.Add($"Matcher:Rings:{name} must be a power of two of at least 64 (is {size})");
            }
        }

        foreach (var (name, kind) in new[] { ("JournalerWait", JournalerWait), ("CoreWait", CoreWait), ("ResponderWait", ResponderWait) })
        {
            if (!Enum.IsDefined(kind))
            {
                errors.Add($"Matcher:Rings:{name} '{kind}' is not one of Blocking, Yielding, Sleeping, BusySpin");
            }
        }

        if (!Enum.IsDefined(WhenFull))
        {
            errors.Add($"Matcher:Rings:WhenFull '{WhenFull}' is not one of Wait, Reject");
        }
    }
}
