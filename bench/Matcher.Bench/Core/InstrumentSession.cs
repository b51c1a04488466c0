using Matcher.Core.Commands;

namespace Matcher.Bench.Core;

/// <summary>
/// One book's generator state, after exchange-core's <c>TestOrdersGeneratorSession</c>
/// and <c>TestOrdersGenerator.generateRandomOrder</c>: a central price drawn at random,
/// a price band of ±5 deviations around it, the last trade price, and the live orders
/// as the core reported them. The book is steered toward its target size: while a side
/// lacks orders, one command in five places a GTC order there; while it is full, one in
/// twenty is an IOC order that takes liquidity; the rest cancel, reduce or move orders.
/// </summary>
public sealed class InstrumentSession
{
    /// <summary>How often (in this session's commands) the side sizes the steering looks at are refreshed.</summary>
    private const int MaxStatisticsInterval = 512;

    /// <summary>A move takes an order this fraction of the way to the last trade price (at least one tick).</summary>
    private const double CentralMoveAlpha = 0.01;

    private readonly Random _random;
    private readonly int _accounts;
    private readonly int _targetPerSide;
    private readonly int _statisticsInterval;
    private readonly List<LiveOrder> _orders = [];
    private int _commandsUntilStatistics;
    private int _lastBidCount;
    private int _lastAskCount;

    public InstrumentSession(int instrumentId, int targetOrders, int accounts, int seed)
    {
        InstrumentId = instrumentId;
        // Seeded per instrument and run, like exchange-core; HashCode.Combine is seeded per process, so not used.
        _random = new Random(unchecked((instrumentId * -177277 * 31) + (seed * 10037) + 198267));
        _accounts = accounts;
        _targetPerSide = targetOrders / 2;
        _statisticsInterval = Math.Min(MaxStatisticsInterval, targetOrders + 1);
        _commandsUntilStatistics = _statisticsInterval;

        // exchange-core draws 10^(3.3 + 1.5u + 1.5u), 2,000 to 2,000,000 ticks, and a deviation of
        // 5% capped at 10,000 ticks: cheap symbols get books a hundred levels wide. Drawing
        // only from the top decade gives every book the cap, and the shape exchange-core
        // publishes for its benchmark (about 1,000 orders on about 750 levels).
        var price = (long)Math.Pow(10, 5.3 + (_random.NextDouble() * 0.5) + (_random.NextDouble() * 0.5));
        LastTradePrice = price;
        PriceDeviation = Math.Min((long)(price * 0.05), 10_000);
        MinPrice = price - (PriceDeviation * 5);
        MaxPrice = price + (PriceDeviation * 5);
    }

    public int InstrumentId { get; }

    public long PriceDeviation { get; }

    public long MinPrice { get; }

    public long MaxPrice { get; }

    public long LastTradePrice { get; private set; }

    /// <summary>True once a side has reached its target: from then on commands are measured.</summary>
    public bool Filled { get; private set; }

    public int BidCount { get; private set; }

    public int AskCount { get; private set; }

