using System.Diagnostics.CodeAnalysis;

namespace Matcher.Core.Book;

/// <summary>
/// Live orders by order id: open addressing with linear probing over the orders
/// themselves. Order ids are sequential, so <c>id &amp; mask</c> spreads them evenly
/// without hashing, and a lookup costs the slot and the order it holds, one fewer
/// dependent load than a <c>Dictionary</c>'s bucket, entry and value (the 100-instrument
/// profile in docs/PERFORMANCE.md).
/// </summary>
/// <remarks>
/// Removal leaves a tombstone. Backward-shift deletion would have to scan to the end of
/// the cluster, and sequential ids make whole clusters of consecutive live orders (a
/// market maker's quotes): a cancel cost O(orders) that way. Tombstones are swept by
/// rehashing into a spare array of the same size, so steady state allocates nothing.
/// </remarks>
internal sealed class OrderIndex
{
    /// <summary>Marks a freed slot; its id (0) is never an order's.</summary>
    private static readonly Order _tombstone = new();

    private Order?[] _slots;
    private Order?[] _spare;
    private int _mask;
    private int _tombstones;

    public OrderIndex(int expectedOrders)
    {
        var capacity = 16;
        while (capacity < expectedOrders * 2)
        {
            capacity *= 2;
        }

        _slots = new Order?[capacity];
        _spare = new Order?[capacity];
        _mask = capacity - 1;
    }

    public int Count { get; private set; }

    public bool TryGetValue(long orderId, [NotNullWhen(true)] out Order? order)
    {
        var slots = _slots;
        for (var slot = (int)orderId & _mask; ; slot = (slot + 1) & _mask)
        {
            order = slots[slot];
            if (order is null)
            {
                return false;
            }

            if (order.Id == orderId && order != _tombstone)
            {
                return true;
            }
        }
    }

    /// <summary>Adds an order whose id is not in the index.</summary>
    public void Add(Order order)
    {
        if ((Count + _tombstones + 1) * 2 > _slots.Length)
        {
            Rehash(Count * 4 > _slots.Length ? _slots.Length * 2 : _slots.Length);
        }

        Insert(_slots, order);
        Count++;
    }

    public void Remove(Order order)
    {
        var slot = (int)order.Id & _mask;
        while (_slots[slot] != order)
        {
            slot = (slot + 1) & _mask;
        }

        _slots[slot] = _tombstone;
        Count--;
        _tombstones++;
    }

    private void Insert(Order?[] slots, Order order)
    {
        var slot = (int)order.Id & _mask;
        while (slots[slot] is { } taken)
        {
            if (taken == _tombstone)
            {
                _tombstones--;
                break;
            }

            slot = (slot + 1) & _mask;
        }

        slots[slot] = order;
    }

    /// <summary>Re-inserts the live orders without tombstones, into a table of <paramref name="capacity"/> slots.</summary>
    private void Rehash(int capacity)
    {
        var old = _slots;
        var target = _spare.Length == capacity ? _spare : new Order?[capacity];
        Array.Clear(target);
        _mask = capacity - 1;
        _tombstones = 0;
        foreach (var order in old)
        {
            if (order is not null && order != _tombstone)
            {
                Insert(target, order);
            }
        }

        _slots = target;
        _spare = old.Length == capacity ? old : new Order?[capacity];
    }
}
