using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Bench.Core;

/// <summary>
/// The baseline for place and cancel: the book a .NET developer would write first, a
/// <c>SortedDictionary&lt;long, Queue&lt;…&gt;&gt;</c> per side (a queue per price level,
/// cancelled orders skipped lazily), a <c>Dictionary</c> of orders by id and of accounts,
/// an object per order, and the same funds check and the same <c>EngineEvent</c>s into the
/// same kind of sink as the core. It only rests orders: matching is not part of what it
/// is compared on, so an order that would cross is refused with an exception.
/// </summary>
public sealed class NaiveBook
{
    private const long LotUnits = 10_000;

    private readonly SortedDictionary<long, NaiveLevel> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, NaiveLevel> _asks = [];
    private readonly Dictionary<long, NaiveOrder> _orders = [];
    private readonly Dictionary<long, NaiveAccount> _accounts = [];
    private long _lastOrderId;

    public NaiveBook(int accounts)
    {
        for (long id = 1; id <= accounts; id++)
        {
            _accounts.Add(id, new NaiveAccount());
        }
    }

    public int OrderCount => _orders.Count;

    public int LevelCount => _bids.Count + _asks.Count;

    public long LastOrderId => _lastOrderId;

    public void Place(ref Command c, IEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!_accounts.TryGetValue(c.AccountId, out var account) || c.QuantityLots <= 0 || c.PriceTicks <= 0)
        {
            Reject(ref c, sink, RejectReason.InvalidQuantity);
            return;
        }

        var (book, opposite) = c.Side == Side.Buy ? (_bids, _asks) : (_asks, _bids);
        foreach (var best in opposite)
        {
            if (c.Side == Side.Buy ? c.PriceTicks >= best.Key : c.PriceTicks <= best.Key)
            {
                throw new NotSupportedException("the naive book only rests orders");
            }

            break;
        }

        var lockUnits = c.Side == Side.Buy ? c.PriceTicks * c.QuantityLots : c.QuantityLots * LotUnits;
        if (c.Side == Side.Buy ? lockUnits > account.QuoteAvailable : lockUnits > account.BaseAvailable)
        {
            Reject(ref c, sink, RejectReason.InsufficientFunds);
            return;
        }

        Lock(account, c.Side, lockUnits);
        var order = new NaiveOrder
        {
            Id = ++_lastOrderId,
            Account = account,
            Side = c.Side,
            PriceTicks = c.PriceTicks,
            RemainingLots = c.QuantityLots,
            LockedUnits = lockUnits,
        };
        _orders.Add(order.Id, order);
        if (!book.TryGetValue(order.PriceTicks, out var level))
        {
            level = new NaiveLevel();
            book.Add(order.PriceTicks, level);
        }

        level.Orders.Enqueue(order);
        level.TotalLots += order.RemainingLots;
        level.LiveOrders++;

        ref var accepted = ref Event(sink, EventType.OrderAccepted, ref c);
        accepted.OrderId = order.Id;
        accepted.AccountId = c.AccountId;
        accepted.Side = c.Side;
        accepted.PriceTicks = c.PriceTicks;
        accepted.QuantityLots = c.QuantityLots;
        accepted.RemainingLots = c.QuantityLots;
        sink.Commit();
        LevelChanged(ref c, sink, order.Side, order.PriceTicks, level);
        sink.EndOfCommand();
    }

    public void Cancel(ref Command c, IEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!_orders.TryGetValue(c.OrderId, out var order) || order.Account != _accounts.GetValueOrDefault(c.AccountId))
        {
            Reject(ref c, sink, RejectReason.UnknownOrder);
            return;
        }

        _orders.Remove(order.Id);
        order.Cancelled = true;
        Lock(order.Account, order.Side, -order.LockedUnits);
        var book = order.Side == Side.Buy ? _bids : _asks;
        var level = book[order.PriceTicks];
        level.TotalLots -= order.RemainingLots;
        level.LiveOrders--;
        if (level.LiveOrders == 0)
        {
            book.Remove(order.PriceTicks);
        }
        else
        {
            level.CompactIfMostlyCancelled();
        }

        ref var cancelled = ref Event(sink, EventType.OrderCancelled, ref c);
        cancelled.OrderId = order.Id;
        cancelled.AccountId = c.AccountId;
        cancelled.Side = order.Side;
        cancelled.PriceTicks = order.PriceTicks;
        cancelled.CancelReason = CancelReason.User;
        sink.Commit();
        LevelChanged(ref c, sink, order.Side, order.PriceTicks, level.LiveOrders == 0 ? null : level);
        sink.EndOfCommand();
    }

    private static void Lock(NaiveAccount account, Side side, long units)
    {
        if (side == Side.Buy)
        {
            account.QuoteAvailable -= units;
            account.QuoteLocked += units;
        }
        else
        {
            account.BaseAvailable -= units;
            account.BaseLocked += units;
        }
    }

    private static ref EngineEvent Event(IEventSink sink, EventType type, ref Command c)
    {
        ref var e = ref sink.Claim();
        e = default;
        e.Type = type;
        e.CommandType = c.Type;
        e.CommandSequence = c.Sequence;
        e.TimestampNs = c.TimestampNs;
        e.Origin = c.Origin;
        e.InstrumentId = c.InstrumentId;
        return ref e;
    }

    private static void LevelChanged(ref Command c, IEventSink sink, Side side, long priceTicks, NaiveLevel? level)
    {
        ref var e = ref Event(sink, EventType.BookLevelChanged, ref c);
        e.Side = side;
        e.PriceTicks = priceTicks;
        e.LevelLots = level?.TotalLots ?? 0;
        e.LevelOrderCount = level?.LiveOrders ?? 0;
        sink.Commit();
    }

    private static void Reject(ref Command c, IEventSink sink, RejectReason reason)
    {
        ref var e = ref Event(sink, EventType.Rejected, ref c);
        e.RejectReason = reason;
        sink.Commit();
        sink.EndOfCommand();
    }
}
