namespace Matcher.Core.Book;

/// <summary>
/// Triggered orders waiting to enter the book, first in first out. The orders one trade
/// fires join in order id order. An entry whose order was cancelled meanwhile (its id or
/// state no longer match) is skipped when it comes up.
/// </summary>
internal sealed class TriggerQueue
{
    private Entry[] _entries = new Entry[16];
    private int _head;
    private int _tail;
    private int _batchStart;

    public bool IsEmpty => _head == _tail;

    /// <summary>Starts the orders of one trade: <see cref="Add"/> them, then <see cref="EndBatch"/>.</summary>
    public void Add(Order order)
    {
        if (_tail == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        order.State = OrderState.Triggered;
        _entries[_tail++] = new Entry(order, order.Id);
    }

    /// <summary>Sorts the orders added since the last batch by order id (a few, so by insertion).</summary>
    public void EndBatch()
    {
        for (var i = _batchStart + 1; i < _tail; i++)
        {
            var entry = _entries[i];
            var j = i - 1;
            while (j >= _batchStart && _entries[j].Id > entry.Id)
            {
                _entries[j + 1] = _entries[j];
                j--;
            }

            _entries[j + 1] = entry;
        }

        _batchStart = _tail;
    }

    /// <summary>The next triggered order still waiting to enter, or false when none is left.</summary>
    public bool TryTake(out Order order)
    {
        while (_head < _tail)
        {
            var entry = _entries[_head];
            _entries[_head++] = default;
            if (entry.Order.Id == entry.Id && entry.Order.State == OrderState.Triggered)
            {
                order = entry.Order;
                Compact();
                return true;
            }
        }

        Compact();
        order = null!;
        return false;
    }

    private void Compact()
    {
        if (_head == _tail)
        {
            _head = _tail = _batchStart = 0;
        }
    }

    private readonly record struct Entry(Order Order, long Id);
}
