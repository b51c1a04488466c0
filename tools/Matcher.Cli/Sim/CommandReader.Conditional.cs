using Matcher.Core.Commands;
using Matcher.Core.State;

namespace Matcher.Cli.Sim;

/// <summary>
/// The fields of conditional orders, icebergs and OCO pairs on place_order, and the quote,
/// market-maker protection and circuit-breaker commands (docs/SIM.md).
/// </summary>
internal sealed partial class CommandReader
{
    /// <summary>quote: a two-sided quote on one instrument, replacing the account's previous one.</summary>
    public Command ReadQuote(JsonFields f)
    {
        var command = new Command { Type = CommandType.Quote, AccountId = f.RequiredInteger("account") };
        var instrument = RequiredInstrument(f, "instrument");
        command.InstrumentId = instrument.Id;
        command.PriceTicks = f.Decimal("bid_price") is { } bidPrice ? Conversions.Ticks(instrument, bidPrice) : 0;
        command.QuantityLots = f.Decimal("bid_quantity") is { } bidQuantity ? Conversions.Lots(instrument, bidQuantity) : 0;
        command.AskPriceTicks = f.Decimal("ask_price") is { } askPrice ? Conversions.Ticks(instrument, askPrice) : 0;
        command.AskQuantityLots = f.Decimal("ask_quantity") is { } askQuantity ? Conversions.Lots(instrument, askQuantity) : 0;
        command.SelfTradePrevention = f.Enum<SelfTradePrevention>("stp") ?? SelfTradePrevention.None;
        command.ClientOrderId = ClientId(f, "client_order_id");
        return command;
    }

    /// <summary>set_market_maker_protection: fills in a window (ns) above which the account's quotes are pulled (0: no limit).</summary>
    public static Command ReadSetMarketMakerProtection(JsonFields f) => new()
    {
        Type = CommandType.SetMarketMakerProtection,
        AccountId = f.RequiredInteger("account"),
        WindowNs = f.Integer("window_ns", long.MinValue, long.MaxValue) ?? 0,
        QuantityLots = f.Integer("max_lots", long.MinValue, long.MaxValue) ?? 0,
        MaxFills = (int)(f.Integer("max_fills", int.MinValue, int.MaxValue) ?? 0),
    };

    /// <summary>reset_market_maker_protection: lets a tripped account quote again.</summary>
    public static Command ReadResetMarketMakerProtection(JsonFields f) => new()
    {
        Type = CommandType.ResetMarketMakerProtection,
        AccountId = f.RequiredInteger("account"),
    };

    /// <summary>set_circuit_breaker: the largest move in basis points within a window (ns) before the instrument stops (0: none).</summary>
    public Command ReadSetCircuitBreaker(JsonFields f) => new()
    {
        Type = CommandType.SetCircuitBreaker,
        InstrumentId = RequiredInstrument(f, "instrument").Id,
        Amount = f.Integer("limit_bps", long.MinValue, long.MaxValue) ?? 0,
        WindowNs = f.Integer("window_ns", long.MinValue, long.MaxValue) ?? 0,
    };

    /// <summary>place_order's trigger, trailing offset, display quantity and OCO link; absent fields are zero.</summary>
    private static void ReadConditions(JsonFields f, Instrument instrument, ref Command command)
    {
        command.Trigger = f.Enum<TriggerType>("trigger") ?? TriggerType.None;
        command.StopPriceTicks = f.Decimal("stop_price") is { } stop ? Conversions.Ticks(instrument, stop) : 0;
        command.TrailingOffsetTicks = f.Decimal("trailing_offset") is { } offset ? Conversions.Ticks(instrument, offset) : 0;
        command.TrailingOffsetBps = f.Integer("trailing_offset_bps", long.MinValue, long.MaxValue) ?? 0;
        command.DisplayLots = f.Decimal("display_quantity") is { } display ? Conversions.Lots(instrument, display) : 0;
        command.Contingency = f.Enum<ContingencyType>("contingency") ?? ContingencyType.None;
        command.LinkedOrderId = f.Integer("linked_order_id") ?? 0;
        command.LinkedClientOrderId = ClientId(f, "linked_client_order_id");
    }
}
