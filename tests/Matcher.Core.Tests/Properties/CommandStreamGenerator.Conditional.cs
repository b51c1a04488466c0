using Matcher.Core.Commands;
using Matcher.Core.State;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// The generator's conditional orders (stop and take-profit, market and limit; trailing
/// stops by ticks and by basis points), icebergs, amends of waiting orders, and their
/// invalid variants. Stop prices sit a few ticks from the last trade price, so trades in
/// the narrow band around the mid trigger them often and cascades happen.
/// </summary>
internal sealed partial class CommandStreamGenerator
{
    private Command PlaceConditional(PropertyHarness market, IReadOnlyList<OrderView> live, long nowNs)
    {
        var accountId = PickAccount();
        var instrumentId = PickInstrument();
        var side = PickSide();
        var last = market.LastTradePriceTicks(instrumentId);
        var roll = _random.Next(100);
        if (roll >= 72)
        {
            return Trailing(accountId, instrumentId, side);
        }

        var trigger = roll < 42 ? TriggerType.Stop : TriggerType.TakeProfit;
        var stop = PickStopPrice(trigger, side, last);
        Command command;
        if (Chance(45))
        {
            command = MarketOrder(accountId, instrumentId, side);
        }
        else
        {
            command = PlaceLimit(live, nowNs) with { AccountId = accountId, InstrumentId = instrumentId, Side = side, PostOnly = false };

            // The limit sits near the stop: a little beyond it (so it can trade when triggered) or short of it.
            command.PriceTicks = Math.Max(1, stop + (side == Side.Buy ? _random.Next(-2, 5) : _random.Next(-4, 3)));
        }

        command.Trigger = trigger;
        command.StopPriceTicks = stop;
        return command;
    }

    /// <summary>A stop price one to six ticks from the last trade on the side it waits for; now and then one the last trade has reached.</summary>
    private long PickStopPrice(TriggerType trigger, Side side, long lastTicks)
    {
        var reference = lastTicks == 0 ? PropertyScenario.MidPriceTicks : lastTicks;
        var onRise = (trigger != TriggerType.TakeProfit) == (side == Side.Buy);
        var distance = Chance(8) ? -_random.Next(2) : 1 + _random.Next(6);
        return onRise ? reference + distance : reference - distance;
    }

    /// <summary>A trailing stop: a market order by ticks or (sometimes a truncating) basis-point offset.</summary>
    private Command Trailing(long accountId, int instrumentId, Side side)
    {
        var command = MarketOrder(accountId, instrumentId, side);
        command.Trigger = TriggerType.TrailingStop;
        var roll = _random.Next(100);
        if (roll < 55)
        {
            command.TrailingOffsetTicks = 1 + _random.Next(8);
        }
        else if (roll < 93)
        {
            command.TrailingOffsetBps = 10 + _random.Next(80);
        }
        else
        {
            // Less than a tick at prices near the mid.
            command.TrailingOffsetBps = 1 + _random.Next(9);
        }

        return command;
    }

    /// <summary>A market order as <see cref="PlaceMarket"/> draws it, for this account, instrument and side (a budget only on a buy).</summary>
    private Command MarketOrder(long accountId, int instrumentId, Side side)
    {
        var command = PlaceMarket() with { AccountId = accountId, InstrumentId = instrumentId };
        return command.Side == side
            ? command
            : command with { Side = side, QuoteBudget = 0, QuantityLots = command.QuantityLots == 0 ? PickQuantity(instrumentId) : command.QuantityLots };
    }

    /// <summary>A display quantity on some limit orders that can rest (at or above the quantity: an ordinary order).</summary>
    private void MaybeIceberg(ref Command command)
    {
        if (command.TimeInForce is TimeInForce.GoodTillCancel or TimeInForce.GoodTillDate or TimeInForce.None && Chance(18))
        {
            command.DisplayLots = 1 + _random.Next((int)Math.Max(1, command.QuantityLots / 2 + 1));
        }
    }

    /// <summary>Changes a waiting order's stop price, quantity or limit price; sometimes in a way the spec refuses.</summary>
    private void AmendWaiting(ref Command command, WaitingView order, long lastTicks)
    {
        var roll = _random.Next(100);
        var newStop = order.Trigger == TriggerType.TrailingStop ? 0 : PickStopPrice(order.Trigger, order.Side, lastTicks);
        var newQuantity = order.QuoteBudget > 0 ? 0 : PickQuantity(order.InstrumentId);
        var newPrice = order.Type == OrderType.Limit ? PickPrice(order.Side) : 0;
        switch (roll)
        {
            case < 30:
                command.StopPriceTicks = newStop;
                command.QuantityLots = newStop == 0 ? newQuantity : 0;
                break;
            case < 50:
                command.QuantityLots = newQuantity;
                break;
            case < 65:
                command.PriceTicks = newPrice;
                command.QuantityLots = newPrice == 0 ? newQuantity : 0;
                break;
            case < 80:
                command.StopPriceTicks = newStop;
                command.QuantityLots = newQuantity;
                command.PriceTicks = newPrice;
                break;
            case < 87:
                command.StopPriceTicks = Chance(50) && order.Trigger != TriggerType.TrailingStop ? order.StopPriceTicks : 0;
                command.QuantityLots = Chance(50) ? order.QuantityLots : 0;
                break;
            case < 91:
                command.StopPriceTicks = -1;
                break;
            case < 95:
                // A price on a waiting market order, or a stop price on a trailing stop.
                command.PriceTicks = order.Type == OrderType.Market ? PropertyScenario.MidPriceTicks : 0;
                command.StopPriceTicks = order.Trigger == TriggerType.TrailingStop ? PropertyScenario.MidPriceTicks : 0;
                command.QuantityLots = order.QuoteBudget > 0 ? 1 : -1;
                break;
            default:
                command.QuantityLots = Math.Max(1, newQuantity) * 1_000_000;
                break;
        }
    }
}
