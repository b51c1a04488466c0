using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core;

/// <summary>
/// The core: all exchange state and the rules that change it. One thread calls
/// <see cref="Process"/> for each command in sequence order; the core writes the events
/// the command causes to the sink. It does no I/O, takes no locks, reads no clock and,
/// after warm-up, allocates nothing while placing, cancelling, amending or matching.
/// </summary>
/// <remarks>
/// Every command is validated in full before anything changes, so a rejected command
/// leaves the state as it was and produces exactly one <see cref="EventType.Rejected"/>
/// event. Replaying the same commands gives the same events and the same
/// <see cref="ComputeStateHash()"/>.
/// </remarks>
public sealed partial class MatchingEngine
{
    /// <summary>The account that receives fees (and pays rebates). It exists from the start.</summary>
    public const long FeeAccountId = 0;

    private readonly Dictionary<int, Asset> _assetsById = [];
    private readonly List<Asset> _assets = [];
    private readonly Dictionary<int, Instrument> _instrumentsById = [];
    private readonly List<Instrument> _instruments = [];
    private readonly Dictionary<int, FeeTier> _feeTiers = [];
    private readonly List<int> _feeTierIds = [];
    private readonly Dictionary<long, Account> _accountsById = [];
    private readonly List<Account> _accounts = [];
    private readonly OrderIndex _orders;
    private readonly Dictionary<ClientOrderKey, Order> _ordersByClientId;
    private readonly PriorityQueue<long, ExpiryKey> _expiries = new();
    private readonly Dictionary<long, Withdrawal> _pendingWithdrawals = [];
    private readonly HashSet<long> _usedWithdrawalIds = [];
    private readonly HashSet<(TxHash TxHash, int LogIndex)> _creditedDeposits = [];
    private readonly Pool<Order> _orderPool;
    private readonly Pool<PriceLevel> _levelPool;
    private readonly Account _feeAccount;

    private long _lastOrderId;
    private long _lastTradeId;
    private long _lastWithdrawalId;
    private long _lastSequence;

    // Resting GTD orders; the expiry queue also holds entries of GTD orders already gone.
    private int _liveGoodTillDate;

    // The command being processed: its header, copied for the events it causes.
    private IEventSink _sink = null!;
    private CommandType _commandType;
    private long _commandSequence;
    private long _commandTimestampNs;
    private Origin _commandOrigin;

    // Counts processed commands; stamps touched balances and levels so each is reported
    // once per command. Not part of the state.
    private long _commandCounter;
    private TouchedBalance[] _touchedBalances = new TouchedBalance[64];
    private int _touchedBalanceCount;
    private TouchedLevel[] _touchedLevels = new TouchedLevel[64];

    // The command counter when a level was last emptied: only then can a touched price come back.
    private long _levelEmptiedAt;
    private int _touchedLevelCount;

