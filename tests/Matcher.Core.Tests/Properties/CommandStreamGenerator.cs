using System.Globalization;
using Matcher.Core.Commands;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// A seeded stream of realistic commands: mostly limit orders around one mid price (buys
/// a little below to a little above it, sells the mirror image, so orders cross often),
/// with market orders, cancels, amends, cancel-replaces, mass cancels, session cancels
/// (cancel-on-disconnect), expiry timers, deposits, withdrawals, status, fee-tier and
/// instrument-minimum changes, conditional orders (stops, take-profits, trailing stops),
/// icebergs, and a share of invalid commands. It reads the live orders, resting and
/// waiting, to aim cancels and amends at real orders. Order entry comes from a few gateway
/// sessions shared by all accounts, so an account's orders belong to several sessions.
/// </summary>
internal sealed partial class CommandStreamGenerator
{
    private readonly Random _random;

    // Draws the sessions apart from the rest, so choosing them does not shift the stream.
    private readonly Random _sessions;
    private readonly PropertyScenario _scenario;
    private readonly Dictionary<int, InstrumentStatus> _statuses = [];
    private readonly List<long> _pendingWithdrawalIds = [];
    private int _nextClientOrderId;
    private long _nextWithdrawalId = 1;

    public CommandStreamGenerator(PropertyScenario scenario)
    {
        _scenario = scenario;
        _random = new Random(scenario.Seed * 7919 + (int)scenario.Kind);
        _sessions = new Random(scenario.Seed * 104_729 + (int)scenario.Kind);
        foreach (var id in scenario.InstrumentIds)
        {
            _statuses[id] = InstrumentStatus.Trading;
        }
    }

