using System.Diagnostics.CodeAnalysis;

namespace Matcher.Core.Book;

/// <summary>
/// Live orders by order id: open addressing with linear probing over the orders
/// themselves. Order ids are sequential, so <c>id &amp; mask</c> spreads them evenly
/// without hashing, and a lookup costs the slot and the order it holds, one fewer
/// dependent load than a <c>Dictionary</c>'s bucket, entry and value (the 100-instrument
/// profile in docs/PERFORMANCE.md).
/// </summary>
internal sealed class OrderIndex
{
    private Order?[] _slots;
    private int _mask;

    public OrderIndex(int expectedOrders)
    {
        var capacity = 16;
        while (capacity < expectedOrders * 2)
        {
            capacity *= 2;
        }

        _slots = new Order?[capacity];
        _mask = capacity - 1;
    }

    public int Count { get; private set; }

    public bool TryGetValue(long orderId, [NotNullWhen(true)] out Order? order)
    {
        var slots = _slots;
        for (var slot = (int)orderId & _mask; ; slot = (slot + 1) & _mask)
        {
            order = slots[slot];
            if (order is null || order.Id == orderId)
            {
                return order is not null;
            }
        }
    }

    public void Add(Order order)
    {
        if (Count * 2 >= _slots.Length)
        {
            Grow();
        }

        var slot = (int)order.Id & _mask;
        while (_slots[slot] is not null)
        {
            slot = (slot + 1) & _mask;
        }

        _slots[slot] = order;
        Count++;
    }

    /// <summary>Removes the order, shifting later members of its probe run back so lookups still find them.</summary>
    public void Remove(Order order)
    {
        var slot = (int)order.Id & _mask;
        while (_slots[slot] != order)
        {
            slot = (slot + 1) & _mask;
        }

        var hole = slot;
        for (slot = (hole + 1) & _mask; _slots[slot] is { } next; slot = (slot + 1) & _mask)
        {
            var home = (int)next.Id & _mask;

            // Move the entry into the hole unless its home lies cyclically after the hole
            // and at or before its current slot (then the hole does not break its run).
            var homeAfterHole = ((home - hole - 1) & _mask) < ((slot - hole) & _mask);
            if (!homeAfterHole)
            {
                _slots[hole] = next;
                hole = slot;
            }
        }

        _slots[hole] = null;
        Count--;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Order?[old.Length * 2];
        _mask = _slots.Length - 1;
        Count = 0;
        foreach (var order in old)
        {
            if (order is not null)
            {
                Add(order);
            }
        }
    }
}
