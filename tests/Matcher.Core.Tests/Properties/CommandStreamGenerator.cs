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
/// instrument-minimum changes, and a share of invalid commands. It reads the live orders
/// to aim cancels and amends at real orders. Order entry comes from a few gateway
/// sessions shared by all accounts, so an account's orders belong to several sessions.
/// </summary>
internal sealed class CommandStreamGenerator
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

    /// <summary>The next command; <paramref name="live"/> is the current book, <paramref name="nowNs"/> the time it will carry.</summary>
    public Command Next(IReadOnlyList<OrderView> live, long nowNs)
    {
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
            < 420 => PlaceLimit(live, nowNs),
            < 500 => PlaceMarket(),
            < 610 => Cancel(live),
            < 725 => Amend(live, replace: false),
            < 740 => CancelSessionOrders(),
            < 800 => Amend(live, replace: true),
            < 820 => MassCancel(),
            < 860 => CoreDriver.Expire(),
            < 880 => Deposit(),
            < 910 => Withdrawal(),
            < 918 => Status(),
            < 930 => SetAccountFeeTier(),
            < 937 => UpdateInstrument(),
            < 945 => FeeTierOrAccount(),
            _ => Invalid(live, nowNs),
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
        return CoreDriver.Limit(accountId, side, PickPrice(side), PickQuantity(instrumentId), tif, PickClientOrderId(accountId, live), PickStp(),
            postOnly: tif is TimeInForce.GoodTillCancel or TimeInForce.GoodTillDate && Chance(12),
            expireTimeNs: tif == TimeInForce.GoodTillDate ? nowNs + (1 + _random.Next(40)) * PropertyScenario.StepNs : 0,
            instrumentId: instrumentId);
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
    private void Target(ref Command command, OrderView order)
    {
        command.AccountId = order.AccountId;
        if (!order.ClientOrderId.IsEmpty && Chance(35))
        {
            command.ClientOrderId = order.ClientOrderId;
        }
        else
        {
            command.OrderId = order.OrderId;
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

    private Command Cancel(IReadOnlyList<OrderView> live)
    {
        var command = new Command { Type = CommandType.CancelOrder };
        if (PickLive(live) is { } order && Chance(88))
        {
            Target(ref command, order);
        }
        else
        {
            TargetUnknown(ref command, live);
        }

        return command;
    }

    private Command Amend(IReadOnlyList<OrderView> live, bool replace)
    {
        var command = new Command { Type = replace ? CommandType.CancelReplace : CommandType.AmendOrder };
        if (replace)
        {
            command.NewClientOrderId = NewClientOrderId();
        }

        if (PickLive(live) is not { } order || Chance(6))
        {
            TargetUnknown(ref command, live);
            return command;
        }

        Target(ref command, order);
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
            var newIdRoll = _random.Next(100);
            if (newIdRoll < 6)
            {
                command.NewClientOrderId = default;
            }
            else if (newIdRoll < 14)
            {
                command.NewClientOrderId = order.ClientOrderId;
            }
            else if (newIdRoll < 24)
            {
                foreach (var other in live)
                {
                    if (other.AccountId == order.AccountId && other.OrderId != order.OrderId && !other.ClientOrderId.IsEmpty)
                    {
                        command.NewClientOrderId = other.ClientOrderId;
                        break;
                    }
                }
            }
        }

        return command;
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

    /// <summary>A place order with one deliberate defect (sometimes two).</summary>
    private Command Invalid(IReadOnlyList<OrderView> live, long nowNs)
    {
        var command = _random.Next(4) == 0 ? PlaceMarket() : PlaceLimit(live, nowNs);
        var isMarket = command.OrderType == OrderType.Market;
        switch (_random.Next(16))
        {
            case 0:
                command.AccountId = 99;
                break;
            case 1:
                command.InstrumentId = 42;
                break;
            case 2:
                command.Side = (Side)(_random.Next(2) * 3);
                break;
            case 3:
                command.OrderType = (OrderType)(_random.Next(2) * 3);
                break;
            case 4:
                command.TimeInForce = isMarket ? (Chance(50) ? TimeInForce.GoodTillCancel : TimeInForce.GoodTillDate) : (TimeInForce)9;
                break;
            case 5:
                command.QuantityLots = isMarket && command.QuoteBudget > 0 ? 3 : -_random.Next(3);
                break;
            case 6:
                command.PriceTicks = isMarket ? PropertyScenario.MidPriceTicks : -_random.Next(2);
                break;
            case 7:
                command.SelfTradePrevention = (SelfTradePrevention)(5 + _random.Next(3));
                break;
            case 8:
                command.PostOnly = true;
                command.TimeInForce = isMarket ? command.TimeInForce : TimeInForce.ImmediateOrCancel;
                break;
            case 9:
                command.QuoteBudget = 5_000;
                break;
            case 10:
                command.ExpireTimeNs = command.TimeInForce == TimeInForce.GoodTillDate ? nowNs - _random.Next(2) * PropertyScenario.StepNs : nowNs + PropertyScenario.StepNs;
                break;
            case 11:
                MakeMarketBuy(ref command, quoteBudget: 50_000, TimeInForce.FillOrKill);
                break;
            case 12:
                command.QuantityLots = 1;
                command.InstrumentId = 2;
                command.PriceTicks = isMarket ? 0 : command.PriceTicks;
                break;
            case 13:
                MakeMarketBuy(ref command, quoteBudget: 0, TimeInForce.ImmediateOrCancel);
                break;
            case 14:
                command.QuantityLots = 100_000_000_000;
                break;
            default:
                command.AccountId = _scenario.TightAccountId != 0 ? _scenario.TightAccountId : command.AccountId;
                command.QuantityLots = 40;
                break;
        }

        return command;
    }

    /// <summary>Turns a place order into a market buy with this budget and time in force, and no price, quantity, post-only or expiry.</summary>
    private static void MakeMarketBuy(ref Command command, long quoteBudget, TimeInForce tif)
    {
        command.OrderType = OrderType.Market;
        command.Side = Side.Buy;
        command.PriceTicks = 0;
        command.QuantityLots = 0;
        command.QuoteBudget = quoteBudget;
        command.TimeInForce = tif;
        command.PostOnly = false;
        command.ExpireTimeNs = 0;
    }
}