    /// <summary>The next command, aimed at the <paramref name="market"/>'s current orders and prices.</summary>
    public Command Next(PropertyHarness market)
    {
        var live = market.LiveOrders();
        var waiting = market.WaitingOrders();
        var nowNs = market.NextTimestampNs;
        foreach (var id in _scenario.InstrumentIds)
        {
            if (_statuses[id] != InstrumentStatus.Trading && Chance(15))
            {
                _statuses[id] = InstrumentStatus.Trading;
                return CoreDriver.Status(id, InstrumentStatus.Trading);
            }
        }

        var roll = _random.Next(1000);
        var command = roll switch
        {
            < 360 => PlaceLimit(live, nowNs),
            < 430 => PlaceMarket(),
            < 530 => PlaceConditional(market, live, nowNs),
            < 620 => Cancel(live, waiting),
            < 725 => Amend(market, live, waiting, replace: false),
            < 737 => CancelSessionOrders(),
            < 790 => Amend(market, live, waiting, replace: true),
            < 808 => MassCancel(),
            < 845 => CoreDriver.Expire(),
            < 865 => Deposit(),
            < 893 => Withdrawal(),
            < 901 => Status(),
            < 913 => SetAccountFeeTier(),
            < 920 => UpdateInstrument(),
            < 928 => FeeTierOrAccount(),
            < 960 => Invalid(live, nowNs),
            _ => InvalidAdvanced(market, live, nowNs),
        };
        if (command.Type is CommandType.PlaceOrder or CommandType.CancelOrder or CommandType.AmendOrder or CommandType.CancelReplace
            or CommandType.MassCancel)
        {
            command.Origin = PickSession();
        }

        return command;
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private long PickAccount() => Pick(_scenario.AccountIds);

    private int PickInstrument() => Pick(_scenario.InstrumentIds);

    private Side PickSide() => Chance(50) ? Side.Buy : Side.Sell;

    /// <summary>One of four sessions: session 11 or 12 on gateway 1 or 2 (the harness sets the correlation id).</summary>
    private Origin PickSession() => new((ushort)(1 + _sessions.Next(2)), 11 + _sessions.Next(2), 0);

    private SelfTradePrevention PickStp() => Chance(50) ? SelfTradePrevention.None : (SelfTradePrevention)(1 + _random.Next(4));

    /// <summary>A price near the mid: buys from a little below to a little above it, sells the mirror image.</summary>
    private long PickPrice(Side side) => PropertyScenario.MidPriceTicks + (side == Side.Buy ? _random.Next(-4, 3) : _random.Next(-2, 5));

    private long PickQuantity(int instrumentId) => 1 + _random.Next((int)PropertyScenario.MaxQuantityLots(instrumentId));

    private ClientOrderId NewClientOrderId() => ClientOrderId.From("c" + (++_nextClientOrderId).ToString(CultureInfo.InvariantCulture));

    /// <summary>Usually a fresh client id; sometimes none; sometimes one a live order of the account already has.</summary>
    private ClientOrderId PickClientOrderId(long accountId, IReadOnlyList<OrderView> live)
    {
        if (Chance(6))
        {
            foreach (var order in live)
            {
                if (order.AccountId == accountId && !order.ClientOrderId.IsEmpty)
                {
                    return order.ClientOrderId;
                }
            }
        }

        return Chance(45) ? NewClientOrderId() : default;
    }

    private Command PlaceLimit(IReadOnlyList<OrderView> live, long nowNs)
    {
        var accountId = PickAccount();
        var instrumentId = PickInstrument();
        var side = PickSide();
        var tifRoll = _random.Next(100);
        var tif = tifRoll switch
        {
            < 57 => TimeInForce.GoodTillCancel,
            < 70 => TimeInForce.ImmediateOrCancel,
            < 80 => TimeInForce.FillOrKill,
            < 96 => TimeInForce.GoodTillDate,
            _ => TimeInForce.None,
        };
        // Arguments are evaluated left to right, so the draws keep the stream's order.
        var command = CoreDriver.Limit(accountId, side, PickPrice(side), PickQuantity(instrumentId), tif, PickClientOrderId(accountId, live), PickStp(),
            postOnly: tif is TimeInForce.GoodTillCancel or TimeInForce.GoodTillDate && Chance(12),
            expireTimeNs: tif == TimeInForce.GoodTillDate ? nowNs + (1 + _random.Next(40)) * PropertyScenario.StepNs : 0,
            instrumentId: instrumentId);
        MaybeIceberg(ref command);
        return command;
    }

    private Command PlaceMarket()
    {
        var accountId = PickAccount();
        var instrumentId = PickInstrument();
        var side = PickSide();
        var command = CoreDriver.Market(accountId, side, quantityLots: 0,
            tif: Chance(20) ? TimeInForce.FillOrKill : Chance(50) ? TimeInForce.ImmediateOrCancel : TimeInForce.None,
            stp: PickStp(), instrumentId: instrumentId);
        if (side == Side.Buy && Chance(35))
        {
            var (_, tickValue) = PropertyScenario.Factors(instrumentId);
            var lotCost = PropertyScenario.MidPriceTicks * tickValue;
            command.QuoteBudget = (1 + _random.Next(15)) * lotCost + _random.Next((int)lotCost);
            if (command.TimeInForce == TimeInForce.FillOrKill)
            {
                command.TimeInForce = TimeInForce.ImmediateOrCancel;
            }
        }
        else
        {
            command.QuantityLots = PickQuantity(instrumentId) + _random.Next(10);
        }

        return command;
    }

    /// <summary>A random live order, or null when the book is empty.</summary>
    private OrderView? PickLive(IReadOnlyList<OrderView> live) => live.Count == 0 ? null : live[_random.Next(live.Count)];

    /// <summary>Names an order by id or (when it has one) by client order id.</summary>
    private void Target(ref Command command, OrderView order) => Target(ref command, order.AccountId, order.OrderId, order.ClientOrderId);

    private void Target(ref Command command, WaitingView order) => Target(ref command, order.AccountId, order.OrderId, order.ClientOrderId);

    private void Target(ref Command command, long accountId, long orderId, ClientOrderId clientOrderId)
    {
        command.AccountId = accountId;
        if (!clientOrderId.IsEmpty && Chance(35))
        {
            command.ClientOrderId = clientOrderId;
        }
        else
        {
            command.OrderId = orderId;
        }
    }

    /// <summary>Aims at an order that does not exist for the account: an unused id, or another account's order.</summary>
    private void TargetUnknown(ref Command command, IReadOnlyList<OrderView> live)
    {
        var accountId = PickAccount();
        command.AccountId = accountId;
        var other = PickLive(live);
        if (other is { } o && o.AccountId != accountId && Chance(60))
        {
            command.OrderId = o.OrderId;
        }
        else if (Chance(50))
        {
            command.OrderId = 1_000_000_000;
        }
        else
        {
            command.ClientOrderId = ClientOrderId.From("nope");
        }
    }

    private Command Cancel(IReadOnlyList<OrderView> live, IReadOnlyList<WaitingView> waiting)
    {
        var command = new Command { Type = CommandType.CancelOrder };
        if (waiting.Count > 0 && Chance(25))
        {
            Target(ref command, Pick(waiting));
        }
        else if (PickLive(live) is { } order && Chance(88))
        {
            Target(ref command, order);
        }
        else
        {
            TargetUnknown(ref command, live);
        }

        return command;
    }

    private Command Amend(PropertyHarness market, IReadOnlyList<OrderView> live, IReadOnlyList<WaitingView> waiting, bool replace)
    {
        var command = new Command { Type = replace ? CommandType.CancelReplace : CommandType.AmendOrder };
        if (replace)
        {
            command.NewClientOrderId = NewClientOrderId();
        }

        if (waiting.Count > 0 && Chance(30))
        {
            var target = Pick(waiting);
            Target(ref command, target);
            AmendWaiting(ref command, target, market.LastTradePriceTicks(target.InstrumentId));
            if (replace)
            {
                PickNewClientOrderId(ref command, target.AccountId, target.OrderId, target.ClientOrderId, live);
            }

            return command;
        }

        if (PickLive(live) is not { } order || Chance(6))
        {
            TargetUnknown(ref command, live);
            return command;
        }

        Target(ref command, order);
        if (Chance(3))
        {
            // A stop price for an order that does not wait: InvalidTrigger.
            command.StopPriceTicks = PropertyScenario.MidPriceTicks;
        }

        var roll = _random.Next(100);
        var maxQuantity = PropertyScenario.MaxQuantityLots(order.InstrumentId);
        switch (roll)
        {
            case < 30:
                command.PriceTicks = PickPrice(order.Side);
                break;
            case < 50:
                command.QuantityLots = order.FilledLots + 1 + _random.Next((int)Math.Max(1, order.RemainingLots - 1));
                break;
            case < 65:
                command.QuantityLots = order.QuantityLots + 1 + _random.Next((int)maxQuantity);
                break;
            case < 82:
                command.PriceTicks = PickPrice(order.Side);
                command.QuantityLots = order.FilledLots + PickQuantity(order.InstrumentId);
                break;
            case < 88:
                command.PriceTicks = Chance(50) ? order.PriceTicks : 0;
                command.QuantityLots = Chance(50) ? order.QuantityLots : 0;
                break;
            case < 93:
                command.QuantityLots = order.FilledLots == 0 ? -1 : order.FilledLots;
                break;
            default:
                command.PriceTicks = order.PriceTicks;
                command.QuantityLots = order.QuantityLots;
                break;
        }

        if (replace)
        {
            PickNewClientOrderId(ref command, order.AccountId, order.OrderId, order.ClientOrderId, live);
        }

        return command;
    }

    /// <summary>A cancel-replace's new client id: usually the fresh one drawn, sometimes none, the order's own, or another live order's.</summary>
    private void PickNewClientOrderId(ref Command command, long accountId, long orderId, ClientOrderId clientOrderId, IReadOnlyList<OrderView> live)
    {
        var newIdRoll = _random.Next(100);
        if (newIdRoll < 6)
        {
            command.NewClientOrderId = default;
        }
        else if (newIdRoll < 14)
        {
            command.NewClientOrderId = clientOrderId;
        }
        else if (newIdRoll < 24)
        {
            foreach (var other in live)
            {
                if (other.AccountId == accountId && other.OrderId != orderId && !other.ClientOrderId.IsEmpty)
                {
                    command.NewClientOrderId = other.ClientOrderId;
                    break;
                }
            }
        }
    }

    private Command MassCancel() => CoreDriver.MassCancel(PickAccount(), Chance(50) ? 0 : PickInstrument(), Chance(50) ? Side.None : PickSide());

    /// <summary>A session dropped with cancel-on-disconnect: one of its accounts (now and then an unknown one).</summary>
    private Command CancelSessionOrders() => CoreDriver.CancelSession(Chance(5) ? 99 : PickAccount(), PickSession());

    private Command Deposit()
    {
        var accountId = PickAccount();
        var assetId = Pick(_scenario.AssetIds);
        var amount = assetId switch
        {
            PropertyScenario.Btc => 10_000L * (1 + _random.Next(10)),
            PropertyScenario.Usdt => 1_000L * (1 + _random.Next(20)),
            _ => 1_000_000L * (1 + _random.Next(5)),
        };
        return CoreDriver.Deposit(accountId, assetId, Chance(5) ? 0 : amount);
    }

    private Command Withdrawal()
    {
        var roll = _random.Next(100);
        if (roll < 50 || _pendingWithdrawalIds.Count == 0)
        {
            var id = Chance(5) && _nextWithdrawalId > 1 ? _nextWithdrawalId - 1 : _nextWithdrawalId++;
            _pendingWithdrawalIds.Add(id);
            var accountId = PickAccount();
            var assetId = Pick(_scenario.AssetIds);
            var amount = accountId == _scenario.TightAccountId || Chance(50) ? 1 + _random.Next(200_000) : 1 + _random.Next(20_000_000);
            return new Command { Type = CommandType.RequestWithdrawal, WithdrawalId = id, AccountId = accountId, AssetId = assetId, Amount = amount };
        }

        var index = _random.Next(_pendingWithdrawalIds.Count);
        var withdrawalId = Chance(10) ? 999_999 : _pendingWithdrawalIds[index];
        _pendingWithdrawalIds.RemoveAt(index);
        return new Command { Type = roll < 75 ? CommandType.CompleteWithdrawal : CommandType.FailWithdrawal, WithdrawalId = withdrawalId };
    }

    private Command Status()
    {
        var instrumentId = PickInstrument();
        var status = Chance(50) ? InstrumentStatus.Halted : InstrumentStatus.CancelOnly;
        _statuses[instrumentId] = status;
        return CoreDriver.Status(instrumentId, status);
    }

    /// <summary>Changes the minimums (zero fields keep their values) or tries a new tick size.</summary>
    private Command UpdateInstrument()
    {
        var instrumentId = PickInstrument();
        var command = new Command { Type = CommandType.UpdateInstrument, InstrumentId = instrumentId };
        var (_, tickValue) = PropertyScenario.Factors(instrumentId);
        switch (_random.Next(4))
        {
            case 0:
                command.Instrument.MinQuantityLots = 1 + _random.Next(3);
                break;
            case 1:
                command.Instrument.MinNotional = 1 + _random.Next(4 * (int)PropertyScenario.MidPriceTicks * (int)tickValue);
                break;
            case 2:
                command.Instrument.MinQuantityLots = 1 + _random.Next(2);
                command.Instrument.MinNotional = 1 + _random.Next(2 * (int)PropertyScenario.MidPriceTicks * (int)tickValue);
                break;
            default:
                command.Instrument.TickSize = new ScaledDecimal(1 + _random.Next(2), instrumentId == 1 ? 2 : 1);
                break;
        }


        return command;
    }

    /// <summary>Changes a fee tier's rates (sometimes out of range), or tries to create an account that exists.</summary>
    private Command FeeTierOrAccount()
    {
        if (Chance(25))
        {
            return CoreDriver.CreateAccount(PickAccount(), Chance(50) ? 0 : 99);
        }

        var tier = Pick(_scenario.FeeTierIds);
        var command = tier != 0 || Chance(10) ? CoreDriver.FeeTier(tier, _random.Next(-40, 41), _random.Next(0, 60)) : CoreDriver.FeeTier(tier, 0, 0);

        switch (_random.Next(12))
        {
            case 0:
                command.TakerFeeBps = -1;
                break;
            case 1:
                command.MakerFeeBps = -10_001;
                break;
            case 2:
                command.TakerFeeBps = 10_001;
                break;
            case 3:
                command.FeeTier = -1;
                break;
            default:
                break;
        }

        return command;
    }

    private Command SetAccountFeeTier() => CoreDriver.AccountFeeTier(PickAccount(), Chance(5) ? 77 : Pick(_scenario.FeeTierIds));
}
