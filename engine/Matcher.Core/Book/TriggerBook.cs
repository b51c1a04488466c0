using Matcher.Core.Commands;

namespace Matcher.Core.Book;

/// <summary>
/// An instrument's waiting conditional orders, arranged so a trade finds the ones it
/// triggers without looking at the others: orders that trigger on a rise and orders that
/// trigger on a fall, each sorted so the next to fire is last (lowest, respectively highest,
/// stop price; ties by order id), and trailing stops, whose stop price moves with every
/// trade, in order id order.
/// </summary>
/// <remarks>
/// Sorted arrays, not trees: a trade that triggers nothing costs two comparisons and a walk
/// over the trailing stops, a fired order leaves from the end without moving the others, and
/// the arrays grow only when more orders wait than ever before.
/// </remarks>
internal sealed class TriggerBook
{
    private readonly OrderArray _rising = new();
    private readonly OrderArray _falling = new();
    private readonly OrderArray _trailing = new();

    public int Count => _rising.Count + _falling.Count + _trailing.Count;

    /// <summary>Whether a buy (sell) order of this trigger fires when the price rises to its stop.</summary>
    public static bool FiresOnRise(TriggerType trigger, Side side) =>
        (trigger is TriggerType.Stop or TriggerType.TrailingStop) == (side == Side.Buy);

    /// <summary>Whether a trade at <paramref name="priceTicks"/> fires an order with this trigger, side and stop price.</summary>
    public static bool Fires(TriggerType trigger, Side side, long stopPriceTicks, long priceTicks) =>
        FiresOnRise(trigger, side) ? priceTicks >= stopPriceTicks : priceTicks <= stopPriceTicks;

    public void Add(Order order)
    {
        if (order.Trigger == TriggerType.TrailingStop)
        {
            _trailing.Insert(_trailing.Count, order);
            return;
        }

        var rising = FiresOnRise(order.Trigger, order.Side);
        var array = rising ? _rising : _falling;
        array.Insert(array.FindPosition(order, rising), order);
    }

    public void Remove(Order order)
    {
        if (order.Trigger == TriggerType.TrailingStop)
        {
            _trailing.RemoveAt(_trailing.IndexOf(order));
            return;
        }

        var rising = FiresOnRise(order.Trigger, order.Side);
        var array = rising ? _rising : _falling;
        array.RemoveAt(array.FindPosition(order, rising));
    }

    /// <summary>
    /// A trade at <paramref name="priceTicks"/>: moves the trailing stops, takes every order
    /// it fires out of the book and hands them to <paramref name="fired"/> (in no particular order).
    /// </summary>
    public void Trade(long priceTicks, TriggerQueue fired)
    {
        while (_rising.Count > 0 && _rising[_rising.Count - 1].StopPriceTicks <= priceTicks)
        {
            fired.Add(_rising[_rising.Count - 1]);
            _rising.RemoveAt(_rising.Count - 1);
        }

        while (_falling.Count > 0 && _falling[_falling.Count - 1].StopPriceTicks >= priceTicks)
        {
            fired.Add(_falling[_falling.Count - 1]);
            _falling.RemoveAt(_falling.Count - 1);
        }

        for (var i = 0; i < _trailing.Count;)
        {
            var order = _trailing[i];
            Trail(order, priceTicks);
            if (Fires(TriggerType.TrailingStop, order.Side, order.StopPriceTicks, priceTicks))
            {
                fired.Add(order);
                _trailing.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Moves a trailing stop after a trade: a sell's stop follows new highs, a buy's new lows.</summary>
    public static void Trail(Order order, long priceTicks)
    {
        var sell = order.Side == Side.Sell;
        if (sell ? priceTicks <= order.TrailingExtremeTicks : priceTicks >= order.TrailingExtremeTicks)
        {
            return;
        }

        order.TrailingExtremeTicks = priceTicks;
        order.StopPriceTicks = TrailingStopPrice(order.Side, priceTicks, order.TrailingOffsetTicks, order.TrailingOffsetBps);
    }

    /// <summary>The stop price a trailing stop keeps at its offset from <paramref name="extremeTicks"/>.</summary>
    public static long TrailingStopPrice(Side side, long extremeTicks, long offsetTicks, long offsetBps)
    {
        var offset = offsetTicks > 0 ? offsetTicks : (long)((Int128)extremeTicks * offsetBps / 10_000);
        return side == Side.Sell ? extremeTicks - offset : extremeTicks + offset;
    }

    /// <summary>Every waiting order, appended to <paramref name="into"/> (for snapshots; the caller orders them).</summary>
    public void CopyTo(List<Order> into)
    {
        _rising.CopyTo(into);
        _falling.CopyTo(into);
        _trailing.CopyTo(into);
    }

    /// <summary>A growable array of orders that keeps its storage.</summary>
    private sealed class OrderArray
    {
        private Order[] _items = new Order[4];

        public int Count { get; private set; }

        public Order this[int index] => _items[index];

        /// <summary>
        /// Where the order goes (or is), the next to fire last: by stop price, descending when
        /// rising, ascending when falling; equal stop prices by id, descending.
        /// </summary>
        public int FindPosition(Order order, bool rising)
        {
            int low = 0, high = Count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                var other = _items[middle];
                var before = other.StopPriceTicks == order.StopPriceTicks
                    ? other.Id > order.Id
                    : rising ? other.StopPriceTicks > order.StopPriceTicks : other.StopPriceTicks < order.StopPriceTicks;
                if (before)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        public int IndexOf(Order order) => Array.IndexOf(_items, order, 0, Count);

        public void Insert(int index, Order order)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            Array.Copy(_items, index, _items, index + 1, Count - index);
            _items[index] = order;
            Count++;
        }

        public void RemoveAt(int index)
        {
            Count--;
            Array.Copy(_items, index + 1, _items, index, Count - index);
            _items[Count] = null!;
        }

        public void CopyTo(List<Order> into)
        {
            for (var i = 0; i < Count; i++)
            {
                into.Add(_items[i]);
            }
        }
    }
}
