using Matcher.Core.Commands;
using Matcher.Ring;

namespace Matcher.Core.Pipeline;

/// <summary>
/// The producers' side of the inbound ring: gateways, admin and timers publish commands
/// through it. Safe to call from any number of threads (the ring's sequencer must be the
/// multi-producer one).
/// </summary>
/// <remarks>
/// The command is copied into the ring slot; <see cref="Command.Sequence"/> and
/// <see cref="Command.TimestampNs"/> are left for the journaler to stamp. Once
/// <see cref="TryPublish"/> returns true the command will be journaled and processed
/// (unless the process dies first, in which case the client never saw an acknowledgement).
/// </remarks>
public sealed class CommandPublisher
{
    private readonly RingBuffer<Command> _ring;
    private readonly RingFullPolicy _whenFull;
    private long _published;
    private long _refused;
    private volatile bool _closed;

    /// <summary>Publishes into <paramref name="ring"/>, doing <paramref name="whenFull"/> when it has no free slot.</summary>
    public CommandPublisher(RingBuffer<Command> ring, RingFullPolicy whenFull)
    {
        _ring = ring;
        _whenFull = whenFull;
    }

    /// <summary>Commands published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Commands refused because the ring was full or the publisher closed.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>False once <see cref="Close"/> has been called: the server is shutting down.</summary>
    public bool IsOpen => !_closed;

    /// <summary>
    /// Copies <paramref name="command"/> into the ring. False when the publisher is closed,
    /// or when the ring is full and the policy is <see cref="RingFullPolicy.Reject"/>.
    /// </summary>
    public bool TryPublish(in Command command) => Publish(in command, _whenFull);

    /// <summary>
    /// As <see cref="TryPublish(in Command)"/>, but waits for a free slot whatever the policy:
    /// for the server's own start-up commands, which must not be refused.
    /// </summary>
    public bool PublishWaiting(in Command command) => Publish(in command, RingFullPolicy.Wait);

    private bool Publish(in Command command, RingFullPolicy whenFull)
    {
        if (_closed)
        {
            Interlocked.Increment(ref _refused);
            return false;
        }

        long sequence;
        if (whenFull == RingFullPolicy.Reject)
        {
            if (!_ring.TryNext(out sequence))
            {
                Interlocked.Increment(ref _refused);
                return false;
            }
        }
        else
        {
            sequence = _ring.Next();
        }

        ref var slot = ref _ring[sequence];
        slot = command;
        slot.Sequence = 0;
        slot.TimestampNs = 0;
        _ring.Publish(sequence);
        Interlocked.Increment(ref _published);
        return true;
    }

    /// <summary>Refuses every later command; those already published still run. Used on shutdown.</summary>
    public void Close() => _closed = true;
}
