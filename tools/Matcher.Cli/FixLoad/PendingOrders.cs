using System.Numerics;

namespace Matcher.Cli.FixLoad;

/// <summary>
/// One session's orders awaiting their first execution report: order number → send (or scheduled) timestamp,
/// in a power-of-two ring indexed by the order number. One thread adds, another completes.
/// </summary>
/// <remarks>
/// A slot holds the order number as well as the time, so a late report for an order whose slot has been
/// reused (a cancel report after a mass cancel, say) is told apart from the report of the slot's new order.
/// The closed loop never has more than its window outstanding, so a ring of at least the window never
/// overwrites a live slot; the open loop sizes the ring to the orders it plans and counts any overwrite in
/// <see cref="Overwritten"/> (that order is then reported missing).
/// </remarks>
internal sealed class PendingOrders
{
    private const long Free = -1;

    private readonly Slot[] _slots;
    private readonly long _mask;
    private long _added;
    private long _completed;
    private long _overwritten;

    /// <summary>A ring of at least <paramref name="capacity"/> slots (rounded up to a power of two).</summary>
    public PendingOrders(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 30);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new Slot[size];
        _mask = size - 1;
        for (var i = 0; i < size; i++)
        {
            _slots[i].Order = Free;
        }
    }

    /// <summary>Slots in the ring.</summary>
    public int Capacity => _slots.Length;

    /// <summary>Orders added.</summary>
    public long Added => Volatile.Read(ref _added);

    /// <summary>Orders completed by their first report.</summary>
    public long Completed => Volatile.Read(ref _completed);

    /// <summary>Orders whose slot was taken by a later order before their report came.</summary>
    public long Overwritten => Volatile.Read(ref _overwritten);

    /// <summary>Orders added and neither completed nor overwritten.</summary>
    public long Outstanding => Added - Completed - Overwritten;

    /// <summary>Records that order <paramref name="order"/> went (or was due) at <paramref name="timestamp"/>.</summary>
    /// <remarks>Call before the order is sent: the time is written before the order number publishes the slot.</remarks>
    public void Add(long order, long timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ref var slot = ref _slots[order & _mask];
        var previous = Interlocked.Exchange(ref slot.Order, Free);
        if (previous != Free)
        {
            Interlocked.Increment(ref _overwritten);
        }

        slot.Timestamp = timestamp;
        Volatile.Write(ref slot.Order, order);
        Interlocked.Increment(ref _added);
    }

    /// <summary>
    /// Completes order <paramref name="order"/> and gives its timestamp; false when it is not pending (already
    /// completed, never added, or overwritten).
    /// </summary>
    public bool TryComplete(long order, out long timestamp)
    {
        timestamp = 0;
        if (order < 0)
        {
            return false;
        }

        ref var slot = ref _slots[order & _mask];
        if (Volatile.Read(ref slot.Order) != order)
        {
            return false;
        }

        timestamp = slot.Timestamp;
        if (Interlocked.CompareExchange(ref slot.Order, Free, order) != order)
        {
            return false;
        }

        Interlocked.Increment(ref _completed);
        return true;
    }

    private struct Slot
    {
        public long Order;
        public long Timestamp;
    }
}
