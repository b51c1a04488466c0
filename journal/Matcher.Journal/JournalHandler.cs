using Matcher.Core.Commands;
using Matcher.Metrics;
using Matcher.Ring;

namespace Matcher.Journal;

/// <summary>
/// The journaler: the inbound ring's first consumer. It stamps each command with its
/// journal sequence and the time, appends it, and at the end of each batch commits
/// (group commit). The ring only advances this consumer's sequence after the handler
/// returns, so the core, which depends on it, never sees a command that is not durable
/// under the configured policy.
/// </summary>
public sealed class JournalHandler : IEntryHandler<Command>
{
    private readonly JournalWriter _writer;
    private readonly TimeProvider _clock;
    private readonly long _firstSequence;
    private long _batchSize;
    private long _lastTimestampNs;

    /// <summary>
    /// Journals into <paramref name="writer"/>; ring sequence 0 becomes journal sequence
    /// <see cref="JournalWriter.LastSequence"/> + 1.
    /// </summary>
    public JournalHandler(JournalWriter writer, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _clock = clock ?? TimeProvider.System;
        _firstSequence = writer.LastSequence + 1;
    }

    /// <summary>Batch sizes (commands per commit), for metrics.</summary>
    public LatencyHistogram BatchSizes { get; } = new(1 << 20);

    /// <inheritdoc />
    public void OnEvent(ref Command entry, long sequence, bool endOfBatch)
    {
        entry.Sequence = _firstSequence + sequence;
        // Never backwards, even if the wall clock steps back (NTP): time in force and
        // expiry in the core read it, and a command must not precede the one before it.
        _lastTimestampNs = Math.Max(_lastTimestampNs, (_clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100);
        entry.TimestampNs = _lastTimestampNs;
        _writer.Append(ref entry);
        _batchSize++;
        if (endOfBatch)
        {
            _writer.Commit();
            BatchSizes.Record(_batchSize);
            _batchSize = 0;
        }
    }
}
