using Matcher.Core.Events;

namespace Matcher.Core.Tests;

/// <summary>A sink that writes into a fixed circular array, like a ring with no consumer: it never allocates.</summary>
internal sealed class RecycledEventSink : IEventSink
{
    private readonly EngineEvent[] _slots = new EngineEvent[1024];
    private readonly long[] _byType = new long[256];
    private long _next;

    public long Committed { get; private set; }

    public long LastAcceptedOrderId { get; private set; }

    public long Trades { get; private set; }

    /// <summary>How many events of <paramref name="type"/> were committed.</summary>
    public long Count(EventType type) => _byType[(int)type];

    public ref EngineEvent Claim() => ref _slots[_next & (_slots.Length - 1)];

    public void Commit()
    {
        ref var e = ref _slots[_next & (_slots.Length - 1)];
        if (e.Type == EventType.OrderAccepted)
        {
            LastAcceptedOrderId = e.OrderId;
        }
        else if (e.Type == EventType.Trade)
        {
            Trades++;
        }

        _byType[(int)e.Type]++;
        _next++;
        Committed++;
    }

    public void EndOfCommand()
    {
    }
}