    /// <summary>Makes an empty core: the fee account and fee tier 0 (no fees) exist.</summary>
    /// <param name="expectedOrders">Live orders to size the pools and indexes for, so they do not grow under load.</param>
    public MatchingEngine(int expectedOrders = 1 << 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedOrders);
        _orders = new OrderIndex(expectedOrders);
        _ordersByClientId = new Dictionary<ClientOrderKey, Order>(expectedOrders);
        _orderPool = new Pool<Order>(expectedOrders);
        _levelPool = new Pool<PriceLevel>(expectedOrders);
        _feeTiers.Add(0, new FeeTier(0, 0));
        _feeTierIds.Add(0);
        _feeAccount = new Account(FeeAccountId, 0, 0, 4);
        _accountsById.Add(FeeAccountId, _feeAccount);
        _accounts.Add(_feeAccount);
    }

    /// <summary>The sequence of the last command processed.</summary>
    public long LastSequence => _lastSequence;

    /// <summary>The number of live (resting) orders.</summary>
    public int OpenOrderCount => _orders.Count;

    /// <summary>
    /// Applies one command and writes the events it causes to <paramref name="sink"/>,
    /// ending with <see cref="IEventSink.EndOfCommand"/>.
    /// </summary>
    public void Process(ref Command command, IEventSink sink)
    {
        if (!ReferenceEquals(_sink, sink))
        {
            _sink = sink;
        }

        _commandType = command.Type;
        _commandSequence = command.Sequence;
        _commandTimestampNs = command.TimestampNs;
        _commandOrigin = command.Origin;
        _commandCounter++;
        _lastSequence = command.Sequence;

        var reason = command.Type switch
        {
            CommandType.PlaceOrder => Place(ref command),
            CommandType.CancelOrder => Cancel(ref command),
            CommandType.AmendOrder => Amend(ref command, replace: false),
            CommandType.CancelReplace => Amend(ref command, replace: true),
            CommandType.MassCancel => MassCancel(ref command),
            CommandType.ExpireOrders => ExpireOrders(ref command),
            CommandType.CancelSessionOrders => CancelSessionOrders(ref command),
            CommandType.AddAsset => AddAsset(ref command),
            CommandType.AddInstrument => DefineInstrument(ref command, add: true),
            CommandType.UpdateInstrument => DefineInstrument(ref command, add: false),
            CommandType.SetInstrumentStatus => SetInstrumentStatus(ref command),
            CommandType.SetPriceBand => SetPriceBand(ref command),
            CommandType.SetFeeTier => SetFeeTier(ref command),
            CommandType.CreateAccount => CreateAccount(ref command),
            CommandType.SetAccountFeeTier => SetAccountFeeTier(ref command),
            CommandType.SetAccountLimits => SetAccountLimits(ref command),
            CommandType.SetAccountStatus => SetAccountStatus(ref command),
            CommandType.Deposit => Deposit(ref command),
            CommandType.RequestWithdrawal => RequestWithdrawal(ref command),
            CommandType.CompleteWithdrawal => FinishWithdrawal(ref command, completed: true),
            CommandType.FailWithdrawal => FinishWithdrawal(ref command, completed: false),
            CommandType.Quote => Quote(ref command),
            CommandType.ResetMarketMakerProtection => ResetMarketMakerProtection(ref command),
            CommandType.SetCircuitBreaker => SetCircuitBreaker(ref command),
            CommandType.SetMarketMakerProtection => SetMarketMakerProtection(ref command),
            CommandType.QueryStateHash => QueryStateHash(),
            _ => RejectReason.UnknownCommand,
        };

        if (reason != RejectReason.None)
        {
            EmitRejected(ref command, reason);
        }
        else if (!_triggerQueue.IsEmpty)
        {
            RunTriggers();
        }

        FlushTouched();
        sink.EndOfCommand();
    }

    private ref EngineEvent NewEvent(EventType type)
    {
        ref var e = ref _sink.Claim();
        e = default;
        e.Type = type;
        e.CommandType = _commandType;
        e.CommandSequence = _commandSequence;
        e.TimestampNs = _commandTimestampNs;
        e.Origin = _commandOrigin;
        return ref e;
    }

    private void EmitRejected(ref Command command, RejectReason reason)
    {
        ref var e = ref NewEvent(EventType.Rejected);
        e.RejectReason = reason;
        e.AccountId = command.AccountId;
        e.InstrumentId = command.InstrumentId;
        e.AssetId = command.AssetId;
        e.OrderId = command.OrderId;
        if (command.Type == CommandType.CancelReplace)
        {
            // As FIX answers a rejected replace: the id it asked for, and the order's id
            // (looked up when the order was named by its order id alone).
            e.ClientOrderId = command.NewClientOrderId;
            e.OrigClientOrderId = command.ClientOrderId;
            if (command.ClientOrderId.IsEmpty && _orders.TryGetValue(command.OrderId, out var order) && order.Account.Id == command.AccountId)
            {
                e.OrigClientOrderId = order.ClientOrderId;
            }
        }
        else
        {
            e.ClientOrderId = command.ClientOrderId;
        }

        e.Side = command.Side;
        e.OrderType = command.OrderType;
        e.TimeInForce = command.TimeInForce;
        e.PriceTicks = command.PriceTicks;
        e.QuantityLots = command.QuantityLots;
        e.ExpireTimeNs = command.ExpireTimeNs;
        e.Amount = command.Amount;
        e.WithdrawalId = command.WithdrawalId;
        e.Trigger = command.Trigger;
        e.StopPriceTicks = command.StopPriceTicks;
        e.TrailingOffsetTicks = command.TrailingOffsetTicks;
        e.TrailingOffsetBps = command.TrailingOffsetBps;
        e.DisplayLots = command.DisplayLots;
        e.LinkedOrderId = command.LinkedOrderId;
        e.AskPriceTicks = command.AskPriceTicks;
        e.AskQuantityLots = command.AskQuantityLots;
        _sink.Commit();
    }

    private static void DescribeOrder(ref EngineEvent e, Order order)
    {
        e.AccountId = order.Account.Id;
        e.InstrumentId = order.Instrument.Id;
        e.OrderId = order.Id;
        e.ClientOrderId = order.ClientOrderId;
        e.OrderOrigin = order.Origin;
        e.Side = order.Side;
        e.OrderType = order.Type;
        e.TimeInForce = order.TimeInForce;
        e.PriceTicks = order.PriceTicks;
        e.QuantityLots = order.QuantityLots;
        e.FilledLots = order.FilledLots;
        e.RemainingLots = order.QuoteBudget > 0 ? 0 : order.RemainingLots;
        e.ExpireTimeNs = order.ExpireTimeNs;

        // The event was cleared: an ordinary order, nearly every one, needs none of these.
        if (order.Trigger != TriggerType.None || order.DisplayLots != 0 || order.IsQuote || order.Linked is not null)
        {
            DescribeAdvanced(ref e, order);
        }
    }

    private static void DescribeAdvanced(ref EngineEvent e, Order order)
    {
        e.Trigger = order.Trigger;
        e.IsQuote = order.IsQuote;
        e.StopPriceTicks = order.StopPriceTicks;
        e.TrailingOffsetTicks = order.TrailingOffsetTicks;
        e.TrailingOffsetBps = order.TrailingOffsetBps;
        e.DisplayLots = order.DisplayLots;
        e.LinkedOrderId = order.Linked is null ? 0 : order.Linked.Id;
    }

    private void EmitOrderEvent(EventType type, Order order)
    {
        ref var e = ref NewEvent(type);
        DescribeOrder(ref e, order);
        _sink.Commit();
    }

    private void EmitCancelled(Order order, CancelReason reason)
    {
        ref var e = ref NewEvent(EventType.OrderCancelled);
        DescribeOrder(ref e, order);
        e.RemainingLots = 0;
        e.CancelReason = reason;
        _sink.Commit();
    }

    /// <summary>Call before changing a balance: remembers it, and its value, to report once at the end.</summary>
    private void TouchBalance(Account account, int assetIndex)
    {
        ref var balance = ref account.Balances[assetIndex];
        if (balance.TouchedAt == _commandCounter)
        {
            return;
        }

        balance.TouchedAt = _commandCounter;
        if (_touchedBalanceCount == _touchedBalances.Length)
        {
            Array.Resize(ref _touchedBalances, _touchedBalances.Length * 2);
        }

        _touchedBalances[_touchedBalanceCount++] =
            new TouchedBalance(account, assetIndex, balance.Available, balance.Locked);
    }

    /// <summary>Call before changing a level: remembers it, and its value, to report once at the end.</summary>
    private void TouchLevel(PriceLevel level)
    {
        if (level.TouchedAt == _commandCounter)
        {
            return;
        }

        level.TouchedAt = _commandCounter;
        if (_levelEmptiedAt == _commandCounter && RetouchEmptied(level))
        {
            return;
        }

        if (_touchedLevelCount == _touchedLevels.Length)
        {
            Array.Resize(ref _touchedLevels, _touchedLevels.Length * 2);
        }

        _touchedLevels[_touchedLevelCount++] =
            new TouchedLevel(level, level.Side!, level.PriceTicks, level.TotalLots, level.OrderCount);
    }

    /// <summary>
    /// A level opened at a price whose level this command emptied (a triggered order resting
    /// where the trade that fired it took the last order): the price keeps its first entry,
    /// and what it had before the command, so it is reported once.
    /// </summary>
    private bool RetouchEmptied(PriceLevel level)
    {
        for (var i = 0; i < _touchedLevelCount; i++)
        {
            ref var touched = ref _touchedLevels[i];
            if (touched.BookSide == level.Side && touched.PriceTicks == level.PriceTicks)
            {
                touched.Level = level;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reports each level and balance the command changed, once, with its final value;
    /// one that ended where it started is not reported.
    /// </summary>
    private void FlushTouched()
    {
        for (var i = 0; i < _touchedLevelCount; i++)
        {
            ref var touched = ref _touchedLevels[i];

            // The level in hand still holds the price unless it was emptied: pooled (no side)
            // or reused for another price or side. Either way the price level is gone.
            var level = touched.Level;
            var live = level.Side == touched.BookSide && level.PriceTicks == touched.PriceTicks;
            var lots = live ? level.TotalLots : 0;
            var count = live ? level.OrderCount : 0;
            if (lots != touched.LotsBefore || count != touched.OrdersBefore)
            {
                ref var e = ref NewEvent(EventType.BookLevelChanged);
                e.InstrumentId = touched.BookSide.InstrumentId;
                e.Side = touched.BookSide.Side;
                e.PriceTicks = touched.PriceTicks;
                e.LevelLots = lots;
                e.LevelOrderCount = count;
                _sink.Commit();
            }
        }

        _touchedLevelCount = 0;
        for (var i = 0; i < _touchedBalanceCount; i++)
        {
            ref var touched = ref _touchedBalances[i];
            var account = touched.Account;
            var available = account.Balances[touched.AssetIndex].Available;
            var locked = account.Balances[touched.AssetIndex].Locked;
            if (available != touched.AvailableBefore || locked != touched.LockedBefore)
            {
                ref var e = ref NewEvent(EventType.BalanceChanged);
                e.AccountId = account.Id;
                e.AssetId = _assets[touched.AssetIndex].Id;
                e.Available = available;
                e.Locked = locked;
                _sink.Commit();
            }
        }

        // The entries are not cleared: their references are to long-lived accounts and
        // levels, and clearing them cost a GC write barrier per field (corethroughput).
        _touchedBalanceCount = 0;
    }

    private record struct TouchedBalance(Account Account, int AssetIndex, long AvailableBefore, long LockedBefore);

    private record struct TouchedLevel(PriceLevel Level, BookSide BookSide, long PriceTicks, long LotsBefore, int OrdersBefore);
}
