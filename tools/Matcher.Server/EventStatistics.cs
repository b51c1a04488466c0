using Matcher.Core.Events;
using Matcher.Ring;

namespace Matcher.Server;

/// <summary>
/// An outbound-ring consumer that counts events by type and rejects by reason, for
/// <c>/metrics</c>. Written by its own consumer thread only; read by the HTTP thread with
/// volatile reads, so a scrape sees each counter at some recent value.
/// </summary>
public sealed class EventStatistics : IEntryHandler<EngineEvent>
{
    private readonly long[] _byType = new long[Enum.GetValues<EventType>().Max(t => (int)t) + 1];
    private readonly long[] _rejectsByReason = new long[Enum.GetValues<RejectReason>().Max(r => (int)r) + 1];
    private long _lastCommandSequence;

    /// <summary>The sequence of the last command whose events were seen.</summary>
    public long LastCommandSequence => Volatile.Read(ref _lastCommandSequence);

    /// <inheritdoc />
    public void OnEvent(ref EngineEvent entry, long sequence, bool endOfBatch)
    {
        var type = (int)entry.Type;
        if ((uint)type < (uint)_byType.Length)
        {
            Volatile.Write(ref _byType[type], _byType[type] + 1);
        }

        if (entry.Type == EventType.Rejected && (uint)entry.RejectReason < (uint)_rejectsByReason.Length)
        {
            var reason = (int)entry.RejectReason;
            Volatile.Write(ref _rejectsByReason[reason], _rejectsByReason[reason] + 1);
        }

        Volatile.Write(ref _lastCommandSequence, entry.CommandSequence);
    }

    /// <summary>Events seen of <paramref name="type"/>.</summary>
    public long Events(EventType type) => (uint)type < (uint)_byType.Length ? Volatile.Read(ref _byType[(int)type]) : 0;

    /// <summary>Rejects seen for <paramref name="reason"/>.</summary>
    public long Rejects(RejectReason reason) =>
        (uint)reason < (uint)_rejectsByReason.Length ? Volatile.Read(ref _rejectsByReason[(int)reason]) : 0;
}
