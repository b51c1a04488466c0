using Matcher.Core.Commands;
using Matcher.Core.State;

namespace Matcher.Core.Tests.Properties;

/// <summary>The generator's invalid orders: each has one deliberate defect (sometimes two) that the spec names a reject reason for.</summary>
internal sealed partial class CommandStreamGenerator
{
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

    /// <summary>A conditional order or iceberg with one deliberate defect.</summary>
    private Command InvalidAdvanced(PropertyHarness market, IReadOnlyList<OrderView> live, long nowNs)
    {
        var command = PlaceConditional(market, live, nowNs);
        var isMarket = command.OrderType == OrderType.Market;
        switch (_random.Next(9))
        {
            case 0:
                command.Trigger = TriggerType.None;
                break;
            case 1:
                command.Trigger = (TriggerType)(4 + _random.Next(3));
                break;
            case 2:
                command = command with { OrderType = OrderType.Limit, PriceTicks = PropertyScenario.MidPriceTicks, QuoteBudget = 0, TimeInForce = TimeInForce.GoodTillCancel, PostOnly = true };
                command.QuantityLots = Math.Max(2, command.QuantityLots);
                break;
            case 3:
                command.StopPriceTicks = command.Trigger == TriggerType.TrailingStop ? PropertyScenario.MidPriceTicks : 0;
                break;
            case 4:
                command.TrailingOffsetTicks = 1 + _random.Next(3);
                command.TrailingOffsetBps = command.Trigger == TriggerType.TrailingStop ? 20 : command.TrailingOffsetBps;
                break;
            case 5:
                command = command with { Trigger = TriggerType.TrailingStop, StopPriceTicks = 0, TrailingOffsetTicks = 3 };
                command = isMarket ? command with { TrailingOffsetTicks = -3 } : command;
                break;
            case 6:
                command.DisplayLots = isMarket ? 1 : -1;
                break;
            case 7:
                command = PlaceLimit(live, nowNs) with { TimeInForce = Chance(50) ? TimeInForce.ImmediateOrCancel : TimeInForce.FillOrKill, ExpireTimeNs = 0, PostOnly = false };
                command.DisplayLots = 1;
                break;
            default:
                command.QuantityLots = 100_000_000;
                command.QuoteBudget = 0;
                break;
        }

        return command;
    }
}