    /// <summary>
    /// The next command, or false when the random pick needs a live order and there is
    /// none (the caller asks again, as exchange-core does).
    /// </summary>
    public bool TryNext(ref long clientOrderNumber, bool clientOrderIds, out Command command, out CommandKind kind)
    {
        command = default;
        kind = default;
        var lackOfAsks = _targetPerSide - _lastAskCount;
        var lackOfBids = _targetPerSide - _lastBidCount;
        var side = _random.Next(4) >= 2 ? Side.Buy : Side.Sell;
        var lackOfOrders = side == Side.Sell ? lackOfAsks : lackOfBids;
        var requireFastFill = !Filled || lackOfOrders > Math.Min(MaxStatisticsInterval, _targetPerSide * 3 / 4);
        var growOrders = lackOfOrders > 0;
        if (!Filled && !growOrders)
        {
            Filled = true;
        }

        var q = _random.Next(growOrders ? (requireFastFill ? 2 : 10) : 40);
        if (q < 2)
        {
            var account = _random.Next(_accounts) + 1;
            var clientId = clientOrderIds ? CoreSetup.ClientId(++clientOrderNumber) : default;
            var size = 1 + (_random.Next(6) * _random.Next(6) * _random.Next(6));
            if (growOrders)
            {
                kind = CommandKind.PlaceGtc;
                command = CoreSetup.Limit(account, InstrumentId, side, GtcPrice(side), size, TimeInForce.GoodTillCancel, clientId);
            }
            else
            {
                kind = CommandKind.PlaceIoc;
                var price = side == Side.Buy ? MaxPrice : MinPrice;
                command = CoreSetup.Limit(account, InstrumentId, side, price, size, TimeInForce.ImmediateOrCancel, clientId);
            }

            return true;
        }

        if (_orders.Count == 0)
        {
            return false;
        }

        var order = _orders[_random.Next(_orders.Count)];
        if (q == 2)
        {
            kind = CommandKind.Cancel;
            command = CoreSetup.Cancel(order.AccountId, order.Id);
        }
        else if (q == 3 && order.RemainingLots > 1)
        {
            // exchange-core reduces by 1..remaining, and a reduce of the whole remainder
            // removes the order; here a reduce always leaves at least one lot, so cancels
            // stay at exchange-core's published share and the book at its target size.
            kind = CommandKind.ReduceQuantity;
            var reduceBy = _random.Next((int)Math.Min(order.RemainingLots - 1, int.MaxValue)) + 1;
            command = CoreSetup.Amend(order.AccountId, order.Id, 0, order.QuantityLots - reduceBy);
        }
        else
        {
            kind = CommandKind.MovePrice;
            var move = (LastTradePrice - order.PriceTicks) * CentralMoveAlpha;
            long step;
            if (order.PriceTicks > LastTradePrice)
            {
                step = (long)Math.Floor(move);
            }
            else if (order.PriceTicks < LastTradePrice)
            {
                step = (long)Math.Ceiling(move);
            }
            else
            {
                step = (_random.Next(2) * 2) - 1;
            }

            command = CoreSetup.Amend(order.AccountId, order.Id, order.PriceTicks + step, 0);
        }

        return true;
    }

    /// <summary>Counts one command of this session; refreshes the side sizes the steering sees every so often.</summary>
    public void CountCommand()
    {
        if (--_commandsUntilStatistics <= 0)
        {
            _commandsUntilStatistics = _statisticsInterval;
            RefreshStatistics();
        }
    }

    /// <summary>A rejected command makes the steering look at the book again (as in exchange-core).</summary>
    public void RefreshStatistics()
    {
        _lastBidCount = BidCount;
        _lastAskCount = AskCount;
    }

    public void OnTrade(long priceTicks) => LastTradePrice = Math.Clamp(priceTicks, MinPrice, MaxPrice);

    public void Add(LiveOrder order)
    {
        order.Position = _orders.Count;
        _orders.Add(order);
        if (order.Side == Side.Buy)
        {
            BidCount++;
        }
        else
        {
            AskCount++;
        }
    }

    public void Remove(LiveOrder order)
    {
        var last = _orders[^1];
        _orders[order.Position] = last;
        last.Position = order.Position;
        _orders.RemoveAt(_orders.Count - 1);
        if (order.Side == Side.Buy)
        {
            BidCount--;
        }
        else
        {
            AskCount--;
        }
    }

    /// <summary>
    /// exchange-core's GTC price: a deviation drawn with a bias toward small values, the
    /// mean of four uniform draws spread over ±deviation, bids at or below the last trade
    /// price and asks at or above it.
    /// </summary>
    private long GtcPrice(Side side)
    {
        var deviation = 1 + (int)(Math.Pow(_random.NextDouble(), 2) * PriceDeviation);
        long offset = 0;
        for (var i = 0; i < 4; i++)
        {
            offset += _random.Next(deviation);
        }

        offset = (offset / 4 * 2) - deviation;
        if (offset > 0 ^ side == Side.Sell)
        {
            offset = -offset;
        }

        return LastTradePrice + offset;
    }
}
