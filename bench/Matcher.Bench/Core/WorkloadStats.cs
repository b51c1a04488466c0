using Matcher.Core.Events;

namespace Matcher.Bench.Core;

/// <summary>What one phase of a generated workload asked for and what the core answered.</summary>
public sealed class WorkloadStats
{
    private readonly long[] _kinds = new long[Enum.GetValues<CommandKind>().Length];
    private readonly long[] _rejects = new long[ushort.MaxValue + 1];
    private readonly long[] _events = new long[ushort.MaxValue + 1];

    public long Commands { get; private set; }

    public long Events { get; private set; }

    public long Trades { get; private set; }

    /// <summary>Commands that caused at least one trade.</summary>
    public long CommandsWithTrades { get; private set; }

    public long Rejects { get; private set; }

    public long Kind(CommandKind kind) => _kinds[(int)kind];

    /// <summary>Reject reasons that occurred, most frequent first.</summary>
    public IEnumerable<(RejectReason Reason, long Count)> RejectReasons()
    {
        var reasons = new List<(RejectReason, long)>();
        for (var i = 0; i < _rejects.Length; i++)
        {
            if (_rejects[i] != 0)
            {
                reasons.Add(((RejectReason)i, _rejects[i]));
            }
        }

        reasons.Sort((a, b) => b.Item2.CompareTo(a.Item2));
        return reasons;
    }

    /// <summary>Event types that occurred, in numeric order.</summary>
    public IEnumerable<(EventType Type, long Count)> EventTypes()
    {
        for (var i = 0; i < _events.Length; i++)
        {
            if (_events[i] != 0)
            {
                yield return ((EventType)i, _events[i]);
            }
        }
    }

    public void Count(CommandKind kind, ReadOnlySpan<EngineEvent> events)
    {
        Commands++;
        _kinds[(int)kind]++;
        var traded = false;
        foreach (ref readonly var e in events)
        {
            Events++;
            _events[(int)e.Type]++;
            if (e.Type == EventType.Trade)
            {
                Trades++;
                traded = true;
            }
            else if (e.Type == EventType.Rejected)
            {
                Rejects++;
                _rejects[(int)e.RejectReason]++;
            }
        }

        if (traded)
        {
            CommandsWithTrades++;
        }
    }
}
